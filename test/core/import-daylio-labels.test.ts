import { describe, expect, it } from 'vitest';
import { parseDaylio, parseMoodMap } from '../../src/core/import-daylio';

const file = (label: string) =>
  `full_date,date,weekday,time,mood,activities,note_title,note\n2026-11-20,November 20,Friday,20:15,${label},,,\n`;

describe('Daylio mood labels that are also names of object properties', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    '%s is an unknown label (exit 2), not a crash',
    (label) => {
      expect(() => parseDaylio(file(label), {}, 'daylio.csv')).toThrow(/mood labels connect does not know/);
    },
  );
  it.each(['__proto__', 'constructor'])('--map "%s=4" is honoured like any label', (label) => {
    const moods = parseDaylio(file(label), parseMoodMap([`${label}=4`]), 'daylio.csv');
    expect(moods.map((m) => m.mood)).toEqual([4]);
  });
});
