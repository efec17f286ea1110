import { describe, expect, it } from 'vitest';
import {
  checkAnswers,
  CHECKIN_ITEMS,
  compareWithPrevious,
  describeScore,
  parseAnswers,
  scoreOf,
} from '../../src/core/checkin';
import { UsageError } from '../../src/errors';

describe('the three-item loneliness check-in', () => {
  it('asks the three items of EVIDENCE.md, word for word', () => {
    expect(CHECKIN_ITEMS).toEqual([
      'How often do you feel that you lack companionship?',
      'How often do you feel left out?',
      'How often do you feel isolated from others?',
    ]);
  });

  it.each([
    ['1,1,1', [1, 1, 1], 3],
    ['2,1,3', [2, 1, 3], 6],
    [' 3 , 3 ,3 ', [3, 3, 3], 9],
    ['2,2,1', [2, 2, 1], 5],
  ])('reads %j as %j with a score of %i', (text, answers, score) => {
    const parsed = parseAnswers(text);
    expect(parsed).toEqual(answers);
    expect(scoreOf(parsed)).toBe(score);
  });

  it.each(['', '1,2', '1,2,3,1', '0,1,2', '1,2,4', 'a,b,c', '1.5,2,2', '1;2;3', '-1,2,2', '12,1,1', '1,,2'])(
    'refuses %j with a usage error naming the form',
    (text) => {
      expect(() => parseAnswers(text)).toThrow(UsageError);
      expect(() => parseAnswers(text)).toThrow(/--answers takes three answers from 1 to 3, like 2,1,3/);
    },
  );

  it('checks prompted answers the same way', () => {
    expect(checkAnswers([1, 3, 2])).toEqual([1, 3, 2]);
    expect(() => checkAnswers([1, 3])).toThrow(UsageError);
    expect(() => checkAnswers([1, 3, 4])).toThrow(UsageError);
  });

  it('describes a score on the scale, never as a diagnosis', () => {
    expect(describeScore(7)).toBe('a score of 7 on the three-item loneliness scale (3–9, higher is lonelier)');
  });

  it('compares with the previous check-in in words', () => {
    expect(compareWithPrevious(5, null)).toBeNull();
    expect(compareWithPrevious(5, { score: 5, when: '3 days ago' })).toBe('The same as last time (5, 3 days ago).');
    expect(compareWithPrevious(5, { score: 6, when: '2 weeks ago' })).toBe(
      'A little lower than last time (6, 2 weeks ago): down 1 on the 3–9 scale.',
    );
    expect(compareWithPrevious(4, { score: 6, when: '2 weeks ago' })).toBe(
      'Noticeably lower than last time (6, 2 weeks ago): down 2 on the 3–9 scale.',
    );
    expect(compareWithPrevious(7, { score: 4, when: 'yesterday' })).toBe(
      'Noticeably higher than last time (4, yesterday): up 3 on the 3–9 scale.',
    );
    expect(compareWithPrevious(8, { score: 4, when: 'yesterday' })).toBe(
      'A lot higher than last time (4, yesterday): up 4 on the 3–9 scale.',
    );
    expect(compareWithPrevious(3, { score: 9, when: 'in March' })).toBe(
      'A lot lower than last time (9, in March): down 6 on the 3–9 scale.',
    );
  });
});
