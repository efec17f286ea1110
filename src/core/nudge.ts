// The shell start-up nudge's rules and words. Imported by the tiny nudge bundle: keep it free of
// dependencies (no date-fns, no chalk) so that loading it costs nothing.
import { dayKey } from './local-day';
import { joinNames } from './words';

/** How often the nudge may speak, read from the stored `nudge.every` ("1 day", "12 hours", "off"). */
export type NudgeEvery = { unit: 'hour' | 'day'; count: number } | 'off';

const ONCE_A_DAY: NudgeEvery = { unit: 'day', count: 1 };

/** The stored setting as a span; anything unreadable means the default, once a day. */
export function readNudgeEvery(stored: string | null | undefined): NudgeEvery {
  const value = (stored ?? '').trim().toLowerCase();
  if (value === 'off') return 'off';
  const match = /^(\d{1,3})\s*(hour|day)s?$/.exec(value);
  const count = match ? Number(match[1]) : 0;
  return match && count >= 1 ? { unit: match[2] as 'hour' | 'day', count } : ONCE_A_DAY;
}

/**
 * The instant from which the nudge may speak again, having spoken (or kept quiet because it is off)
 * at `now`. Days are local calendar days: "1 day" means once per day, turning over at local midnight.
 */
export function nextNudgeAt(now: Date, every: NudgeEvery): Date {
  if (every !== 'off' && every.unit === 'hour') return new Date(now.getTime() + every.count * 3_600_000);
  const days = every === 'off' ? 1 : every.count;
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
}

/**
 * The local day from which findLapsedRhythms (core/rhythm.ts) counts someone's rhythm as lapsed: once the
 * quiet stretch in calendar days is half again their usual gap and at least two days longer. Kept in step
 * with it by test/core/nudge.test.ts.
 */
export function rhythmQuietFrom(lastContact: Date, usualGapDays: number): string {
  const days = Math.ceil(Math.max(usualGapDays * 1.5, usualGapDays + 2));
  return dayKey(new Date(lastContact.getFullYear(), lastContact.getMonth(), lastContact.getDate() + days, 12));
}

/** A touchpoint as the nudge names it: its title, and who it is with when the title does not say. */
function touchpointLabel(title: string, people: string[]): string {
  const missing = people.filter((name) => !title.toLowerCase().includes(name.toLowerCase()));
  return missing.length ? `${title} with ${joinNames(missing)}` : title;
}

/** The line for a touchpoint on the day it is due. */
export function touchpointTodayLine(title: string, people: string[]): string {
  return `Today: ${touchpointLabel(title, people)}. One conversation is enough.`;
}

/** The line for a touchpoint whose day has passed: offered once more, calmly, never counted. */
export function touchpointLaterLine(title: string, people: string[]): string {
  return `It’s been a little while since ${touchpointLabel(title, people)} — whenever suits, today works too.`;
}

/** What `connect nudge --json` calls what it said: a planned line, or one of the post's reminders. */
export type NudgeKind = 'touchpoint' | 'rhythm' | 'reminder';

/**
 * Every kind of line the nudge plans, in the order it speaks: on any day, the first that applies is said (a
 * touchpoint on its day, then one whose day has passed, then a warm rhythm gone quiet); when none applies, one of
 * the post's reminders. Each has a planner in db/nudge-plan.ts.
 */
export const NUDGE_LINES = [
  { line: 'touchpointToday', kind: 'touchpoint' },
  { line: 'touchpointLater', kind: 'touchpoint' },
  { line: 'rhythm', kind: 'rhythm' },
] as const satisfies readonly { line: string; kind: NudgeKind }[];

export type NudgeLine = (typeof NUDGE_LINES)[number]['line'];
export type PlannedKind = (typeof NUDGE_LINES)[number]['kind'];

/** One row of the journal's nudge_plan table: a line the nudge may say from `fromDay` to `untilDay` (open-ended when null). */
export interface PlanLine {
  kind: PlannedKind;
  fromDay: string;
  untilDay: string | null;
  priority: number;
  rank: number;
  text: string;
}

/** What the nudge needs from a journal: the stored `nudge.every` (null for the default) and the plan. */
export interface NudgePlan {
  every: string | null;
  /** In the plan's own order: priority, then rank, then the latest start, then the order they were written. */
  lines: PlanLine[];
}

/** The first line of the plan that applies on `today` (YYYY-MM-DD). */
export function firstPlanned(lines: readonly PlanLine[], today: string): PlanLine | null {
  return lines.find((line) => line.fromDay <= today && (line.untilDay === null || line.untilDay >= today)) ?? null;
}
