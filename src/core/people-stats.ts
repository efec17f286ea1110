import { momentsOf, summariseMoments, type Moments, type Summary } from './honest';
import { localDay } from './local-day';
import type { Interaction } from './types';

/** What rhythms, feelings and suggestions learn from one contact: no names, notes or ids. */
export type Contact = Pick<
  Interaction,
  'at' | 'channel' | 'activity' | 'moodBefore' | 'moodAfter' | 'quality' | 'felt'
>;

/**
 * How many of someone's most recent contacts their rhythm (the usual gap) is learned from, everywhere it is
 * asked (next, the nudge, people): recent habits, at the same cost in year ten as in year one.
 */
export const RHYTHM_WINDOW = 30;

export interface PersonStats {
  interactions: number;
  lastContact: Date | null;
  firstContact: Date | null;
  /** The typical number of days between the last RHYTHM_WINDOW contacts (median), once there are at least three. */
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
  // A typed array sorts numerically without a comparator call per step.
  const sorted = Float64Array.from(values).sort();
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The journal's readers hand contacts over oldest first: then there is nothing to sort. */
function isOldestFirst(contacts: Contact[]): boolean {
  for (let i = 1; i < contacts.length; i++) if (contacts[i].at.getTime() < contacts[i - 1].at.getTime()) return false;
  return true;
}

/**
 * The usual gap in days between the last RHYTHM_WINDOW of someone's contacts (oldest first), from three on;
 * `days` is each one's local day, when already worked out.
 */
function usualGap(sorted: readonly Pick<Contact, 'at'>[], days?: readonly number[]): number | null {
  const gaps: number[] = [];
  let previousDay = NaN;
  for (let i = Math.max(0, sorted.length - RHYTHM_WINDOW); i < sorted.length; i++) {
    const day = days ? days[i] : localDay(sorted[i].at);
    if (day > previousDay) gaps.push(day - previousDay);
    previousDay = day;
  }
  return gaps.length >= 2 ? median(gaps) : null;
}

/**
 * How time with one person tends to go, from their contacts (any order), with each one's local day when the
 * caller has already worked it out (in the same order). One pass: it runs over every contact of everyone.
 */
export function personStats(contacts: Contact[], days?: readonly number[]): PersonStats {
  const inOrder = isOldestFirst(contacts);
  const sorted = inOrder ? contacts : [...contacts].sort((a, b) => a.at.getTime() - b.at.getTime());
  const lifts: number[] = [];
  const qualities: number[] = [];
  const felt = { safe: 0, nonjudgmental: 0, available: 0 };
  const byChannel: Record<string, number> = {};
  for (const e of sorted) {
    if (e.moodBefore !== null && e.moodAfter !== null) lifts.push(e.moodAfter - e.moodBefore);
    if (e.quality !== null) qualities.push(e.quality);
    if (e.felt.length > 0) {
      if (e.felt.includes('safe')) felt.safe += 1;
      if (e.felt.includes('nonjudgmental')) felt.nonjudgmental += 1;
      if (e.felt.includes('available')) felt.available += 1;
    }
    if (e.channel) byChannel[e.channel] = (byChannel[e.channel] ?? 0) + 1;
  }
  return statsFrom(
    { interactions: sorted.length, lift: momentsOf(lifts), quality: momentsOf(qualities), felt, byChannel },
    sorted,
    sorted[0]?.at ?? null,
    inOrder ? days : undefined,
  );
}

/** Someone's contacts added up: what the journal's summaries keep for each person. */
export interface PersonTotals {
  interactions: number;
  lift: Moments;
  quality: Moments;
  felt: { safe: number; nonjudgmental: number; available: number };
  /** Contacts by channel, in the order each channel was first used. */
  byChannel: Record<string, number>;
}

/**
 * A person's stats from their totals, their latest contacts (oldest first, at least the last RHYTHM_WINDOW of
 * them) and when they were first in touch: the same figures personStats works out from every contact.
 */
export function statsFrom(
  totals: PersonTotals,
  recent: readonly Pick<Contact, 'at'>[],
  first: Date | null,
  recentDays?: readonly number[],
): PersonStats {
  const share = (count: number) => (totals.interactions ? count / totals.interactions : 0);
  return {
    interactions: totals.interactions,
    firstContact: first,
    lastContact: recent[recent.length - 1]?.at ?? null,
    usualGapDays: usualGap(recent, recentDays),
    lift: summariseMoments(totals.lift),
    quality: summariseMoments(totals.quality),
    felt: {
      safe: share(totals.felt.safe),
      nonjudgmental: share(totals.felt.nonjudgmental),
      available: share(totals.felt.available),
    },
    byChannel: totals.byChannel,
  };
}
