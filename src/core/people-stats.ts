import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { summarise, type Summary } from './honest';
import type { Interaction } from './types';

export interface PersonStats {
  interactions: number;
  lastContact: Date | null;
  firstContact: Date | null;
  /** The typical number of days between contacts (median), once there are at least three. */
  usualGapDays: number | null;
  /** Mood after − before, over the interactions that have both. */
  lift: Summary | null;
  quality: Summary | null;
  /** Share of interactions marked with each felt quality. */
  felt: { safe: number; nonjudgmental: number; available: number };
  byChannel: Record<string, number>;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** How time with one person tends to go, from their interactions (any order). */
export function personStats(interactions: Interaction[]): PersonStats {
  const sorted = [...interactions].sort((a, b) => a.at.getTime() - b.at.getTime());
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const gap = differenceInCalendarDays(sorted[i].at, sorted[i - 1].at);
    if (gap > 0) gaps.push(gap);
  }
  const lifts = sorted.filter((e) => e.moodBefore !== null && e.moodAfter !== null).map((e) => e.moodAfter! - e.moodBefore!);
  const qualities = sorted.filter((e) => e.quality !== null).map((e) => e.quality!);
  const share = (felt: string) => (sorted.length ? sorted.filter((e) => e.felt.includes(felt as never)).length / sorted.length : 0);
  const byChannel: Record<string, number> = {};
  for (const e of sorted) if (e.channel) byChannel[e.channel] = (byChannel[e.channel] ?? 0) + 1;
  return {
    interactions: sorted.length,
    firstContact: sorted[0]?.at ?? null,
    lastContact: sorted[sorted.length - 1]?.at ?? null,
    usualGapDays: gaps.length >= 2 ? median(gaps) : null,
    lift: summarise(lifts),
    quality: summarise(qualities),
    felt: { safe: share('safe'), nonjudgmental: share('nonjudgmental'), available: share('available') },
    byChannel,
  };
}
