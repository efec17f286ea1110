import type { Summary } from './honest';
import { calendarDaysBetween } from './local-day';
import { personStats, type Contact, type PersonStats } from './people-stats';

export interface LapsedRhythm {
  name: string;
  lastContact: Date;
  usualGapDays: number;
  daysSince: number;
  score: number;
  reason: string;
}

/** A rhythm counts as lapsed once the quiet stretch is half again the usual gap, and at least two days longer. */
const LAPSE_FACTOR = 1.5;
const LAPSE_MIN_EXTRA_DAYS = 2;

/** Pulls a mean towards neutral when it rests on few entries, so one lovely evening does not outrank a steady friend. */
function shrunk(summary: Summary | null, neutral: number, span: number): number {
  if (!summary) return 0;
  const weight = summary.n / (summary.n + 2);
  return Math.max(-1, Math.min(1, ((summary.mean - neutral) / span) * weight));
}

export interface Feel {
  lift: number;
  quality: number;
  felt: number;
  /** −1 … +1.5: how time with this person tends to feel, from what the user recorded. */
  overall: number;
}

/** How time with someone tends to feel: mood lift, quality, and felt safe / nonjudgmental / available. */
export function feelOf(stats: PersonStats): Feel {
  const lift = shrunk(stats.lift, 0, 2);
  const quality = shrunk(stats.quality, 3, 2);
  const felt = (stats.felt.safe + stats.felt.nonjudgmental + stats.felt.available) / 3;
  return { lift, quality, felt, overall: 0.5 * lift + 0.5 * quality + 0.5 * felt };
}

/** "every week or so" — the usual gap in words, never a tally. */
export function describeGap(days: number): string {
  if (days <= 1) return 'most days';
  if (days <= 4) return 'every few days';
  if (days <= 10) return 'every week or so';
  if (days <= 20) return 'every couple of weeks';
  if (days <= 45) return 'about once a month';
  return 'every couple of months or so';
}

function reasonFor(name: string, feel: Feel, usualGapDays: number): string {
  const rhythm = `you usually catch up ${describeGap(usualGapDays)}`;
  const strongest = Math.max(feel.lift, feel.quality, feel.felt);
  if (strongest <= 0.1) return `You and ${name} have a rhythm — ${rhythm}, and it’s been a little while.`;
  if (strongest === feel.lift)
    return `Time with ${name} tends to lift your mood; ${rhythm}, and it’s been a little while.`;
  if (strongest === feel.felt)
    return `Time with ${name} tends to feel safe and easy; ${rhythm}, and it’s been a little while.`;
  return `Time with ${name} tends to feel close; ${rhythm}, and it’s been a little while.`;
}

/**
 * Someone's rhythm, from their stats, if it has lapsed by `now` and time together does not tend to feel worse;
 * null otherwise.
 */
function lapsedRhythm(name: string, stats: PersonStats, now: Date): LapsedRhythm | null {
  if (stats.usualGapDays === null || stats.lastContact === null) return null;
  const usualGapDays = stats.usualGapDays;
  const daysSince = calendarDaysBetween(now, stats.lastContact);
  if (daysSince < usualGapDays * LAPSE_FACTOR || daysSince < usualGapDays + LAPSE_MIN_EXTRA_DAYS) return null;
  const feel = feelOf(stats);
  // Time that tends to go with feeling worse is not something to nudge towards.
  if (feel.overall < -0.25) return null;
  // Mostly how it feels; how long it has been only nudges the order, and is capped so absence never dominates.
  const lapse = Math.min(daysSince / usualGapDays, 4) / 4;
  const score = Math.round((1 + feel.overall + 0.25 * lapse) * 1000) / 1000;
  return {
    name,
    lastContact: stats.lastContact,
    usualGapDays,
    daysSince,
    score,
    reason: reasonFor(name, feel, usualGapDays),
  };
}

/** Of these people, those whose rhythm has lapsed by `now`, best-feeling first (then the more recent lapse, then by name). */
export function lapsedAmong(people: { name: string; stats: PersonStats }[], now: Date): LapsedRhythm[] {
  const found: LapsedRhythm[] = [];
  for (const { name, stats } of people) {
    const rhythm = lapsedRhythm(name, stats, now);
    if (rhythm) found.push(rhythm);
  }
  return found.sort(
    (a, b) => b.score - a.score || a.daysSince - b.daysSince || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** People with a natural rhythm (learned from history) that has lapsed, best-feeling first; deterministic. */
export function findLapsedRhythms(people: { name: string; interactions: Contact[] }[], now: Date): LapsedRhythm[] {
  return lapsedAmong(
    people.map((person) => ({
      name: person.name,
      stats: personStats(person.interactions.filter((e) => e.at.getTime() <= now.getTime())),
    })),
    now,
  );
}
