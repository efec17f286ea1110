import type { ChalkInstance } from 'chalk';
import { SCORE_MAX, SCORE_MIN, type Checkin } from '../core/checkin';
import { scaleSparkline } from './charts';
import { formatDay } from '../core/dates';
import { instantJson } from './json';

export function checkinJson(checkin: Checkin) {
  return { id: checkin.id, at: instantJson(checkin.at), answers: checkin.answers, score: checkin.score };
}

/** What `connect checkin` says after a check-in: the score in words, how it moved, and what it is not. */
export function checkinSavedLines(description: string, comparison: string | null, c: ChalkInstance): string[] {
  return [
    `Thank you for checking in. That is ${description}.`,
    ...(comparison ? [comparison] : []),
    c.dim(
      'A snapshot of how things feel right now, not a verdict. Check in again any time; connect keeps them so you can see how they move.',
    ),
  ];
}

/** `connect checkin --history`: every check-in, oldest first, under a small chart of the scores. */
export function checkinHistoryLines(checkins: readonly Checkin[], now: Date, c: ChalkInstance): string[] {
  if (checkins.length === 0) {
    return [
      'No check-ins yet.',
      'connect checkin asks three short questions; each one is kept so you can see how they move.',
    ];
  }
  const count = `${checkins.length} ${checkins.length === 1 ? 'check-in' : 'check-ins'}`;
  const lines = [
    `${c.bold('Loneliness check-ins')} ${c.dim(`· ${count} · ${SCORE_MIN}–${SCORE_MAX}, higher is lonelier`)}`,
    '',
  ];
  lines.push(
    `  ${scaleSparkline(
      checkins.map((k) => k.score),
      SCORE_MIN,
      SCORE_MAX,
    ).join('')}  ${c.dim('oldest to newest')}`,
    '',
  );
  const width = Math.max(...checkins.map((k) => formatDay(k.at, now).length));
  for (const checkin of checkins) {
    lines.push(
      `  ${formatDay(checkin.at, now).padEnd(width)}  ${checkin.score}  ${c.dim(`answers ${checkin.answers.join(', ')}`)}`,
    );
  }
  lines.push('', c.dim('Snapshots of how things felt, not verdicts.'));
  return lines;
}
