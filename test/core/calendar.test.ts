import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { calendarGrid, dayKey, localDayRuns, localDayStarts, weekAround, weekOf } from '../../src/core/calendar';

// vitest.config runs these in Europe/Berlin.
const at = (iso: string) => new Date(iso);

describe('local days and weeks', () => {
  it.each([
    ['2026-11-22T22:30:00Z', '2026-11-22', 'Sunday 23:30 in Berlin is still Sunday'],
    ['2026-11-22T23:30:00Z', '2026-11-23', 'Monday 00:30 in Berlin is Monday'],
    ['2026-10-25T22:30:00Z', '2026-10-25', 'after the autumn change Berlin is UTC+1'],
    ['2026-10-24T22:30:00Z', '2026-10-25', 'before it Berlin is UTC+2'],
  ])('%s is %s (%s)', (instant, key) => {
    expect(dayKey(at(instant))).toBe(key);
  });

  it('a Monday week holds Sunday 23:30 and not Monday 00:30', () => {
    const week = weekOf(at('2026-11-22T22:30:00Z'), 'monday');
    expect(dayKey(week.start)).toBe('2026-11-16');
    expect(at('2026-11-22T22:30:00Z') < week.next).toBe(true);
    expect(at('2026-11-22T23:30:00Z') >= week.next).toBe(true);
  });

  it('the DST week of 2026-10-25 has seven days and is 169 hours long', () => {
    const week = weekOf(at('2026-10-21T12:00:00Z'), 'monday');
    expect(week.days.map(dayKey)).toEqual([
      '2026-10-19',
      '2026-10-20',
      '2026-10-21',
      '2026-10-22',
      '2026-10-23',
      '2026-10-24',
      '2026-10-25',
    ]);
    expect((week.next.getTime() - week.start.getTime()) / 3_600_000).toBe(169);
    expect(dayKey(week.next)).toBe('2026-10-26');
  });

  it('a Sunday week starts on Sunday', () => {
    const week = weekOf(at('2026-11-22T22:30:00Z'), 'sunday');
    expect(dayKey(week.start)).toBe('2026-11-22');
    expect(dayKey(week.days[6])).toBe('2026-11-28');
    expect(dayKey(weekAround(week.start, 'sunday', -1).start)).toBe('2026-11-15');
  });
});

describe('calendarGrid', () => {
  it('counts connections per local day and lays them out in weeks', () => {
    const moments = [
      { at: at('2026-11-22T22:30:00Z'), minutes: 20 },
      { at: at('2026-11-22T10:00:00Z'), minutes: null },
      { at: at('2026-11-22T23:30:00Z'), minutes: 15 },
    ];
    const asked: [Date, Date][] = [];
    const grid = calendarGrid(
      (from, to) => {
        asked.push([from, to]);
        const inDay = moments.filter((m) => m.at >= from && m.at < to);
        return { interactions: inDay.length, minutes: inDay.reduce((sum, m) => sum + (m.minutes ?? 0), 0) };
      },
      { now: at('2026-11-26T10:00:00Z'), months: 1, weekStart: 'monday' },
    );
    // Each day is asked for once, from its local midnight to the next: the days meet without a gap.
    expect(asked).toHaveLength(grid.days.length);
    asked.forEach(([from, to], i) => {
      expect(from).toEqual(grid.days[i].date);
      if (i + 1 < asked.length) expect(to).toEqual(asked[i + 1][0]);
    });
    expect(dayKey(grid.first)).toBe('2026-10-27');
    expect(dayKey(grid.last)).toBe('2026-11-26');
    const sunday = grid.days.find((d) => dayKey(d.date) === '2026-11-22')!;
    expect([sunday.interactions, sunday.minutes]).toEqual([2, 20]);
    expect(grid.days.find((d) => dayKey(d.date) === '2026-11-23')!.interactions).toBe(1);
    for (const week of grid.weeks) expect(week).toHaveLength(7);
    // Monday 26 October is before the range; Friday 27 November after it.
    expect(grid.weeks[0][0]).toBeNull();
    expect(grid.weeks[0][1]!.date.getDate()).toBe(27);
    expect(grid.weeks[grid.weeks.length - 1][4]).toBeNull();
  });
});

describe('localDayStarts', () => {
  // Node re-reads the zone whenever process.env.TZ is set.
  const configured = process.env.TZ;
  afterEach(() => {
    process.env.TZ = configured;
  });

  /** Each day's start read back from its date, one day at a time: what the starts must equal. */
  function fromEachDate(first: Date, last: Date): number[] {
    const starts: number[] = [];
    for (let i = 0; ; i++) {
      const day = new Date(first.getFullYear(), first.getMonth(), first.getDate() + i);
      starts.push(day.getTime());
      if (day > last) return starts;
    }
  }

  it('starts a day whose midnight the clocks skip when it begins, and the next one at its midnight', () => {
    process.env.TZ = 'America/Santiago';
    // Chile's clocks went from 00:00 to 01:00 on 8 September 2019.
    const starts = localDayStarts(new Date(2019, 8, 6, 12), new Date(2019, 8, 9, 12));
    expect(starts.map((ms) => new Date(ms).toString().slice(4, 21))).toEqual([
      'Sep 06 2019 00:00',
      'Sep 07 2019 00:00',
      'Sep 08 2019 01:00',
      'Sep 09 2019 00:00',
      'Sep 10 2019 00:00',
    ]);
    process.env.TZ = 'Pacific/Apia';
    // Samoa skipped 30 December 2011 whole: that day starts, and ends, when the 31st does.
    const skipped = localDayStarts(new Date(2011, 11, 29, 12), new Date(2012, 0, 1, 12));
    expect(skipped).toEqual(fromEachDate(new Date(2011, 11, 29, 12), new Date(2012, 0, 1, 12)));
    expect(skipped[1]).toBe(skipped[2]);
  });

  it('come as runs of days of one length: ten years in Berlin as a run between each two clock changes', () => {
    process.env.TZ = 'Europe/Berlin';
    const [first, last] = [new Date(2016, 2, 20, 9), new Date(2026, 10, 26, 11)];
    const runs = localDayRuns(first, last);
    // 22 clock changes, each a run of one 23- or 25-hour day, with runs of 24-hour days between and at both ends.
    expect(runs).toHaveLength(45);
    expect(runs.filter((run) => run.length !== 86_400_000).map((run) => [run.length / 3_600_000, run.count])).toEqual(
      Array.from({ length: 22 }, (_, i) => [i % 2 === 0 ? 23 : 25, 1]),
    );
    expect(runs.reduce((days, run) => days + run.count, 0)).toBe(localDayStarts(first, last).length - 1);
  });

  it.each([
    'Europe/Berlin',
    'America/New_York',
    'America/Santiago',
    'America/Havana',
    'Asia/Beirut',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'Pacific/Apia',
    'Africa/Casablanca',
    'America/Sao_Paulo',
  ])('equal each day read back from its date in %s (property)', (zone) => {
    process.env.TZ = zone;
    const instant = fc.integer({ min: Date.UTC(1975, 0, 1), max: Date.UTC(2040, 0, 1) });
    fc.assert(
      fc.property(instant, fc.integer({ min: -3, max: 1200 }), (first, days) => {
        const last = new Date(first + days * 86_400_000);
        expect(localDayStarts(new Date(first), last)).toEqual(fromEachDate(new Date(first), last));
      }),
      { numRuns: 60 },
    );
  });
});
