import { describe, expect, it } from 'vitest';
import { addDays } from 'date-fns/addDays';
import {
  checkinsStayHeavy,
  decideHelpLine,
  HELP_LINE,
  helpLineReason,
  moodStayedLow,
  type MoodReading,
} from '../../src/core/help-line';

// TZ is Europe/Berlin (vitest.config.ts); "now" is a Thursday morning.
const now = new Date('2026-11-26T10:00:00+01:00');
const daysAgo = (days: number, hour = 20) => {
  const day = addDays(now, -days);
  day.setHours(hour, 0, 0, 0);
  return day;
};
const moods = (values: [number, number][]): MoodReading[] =>
  values.map(([ago, value]) => ({ at: daysAgo(ago), value }));
const lowFortnight = moods([
  [0, 2],
  [2, 1],
  [4, 2],
  [6, 2],
  [8, 2],
  [10, 1],
  [12, 2],
]);
const checkins = (values: [number, number][]) => values.map(([ago, score]) => ({ at: daysAgo(ago), score }));

describe('the professional-help line', () => {
  it('is the post’s own line', () => {
    expect(HELP_LINE).toBe(
      'If loneliness feels heavy or long-standing, talking with a mental health professional can help gently rebuild trust, confidence, and connection over time.',
    );
  });

  it('applies when mood has stayed low across two weeks', () => {
    expect(moodStayedLow(now, lowFortnight)).toBe(true);
    expect(decideHelpLine({ now, moods: lowFortnight, checkins: [], lastShown: null })).toBe(HELP_LINE);
  });

  it.each([
    [
      'moods that are fine',
      moods([
        [0, 4],
        [2, 3],
        [4, 4],
        [6, 3],
        [8, 4],
        [10, 3],
        [12, 4],
      ]),
    ],
    [
      'an average just above 2',
      moods([
        [0, 2],
        [2, 3],
        [4, 2],
        [6, 3],
        [8, 2],
        [10, 3],
        [12, 2],
      ]),
    ],
    [
      'only four days with a mood',
      moods([
        [0, 1],
        [4, 1],
        [8, 1],
        [12, 1],
      ]),
    ],
    [
      'a low week, nothing before it',
      moods([
        [0, 1],
        [1, 1],
        [2, 1],
        [3, 1],
        [4, 2],
        [5, 2],
        [6, 1],
      ]),
    ],
    [
      'a low spell that ended two weeks ago',
      moods([
        [14, 1],
        [15, 1],
        [16, 1],
        [17, 1],
        [18, 1],
        [20, 1],
        [22, 1],
      ]),
    ],
    ['no moods at all', []],
  ])('does not apply for %s', (_label, readings) => {
    expect(moodStayedLow(now, readings)).toBe(false);
    expect(decideHelpLine({ now, moods: readings, checkins: [], lastShown: null })).toBeNull();
  });

  it('weighs days, not entries: one bright day with many entries does not hide a low fortnight', () => {
    const many = [
      ...lowFortnight,
      ...moods([
        [1, 5],
        [1, 5],
        [1, 5],
        [1, 5],
        [1, 5],
        [1, 5],
      ]),
    ];
    // Daily averages: 2,5,1,2,2,2,1,2 → 2.125, so not "stayed low" — the bright day counts once.
    expect(moodStayedLow(now, many)).toBe(false);
    const dull = [
      ...lowFortnight,
      ...moods([
        [1, 2],
        [1, 2],
        [1, 3],
      ]),
    ];
    expect(moodStayedLow(now, dull)).toBe(true);
  });

  it('ignores moods in the future of now', () => {
    expect(
      moodStayedLow(
        now,
        moods([
          [-1, 1],
          [-2, 1],
          [-3, 1],
          [-9, 1],
          [-10, 1],
        ]),
      ),
    ).toBe(false);
  });

  it.each([
    [
      'the last two check-ins at 6 or more',
      checkins([
        [20, 4],
        [9, 6],
        [2, 8],
      ]),
      true,
    ],
    [
      'three heavy check-ins',
      checkins([
        [16, 7],
        [9, 9],
        [2, 6],
      ]),
      true,
    ],
    ['only one check-in, even a heavy one', checkins([[2, 9]]), false],
    [
      'the latest one lighter',
      checkins([
        [9, 8],
        [2, 5],
      ]),
      false,
    ],
    [
      'an earlier one lighter',
      checkins([
        [9, 5],
        [2, 8],
      ]),
      false,
    ],
    [
      'heavy check-ins long ago',
      checkins([
        [60, 8],
        [40, 8],
      ]),
      false,
    ],
    [
      'two heavy ones on the same day, a lighter one the day before',
      checkins([
        [3, 4],
        [1, 8],
        [1, 9],
      ]),
      false,
    ],
  ])('check-ins: %s → %s', (_label, list, expected) => {
    expect(checkinsStayHeavy(now, list)).toBe(expected);
    expect(helpLineReason({ now, moods: [], checkins: list })).toBe(expected ? 'heavy-checkins' : null);
  });

  it('takes the last check-in of a day as that day’s', () => {
    const sameDay = [
      { at: daysAgo(1, 9), score: 8 },
      { at: daysAgo(1, 21), score: 4 },
      { at: daysAgo(5), score: 8 },
    ];
    expect(checkinsStayHeavy(now, sameDay)).toBe(false);
  });

  it('comes at most once a week', () => {
    const base = { now, moods: lowFortnight, checkins: [] };
    expect(decideHelpLine({ ...base, lastShown: now })).toBeNull();
    expect(decideHelpLine({ ...base, lastShown: daysAgo(3) })).toBeNull();
    expect(decideHelpLine({ ...base, lastShown: daysAgo(6, 8) })).toBeNull();
    expect(decideHelpLine({ ...base, lastShown: daysAgo(7, 23) })).toBe(HELP_LINE);
    expect(decideHelpLine({ ...base, lastShown: daysAgo(30) })).toBe(HELP_LINE);
  });
});
