import { describe, expect, it } from 'vitest';
import { describeEvery, formatEvery, isAnchored, parseEvery } from '../../src/core/every';
import { UsageError } from '../../src/errors';

describe('parseEvery', () => {
  it.each([
    ['day', { kind: 'days', n: 1 }],
    ['3 days', { kind: 'days', n: 3 }],
    ['1 day', { kind: 'days', n: 1 }],
    ['week', { kind: 'weeks', n: 1, weekday: null }],
    ['2 weeks', { kind: 'weeks', n: 2, weekday: null }],
    ['week on sunday', { kind: 'weeks', n: 1, weekday: 0 }],
    ['Week on Sunday', { kind: 'weeks', n: 1, weekday: 0 }],
    ['  week   on  sat ', { kind: 'weeks', n: 1, weekday: 6 }],
    ['2 weeks on friday', { kind: 'weeks', n: 2, weekday: 5 }],
    ['month', { kind: 'month' }],
    ['month on the first tuesday', { kind: 'month-weekday', ordinal: 1, weekday: 2 }],
    ['month on the second monday', { kind: 'month-weekday', ordinal: 2, weekday: 1 }],
    ['month on the third wednesday', { kind: 'month-weekday', ordinal: 3, weekday: 3 }],
    ['month on the fourth thursday', { kind: 'month-weekday', ordinal: 4, weekday: 4 }],
    ['month on the last friday', { kind: 'month-weekday', ordinal: -1, weekday: 5 }],
    ['month on the 15th', { kind: 'month-day', day: 15 }],
    ['month on the 1st', { kind: 'month-day', day: 1 }],
    ['month on the 31st', { kind: 'month-day', day: 31 }],
  ])('reads %j', (text, expected) => {
    expect(parseEvery(text)).toEqual(expected);
  });

  it.each([
    'fortnightly',
    '',
    '0 days',
    '400 days',
    '0 weeks',
    '53 weeks',
    'weeks',
    'week on funday',
    '2 months',
    'month on the fifth monday',
    'month on the 0th',
    'month on the 32nd',
    'every week',
    'week on',
    'sunday',
  ])('refuses %j with the forms that work', (text) => {
    let error: unknown;
    try {
      parseEvery(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain('week on sunday');
    expect((error as UsageError).message).toContain('month on the first tuesday');
    expect((error as UsageError).exitCode).toBe(2);
  });

  it('spells every form canonically, and reads that spelling back unchanged', () => {
    const texts = [
      'day',
      '3 days',
      'week',
      '2 weeks',
      'week on sunday',
      '2 weeks on friday',
      'month',
      'month on the first tuesday',
      'month on the last friday',
      'month on the 15th',
      'month on the 22nd',
      'month on the 3rd',
      'month on the 11th',
    ];
    for (const text of texts) {
      expect(formatEvery(parseEvery(text))).toBe(text);
      expect(parseEvery(formatEvery(parseEvery(text)))).toEqual(parseEvery(text));
    }
  });

  it('describes a rhythm for people to read', () => {
    expect(describeEvery(parseEvery('week on sunday'))).toBe('every week on Sunday');
    expect(describeEvery(parseEvery('month on the last friday'))).toBe('on the last Friday of each month');
    expect(describeEvery(parseEvery('month on the 1st'))).toBe('on the 1st of each month');
    expect(describeEvery(parseEvery('3 days'))).toBe('every 3 days');
  });

  it('knows which rhythms keep to the calendar', () => {
    expect(['day', '2 weeks', 'month'].map((t) => isAnchored(parseEvery(t)))).toEqual([false, false, false]);
    expect(
      ['week on monday', 'month on the first monday', 'month on the 9th'].map((t) => isAnchored(parseEvery(t))),
    ).toEqual([true, true, true]);
  });
});
