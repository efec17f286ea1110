import { describe, expect, it } from 'vitest';
import { calendarGrid, dayKey, weekAround, weekOf } from '../../src/core/calendar';

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
