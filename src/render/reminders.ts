import type { ChalkInstance } from 'chalk';
import { CLOSING_LINES, REMINDERS } from '../core/reminders';
import { CRISIS_LINE } from '../core/safety';

/** `connect remind`: the day's reminder, or (--all) every one with the closing lines and the crisis line. */
export function remindLines(today: string, all: boolean, helpLine: string | null, c: ChalkInstance): string[] {
  const lines = all
    ? [c.bold('Gentle reminders about connection'), ...REMINDERS.map((r) => `  · ${r}`), '', ...CLOSING_LINES]
    : [c.green(today)];
  if (helpLine) lines.push('', helpLine);
  if (all) lines.push('', CRISIS_LINE);
  return lines;
}
