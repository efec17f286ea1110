import { UsageError } from '../errors';

/** The three-item UCLA loneliness scale (Hughes, Waite, Hawkley & Cacioppo 2004), worded as EVIDENCE.md gives it. */
export const CHECKIN_ITEMS = [
  'How often do you feel that you lack companionship?',
  'How often do you feel left out?',
  'How often do you feel isolated from others?',
] as const;

export const CHECKIN_CHOICES = [
  { value: 1, label: 'Hardly ever or never' },
  { value: 2, label: 'Some of the time' },
  { value: 3, label: 'Often' },
] as const;

export type CheckinAnswers = [number, number, number];

/** A stored check-in. `id` is its UUID. */
export interface Checkin {
  id: string;
  at: Date;
  answers: CheckinAnswers;
  score: number;
}

export const SCORE_MIN = 3;
export const SCORE_MAX = 9;
/** No official cut-off exists; 6–9 is the range studies most often call lonely (EVIDENCE.md). */
export const HEAVY_SCORE = 6;

const ANSWERS_FORM = 'three answers from 1 to 3, like 2,1,3 (1 hardly ever or never, 2 some of the time, 3 often)';

/** "2,1,3" → [2, 1, 3]; anything else is a usage error naming the form. */
export function parseAnswers(text: string, flag = '--answers'): CheckinAnswers {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length !== 3 || !parts.every((part) => /^[1-3]$/.test(part))) {
    throw new UsageError(`${flag} takes ${ANSWERS_FORM}; got "${text}".`);
  }
  return parts.map(Number) as CheckinAnswers;
}

export function checkAnswers(answers: number[]): CheckinAnswers {
  if (answers.length !== 3 || !answers.every((a) => Number.isInteger(a) && a >= 1 && a <= 3)) {
    throw new UsageError(`A check-in takes ${ANSWERS_FORM}.`);
  }
  return answers as CheckinAnswers;
}

export function scoreOf(answers: CheckinAnswers): number {
  return answers[0] + answers[1] + answers[2];
}

/** "a score of 5 on the three-item loneliness scale (3–9, higher is lonelier)" — a score, never a label. */
export function describeScore(score: number): string {
  return `a score of ${score} on the three-item loneliness scale (3–9, higher is lonelier)`;
}

/** How far a score moved, scaled to the 3–9 scale: one step is a little, two or three noticeable, more a lot. */
export function howMuch(change: number): 'a little' | 'noticeably' | 'a lot' {
  const steps = Math.abs(change);
  if (steps <= 1) return 'a little';
  return steps <= 3 ? 'noticeably' : 'a lot';
}

/** How this check-in sits beside the one before, in words; null for the first one. `when` reads like "3 days ago". */
export function compareWithPrevious(score: number, previous: { score: number; when: string } | null): string | null {
  if (previous === null) return null;
  const last = `last time (${previous.score}, ${previous.when})`;
  const change = score - previous.score;
  if (change === 0) return `The same as ${last}.`;
  const amount = howMuch(change);
  const direction = change < 0 ? 'lower' : 'higher';
  const moved = `${change < 0 ? 'down' : 'up'} ${Math.abs(change)} on the ${SCORE_MIN}–${SCORE_MAX} scale`;
  return `${amount.charAt(0).toUpperCase()}${amount.slice(1)} ${direction} than ${last}: ${moved}.`;
}
