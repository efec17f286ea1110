import fc from 'fast-check';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { afterEach, describe, expect, it } from 'vitest';
import { calendarDaysBetween, dayKey, localDay, weekdayOfLocalDay } from '../../src/core/local-day';

// vitest runs each test file in its own process; Node re-reads the zone whenever process.env.TZ is set.
const configured = process.env.TZ;
afterEach(() => {
  process.env.TZ = configured;
});

function inZone(zone: string): void {
  process.env.TZ = zone;
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
}

const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2045, 0, 1) }).map((ms) => new Date(ms));

describe('localDay', () => {
  it('counts days from 1 January 1970, whatever the time of day', () => {
    inZone('Europe/Berlin');
    expect(localDay(new Date(1970, 0, 1))).toBe(0);
    expect(localDay(new Date(1970, 0, 1, 23, 59, 59, 999))).toBe(0);
    expect(localDay(new Date(1970, 0, 2, 0, 0))).toBe(1);
    expect(localDay(new Date(1969, 11, 31, 12))).toBe(-1);
    expect(localDay(new Date('2026-11-26T10:00:00Z'))).toBe(20_783); // 56 years and 329 days, 14 of them leap days
  });

  it.each([
    // zone, the day the clocks go forward, the day they go back (2026)
    ['Europe/Berlin', [2026, 2, 29], [2026, 9, 25]],
    ['America/New_York', [2026, 2, 8], [2026, 10, 1]],
  ] as const)('keeps whole days through both DST changes in %s', (zone, spring, autumn) => {
    inZone(zone);
    for (const [y, m, d] of [spring, autumn]) {
      const before = new Date(y, m, d - 1, 23, 30);
      const startOfChange = new Date(y, m, d, 0, 0);
      const endOfChange = new Date(y, m, d, 23, 59);
      const after = new Date(y, m, d + 1, 0, 30);
      // The change day really is 23 or 25 hours long here.
      expect(Math.abs(new Date(y, m, d + 1).getTime() - startOfChange.getTime() - 86_400_000)).toBe(3_600_000);
      expect(localDay(startOfChange)).toBe(localDay(endOfChange));
      expect(localDay(startOfChange) - localDay(before)).toBe(1);
      expect(localDay(after) - localDay(endOfChange)).toBe(1);
      expect(calendarDaysBetween(after, before)).toBe(2);
      expect(calendarDaysBetween(new Date(y, m, d + 7, 9), new Date(y, m, d - 7, 21))).toBe(14);
      expect(weekdayOfLocalDay(localDay(endOfChange))).toBe(0);
    }
  });

  it('is the local day, not the UTC one', () => {
    inZone('America/New_York');
    // 23:30 on the night the clocks went back is already 2 November in UTC.
    const lateEvening = new Date('2026-11-02T04:30:00Z');
    expect(lateEvening.getDate()).toBe(1);
    expect(localDay(lateEvening)).toBe(localDay(new Date(2026, 10, 1)));
    inZone('Europe/Berlin');
    // 00:30 on the morning the clocks went forward is still 28 March in UTC.
    const earlyMorning = new Date('2026-03-28T23:30:00Z');
    expect(localDay(earlyMorning)).toBe(localDay(new Date(2026, 2, 29, 12)));
  });

  it.each(['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Pacific/Apia', 'UTC'])(
    'counts calendar days exactly as date-fns differenceInCalendarDays does, in %s',
    (zone) => {
      inZone(zone);
      fc.assert(
        fc.property(instant, instant, (a, b) => {
          expect(calendarDaysBetween(a, b)).toBe(differenceInCalendarDays(a, b));
          expect(weekdayOfLocalDay(localDay(a))).toBe(a.getDay());
          expect(Number.isInteger(localDay(a))).toBe(true);
        }),
        { numRuns: 2000 },
      );
    },
  );

  it('reads years 0–99 as themselves, not as 1900–1999', () => {
    inZone('UTC');
    const early = new Date(0);
    early.setUTCFullYear(50, 5, 15);
    const later = new Date(0);
    later.setUTCFullYear(1950, 5, 15);
    expect(calendarDaysBetween(later, early)).toBe(differenceInCalendarDays(later, early));
    expect(weekdayOfLocalDay(localDay(early))).toBe(early.getDay());
  });
});

describe('dayKey', () => {
  it('is the local calendar day, not the UTC one', () => {
    inZone('Europe/Berlin');
    expect(dayKey(new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-27');
    expect(dayKey(new Date('2026-11-26T22:59:00Z'))).toBe('2026-11-26');
  });

  it('writes four-digit years', () => {
    expect(dayKey(new Date(2026, 0, 5))).toBe('2026-01-05');
    const early = new Date(2026, 0, 5);
    early.setFullYear(987);
    expect(dayKey(early)).toBe('0987-01-05');
  });
});
