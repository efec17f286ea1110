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

  it.each(['tomorrow', 'in 3 days', 'next year', '2026-12-01'])('refuses the future: %s', (text) => {
    expect(() => parseWhen(text, now, { flag: '--when' })).toThrow(/is in the future/);
  });

  it('allows the future where asked', () => {
    expect(parseWhen('tomorrow', now, { flag: '--until', allowFuture: true, reading: 'end' }).getDate()).toBe(27);
  });

  it.each(['', 'banana', 'yesterday-ish maybe', '2026-02-30', '2026-13-01', 'soon'])('refuses unreadable text %j with a usage error naming the forms', (text) => {
    expect(() => parseWhen(text, now, { flag: '--when' })).toThrow(UsageError);
    expect(() => parseWhen(text, now, { flag: '--when' })).toThrow(/Try "now", "2 hours ago", "yesterday 6pm"/);
  });

  it.each(['2026-11-20 18:30', '2026-11-20T07:05', '2026-03-29 03:15', '2026-10-25 02:30', '2025-02-28 0:00', '2024-02-29 23:59'])(
    'reads the date-and-time form %s itself, exactly as chrono-node would',
    (text) => {
      expect(parseWhen(text, now, { flag: '--when' }).getTime()).toBe(chrono.parseDate(text, now, { forwardDate: false })!.getTime());
    },
  );

  it.each(['2026-11-20 24:00', '2026-11-20 18:60', '2026-02-29 10:00', '2026-11-20 6pm-ish'])('refuses a date and time that is not one: %s', (text) => {
    expect(() => parseWhen(text, now, { flag: '--when' })).toThrow(UsageError);
  });
});
