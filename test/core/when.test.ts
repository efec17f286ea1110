import * as chrono from 'chrono-node/en';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors';
import { parseWhen } from '../../src/core/when';

// vitest.config.mts runs unit tests in Europe/Berlin.
const now = new Date('2026-11-26T10:00:00Z'); // Thursday 11:00 in Berlin
const local = (date: Date) => date.toString().slice(0, 24);

describe('parseWhen', () => {
  it.each([
    ['now', 'Thu Nov 26 2026 11:00:00'],
    ['2 hours ago', 'Thu Nov 26 2026 09:00:00'],
    ['yesterday 6pm', 'Wed Nov 25 2026 18:00:00'],
    ['last friday', 'Fri Nov 20 2026 12:00:00'],
    ['friday', 'Fri Nov 20 2026 12:00:00'],
    ['2026-11-20', 'Fri Nov 20 2026 12:00:00'],
    ['2026-11-20 18:30', 'Fri Nov 20 2026 18:30:00'],
    ['2026-11-20T17:30:00Z', 'Fri Nov 20 2026 18:30:00'],
    ['today', 'Thu Nov 26 2026 11:00:00'],
  ])('reads %s as a past moment', (text, expected) => {
    expect(local(parseWhen(text, now, { flag: '--when' }))).toBe(expected);
  });

  it('reads a day as its start or end for ranges', () => {
    expect(local(parseWhen('2026-11-20', now, { flag: '--since', reading: 'start' }))).toBe('Fri Nov 20 2026 00:00:00');
    expect(local(parseWhen('yesterday', now, { flag: '--until', reading: 'end' }))).toBe('Wed Nov 25 2026 23:59:59');
  });

  it.each(['tomorrow', 'in 3 days', 'next year', '2026-12-01', 'next tuesday', 'next friday 6pm'])(
    'refuses the future: %s',
    (text) => {
      expect(() => parseWhen(text, now, { flag: '--when' })).toThrow(/is in the future/);
    },
  );

  it('allows the future where asked', () => {
    expect(parseWhen('tomorrow', now, { flag: '--until', allowFuture: true, reading: 'end' }).getDate()).toBe(27);
  });

  it.each(['', 'banana', 'yesterday-ish maybe', '2026-02-30', '2026-13-01', 'soon'])(
    'refuses unreadable text %j with a usage error naming the forms',
    (text) => {
      expect(() => parseWhen(text, now, { flag: '--when' })).toThrow(UsageError);
      expect(() => parseWhen(text, now, { flag: '--when' })).toThrow(/Try "now", "2 hours ago", "yesterday 6pm"/);
    },
  );

  it.each([
    '2026-11-20 18:30',
    '2026-11-20T07:05',
    '2026-03-29 03:15',
    '2026-10-25 02:30',
    '2025-02-28 0:00',
    '2024-02-29 23:59',
    '2026-03-29 01:59',
  ])('reads the date-and-time form %s itself, exactly as chrono-node would', (text) => {
    expect(parseWhen(text, now, { flag: '--when' }).getTime()).toBe(
      chrono.parseDate(text, now, { forwardDate: false })!.getTime(),
    );
  });

  it.each(['2026-11-20 24:00', '2026-11-20 18:60', '2026-02-29 10:00', '2026-11-20 6pm-ish'])(
    'refuses a date and time that is not one: %s',
    (text) => {
      expect(() => parseWhen(text, now, { flag: '--when' })).toThrow(UsageError);
    },
  );
});

/** Runs fn with the process in another time zone (Node re-reads TZ when it is assigned). */
function inZone<T>(tz: string, fn: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    process.env.TZ = before;
  }
}

describe('parseWhen across a change of the clocks', () => {
  describe.each([
    // 2019-03-10: New York springs forward; 2019-11-03 it falls back.
    [
      'America/New_York',
      '2019-03-12T17:30:00Z',
      'Tue Mar 12 2019 13:30:00',
      [
        ['3 days ago', 'Sat Mar 09 2019 13:30:00'],
        ['1 week ago', 'Tue Mar 05 2019 13:30:00'],
        ['a week ago', 'Tue Mar 05 2019 13:30:00'],
        ['last week', 'Tue Mar 05 2019 13:30:00'],
        ['2 days ago', 'Sun Mar 10 2019 13:30:00'],
        ['last month', 'Tue Feb 12 2019 13:30:00'],
        ['2 hours ago', 'Tue Mar 12 2019 11:30:00'],
      ],
    ],
    // 2026-03-29: Berlin springs forward; 2026-10-25 it falls back.
    [
      'Europe/Berlin',
      '2026-10-27T12:00:00Z',
      'Tue Oct 27 2026 13:00:00',
      [
        ['3 days ago', 'Sat Oct 24 2026 13:00:00'],
        ['one week ago', 'Tue Oct 20 2026 13:00:00'],
        ['last week', 'Tue Oct 20 2026 13:00:00'],
        ['1 year ago', 'Mon Oct 27 2025 13:00:00'],
        ['72 hours ago', 'Sat Oct 24 2026 14:00:00'],
      ],
    ],
  ] as [string, string, string, [string, string][]][])('in %s', (tz, instant, nowLocal, cases) => {
    const at = new Date(instant);
    it('starts from the local time the case says', () => {
      expect(inZone(tz, () => local(at))).toBe(nowLocal);
    });
    it.each(cases)('%s keeps the time on the clock (hours stay exact)', (text, expected) => {
      expect(inZone(tz, () => local(parseWhen(text, at, { flag: '--when' })))).toBe(expected);
    });
  });

  it.each([
    ['America/New_York', '2019-03-10 02:30', '2019-03-12T17:30:00Z', /from 02:00 to 03:00 .*Try 01:59 or 03:00\./],
    ['Europe/Berlin', '2026-03-29 02:30', '2026-04-02T10:00:00Z', /from 02:00 to 03:00 .*Try 01:59 or 03:00\./],
    ['Europe/Berlin', 'march 29 2026 2:15am', '2026-04-02T10:00:00Z', /Try 01:59 or 03:00\./],
  ])('in %s, refuses %s, which the clocks skipped, naming the nearest times', (tz, text, instant, message) => {
    expect(() => inZone(tz, () => parseWhen(text, new Date(instant), { flag: '--when' }))).toThrow(message);
  });

  it.each([
    ['America/New_York', '2019-11-03 01:30', '2019-11-03T05:30:00.000Z'],
    ['Europe/Berlin', '2026-10-25 02:30', '2026-10-25T00:30:00.000Z'],
  ])('in %s, reads %s, an hour that came twice, as its first time', (tz, text, iso) => {
    expect(inZone(tz, () => parseWhen(text, new Date('2026-12-01T00:00:00Z'), { flag: '--when' })).toISOString()).toBe(
      iso,
    );
  });
});
