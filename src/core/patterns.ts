import { activityPhrase } from './vocabulary';
import { dayKey, localDayStarts } from './calendar';
import {
  addMoments,
  evidenceLevel,
  NO_MOMENTS,
  round1,
  signed,
  summarise,
  summariseMoments,
  type EvidenceLevel,
  type Moments,
  type Summary,
} from './honest';
import type { Channel, Entry, Felt, Interaction } from './types';
import { CHANNEL_WORDS, FELT_WORDS, joinNames } from './words';
import { compareText } from './compare';

export type FindingKind = 'lift' | 'quality' | 'felt' | 'share' | 'cycle' | 'trend';
export type Section = 'people' | 'channels' | 'activities' | 'small' | 'felt' | 'time' | 'cycle' | 'loneliness';

export interface Finding {
  /** What it is about: "person:Sam", "channel:call", "activity:walk", "small-moments", "felt:safe", "time-with-closest", "cycle:same-day". */
  subject: string;
  section: Section;
  kind: FindingKind;
  /** The figure: a mean lift, a mean quality, a share (0–1), or a difference in mood. */
  value: number;
  /** How many entries (or, for the cycle, days) it rests on. */
  n: number;
  level: Exclude<EvidenceLevel, 'too-few'>;
  /** The 95% range, from 14 entries on; null before. */
  low: number | null;
  high: number | null;
  text: string;
  /** One short line from EVIDENCE.md, with its citation. */
  why: string | null;
}

export interface PatternsResult {
  since: Date | null;
  entries: number;
  interactions: number;
  /** Interactions with a mood before and after. */
  withLift: number;
  moodCheckIns: number;
  findings: Finding[];
  /** What to log to see more; empty once there is plenty. */
  suggestions: string[];
}

const WHY = {
  quality:
    'Relationship quality, more than how often people were in touch, went with later well-being (Teo et al. 2013).',
  voice: 'Calls built stronger bonds than typed messages and were no more awkward (Kumar & Epley 2021).',
  inPerson:
    'Closeness tended to rank in person, then video, then voice, then messages (Sherman et al. 2013, a small study).',
  activities: 'Shared activities and regular contact kept friendships close (Roberts & Dunbar 2015).',
  weakTies: 'People were happier on days they talked with more acquaintances than usual (Sandstrom & Dunn 2014).',
  cycle: 'Disconnection and low mood tend to feed each other, in both directions (Santini et al. 2020).',
  scale:
    'The three-item loneliness scale (Hughes et al. 2004) runs from 3 to 9, higher is lonelier; a score is a note to yourself, never a diagnosis.',
} as const;

/** Why each channel's finding matters (EVIDENCE.md), where there is a reason to give. */
const CHANNEL_WHY: Record<Channel, string | null> = {
  'in-person': WHY.inPerson,
  video: WHY.inPerson,
  call: WHY.voice,
  'voice-message': WHY.voice,
  text: null,
  online: null,
};

/** What a group of interactions adds up to: all its findings need. */
export interface GroupTotals {
  entries: number;
  /** Mood after − before, over the entries that have both. */
  lift: Moments;
  quality: Moments;
  /** How many entries were marked with each felt quality. */
  felt: Record<Felt, number>;
}

/** Interactions and mood check-ins in a range, added up by subject: what findings rest on. */
export interface PatternTotals {
  interactions: number;
  moods: number;
  lift: Moments;
  /** Interactions with at least one person: how many, how many with minutes, and those minutes. */
  withPeople: { n: number; timed: number; minutes: number };
  /** By subject: "person:Sam", "channel:call", "activity:walk" (lower case), "small-moments", "felt:safe". */
  groups: Map<string, GroupTotals>;
}

/** Connections with the closest people, for `closestShare`. */
export interface ClosestTotals {
  /** The closest people's names, the first one seen in the range first. */
  names: string[];
  /** Interactions with at least one of them, and their noted minutes. */
  count: number;
  minutes: number;
}

/**
 * The local days from a range's start to now, in order: whether each had a connection (1 or 0), how many mood
 * check-ins it had and the sum of their moods.
 */
export interface DayTotals {
  connected: ArrayLike<number>;
  checkIns: ArrayLike<number>;
  moodSums: ArrayLike<number>;
}

/** `days` local days with nothing in them yet, to be added to. */
export const noDayTotals = (days: number) => ({
  connected: new Uint8Array(days),
  checkIns: new Uint32Array(days),
  moodSums: new Float64Array(days),
});

/** Everything findings are worked out from: from the entries themselves, or from the journal's summaries. */
export interface PatternSource {
  totals: PatternTotals;
  /** The first live entry in the range. */
  first: Date | null;
  closest: (names: ReadonlySet<string>) => ClosestTotals;
  /** The local days from `first` (a range's start) to now, as `localDayStarts` lists them. */
  days: (first: Date) => DayTotals;
}

const FELT_KINDS: Felt[] = ['safe', 'nonjudgmental', 'available'];

export const emptyTotals = (): PatternTotals => ({
  interactions: 0,
  moods: 0,
  lift: NO_MOMENTS,
  withPeople: { n: 0, timed: 0, minutes: 0 },
  groups: new Map(),
});

/** A journal that does not exist yet. */
export const NO_ENTRIES: PatternSource = {
  totals: emptyTotals(),
  first: null,
  closest: () => ({ names: [], count: 0, minutes: 0 }),
  days: () => ({ connected: [], checkIns: [], moodSums: [] }),
};

export const emptyGroup = (): GroupTotals => ({
  entries: 0,
  lift: NO_MOMENTS,
  quality: NO_MOMENTS,
  felt: { safe: 0, nonjudgmental: 0, available: 0 },
});

/** Adds one group's totals to a subject's. */
export function addGroup(totals: PatternTotals, subject: string, add: GroupTotals): void {
  const group = totals.groups.get(subject) ?? emptyGroup();
  totals.groups.set(subject, {
    entries: group.entries + add.entries,
    lift: addMoments(group.lift, add.lift),
    quality: addMoments(group.quality, add.quality),
    felt: {
      safe: group.felt.safe + add.felt.safe,
      nonjudgmental: group.felt.nonjudgmental + add.felt.nonjudgmental,
      available: group.felt.available + add.felt.available,
    },
  });
}

const liftOf = (e: Interaction) => (e.moodBefore !== null && e.moodAfter !== null ? e.moodAfter - e.moodBefore : null);
const one = (value: number | null): Moments =>
  value === null ? NO_MOMENTS : { n: 1, sum: value, squares: value * value };

/** Adds one live entry to the totals. */
export function addEntry(totals: PatternTotals, e: Entry): void {
  if (e.type === 'mood') {
    totals.moods += 1;
    return;
  }
  totals.interactions += 1;
  const lift = one(liftOf(e));
  totals.lift = addMoments(totals.lift, lift);
  if (e.people.length > 0) {
    totals.withPeople.n += 1;
    if (e.minutes !== null) {
      totals.withPeople.timed += 1;
      totals.withPeople.minutes += e.minutes;
    }
  }
  const group: GroupTotals = {
    entries: 1,
    lift,
    quality: one(e.quality),
    felt: {
      safe: e.felt.includes('safe') ? 1 : 0,
      nonjudgmental: e.felt.includes('nonjudgmental') ? 1 : 0,
      available: e.felt.includes('available') ? 1 : 0,
    },
  };
  for (const name of e.people) addGroup(totals, `person:${name}`, group);
  if (e.channel) addGroup(totals, `channel:${e.channel}`, group);
  if (e.activity) addGroup(totals, `activity:${e.activity.toLowerCase()}`, group);
  if (e.small) addGroup(totals, 'small-moments', group);
  for (const felt of e.felt) addGroup(totals, `felt:${felt}`, group);
}

interface Group extends GroupTotals {
  subject: string;
  section: Section;
  label: string;
  /** The label is plural ("Calls tend…"), not singular ("Time with Sam tends…"). */
  many?: boolean;
  why: string | null;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** "(an early pattern, 7 entries)" or "(+0.4 to +1.2, 16 entries)". */
function basis(
  summary: Pick<Summary, 'level' | 'low' | 'high' | 'n'>,
  format: (v: number) => string,
  unit = 'entries',
  extra = '',
): string {
  const count = `${summary.n} ${unit}${extra}`;
  if (summary.level === 'early') return `(an early pattern, ${count})`;
  if (format(summary.low) === format(summary.high)) return `(all ${count} alike)`;
  return `(${format(summary.low)} to ${format(summary.high)}, ${count})`;
}

function finding(
  group: Pick<Group, 'subject' | 'section' | 'why'>,
  kind: FindingKind,
  summary: Summary,
  value: number,
  text: string,
): Finding {
  const level = summary.level === 'established' ? 'established' : 'early';
  return {
    subject: group.subject,
    section: group.section,
    kind,
    value: round2(value),
    n: summary.n,
    level,
    low: level === 'established' ? round2(summary.low) : null,
    high: level === 'established' ? round2(summary.high) : null,
    text,
    why: group.why,
  };
}

/** How a subject is named and why it matters. */
function describeGroup(subject: string): Omit<Group, keyof GroupTotals> {
  const colon = subject.indexOf(':');
  const kind = colon < 0 ? subject : subject.slice(0, colon);
  const key = subject.slice(colon + 1);
  switch (kind) {
    case 'person':
      return { subject, section: 'people', label: `Time with ${key}`, why: WHY.quality };
    case 'channel': {
      const channel = key as Channel;
      // "Time in person tends…", but "Calls tend…".
      return {
        subject,
        section: 'channels',
        label: CHANNEL_WORDS[channel].subject,
        many: channel !== 'in-person',
        why: CHANNEL_WHY[channel],
      };
    }
    case 'activity':
      return { subject, section: 'activities', label: `Sharing ${activityPhrase(key)}`, why: WHY.activities };
    case 'shared-activities':
      return { subject, section: 'activities', label: 'Doing something together', why: WHY.activities };
    case 'small-moments':
      return { subject, section: 'small', label: 'Small moments', many: true, why: WHY.weakTies };
    default:
      return {
        subject,
        section: 'felt',
        label: `Connections that felt ${FELT_WORDS[key as Felt]}`,
        many: true,
        why: WHY.quality,
      };
  }
}

function groupsOf(totals: PatternTotals): Group[] {
  const groups = [...totals.groups].map(([subject, t]) => ({ ...t, ...describeGroup(subject) }));
  // "Doing something together" only adds something when there is more than one kind of activity.
  const activities = groups.filter((g) => g.section === 'activities');
  if (activities.length >= 2) {
    const shared = { totals: emptyTotals() };
    for (const g of activities) addGroup(shared.totals, 'shared-activities', g);
    groups.push({ ...shared.totals.groups.get('shared-activities')!, ...describeGroup('shared-activities') });
  }
  return groups;
}

const tends = (group: Pick<Group, 'many'>) => (group.many ? 'tend' : 'tends');

/** Mood after − before for one group, beside everything else (lift drifts to the middle on its own, so groups are compared). */
function liftFinding(group: Group, all: Moments): Finding | null {
  const summary = summariseMoments(group.lift);
  if (!summary || summary.level === 'too-few') return null;
  // Everything else, from the totals: a group's entries are a subset of all of them.
  const restN = all.n - group.lift.n;
  const rest = restN >= 5 ? `; other connections ${signed((all.sum - summary.mean * summary.n) / restN)}` : '';
  const m = summary.mean;
  const what =
    m >= 0.25
      ? `${tends(group)} to go with feeling better: mood ${signed(m)} from before to after`
      : m <= -0.25
        ? `${tends(group)} to go with a somewhat lower mood afterwards: ${signed(m)} from before to after`
        : `${tends(group)} to leave your mood about where it was`;
  return finding(group, 'lift', summary, m, `${group.label} ${what} ${basis(summary, signed, 'entries', rest)}.`);
}

function qualityFinding(group: Group): Finding | null {
  if (group.section === 'felt') return null;
  const found = summariseMoments(group.quality);
  if (!found || found.level === 'too-few') return null;
  // The scale runs from 1 to 5, and so does its range.
  const summary = { ...found, low: Math.max(1, found.low), high: Math.min(5, found.high) };
  const m = summary.mean;
  const how = m >= 4 ? 'closely connected' : m >= 3 ? 'fairly connected' : 'less close';
  const text = `${group.label} ${tends(group)} to feel ${how}: ${round1(m)} out of 5 ${basis(summary, (v) => String(round1(v)), 'ratings')}.`;
  return finding(group, 'quality', summary, m, text);
}

/** The felt qualities marked on at least half of someone's entries. */
function feltFinding(group: Group): Finding | null {
  if (group.section !== 'people') return null;
  const n = group.entries;
  if (evidenceLevel(n) === 'too-few') return null;
  const shares = FELT_KINDS.map((felt) => ({ felt, count: group.felt[felt] })).filter(({ count }) => count / n >= 0.5);
  if (shares.length === 0) return null;
  const top = Math.max(...shares.map((s) => s.count));
  const summary = proportion(top, n);
  const name = group.subject.slice('person:'.length);
  const list = joinNames(shares.map((s) => FELT_WORDS[s.felt]));
  const count = `${top} of ${n} entries`;
  const range = shareRange(summary);
  return finding(group, 'felt', summary, top / n, `With ${name} you often felt ${list} (${range}${count}).`);
}

/** "an early pattern, ", "40% to 70%, " or nothing: how sure a share is, before its count. */
function shareRange(summary: Summary): string {
  if (summary.level === 'early') return 'an early pattern, ';
  return summary.low === summary.high ? '' : `${percent(summary.low)} to ${percent(summary.high)}, `;
}

/** A share with its Wilson range, shaped like a Summary: it stays honest near 0% and 100%. */
function proportion(count: number, n: number): Summary {
  const p = count / n;
  const z = 1.96;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const margin = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return { n, mean: p, low: Math.max(0, centre - margin), high: Math.min(1, centre + margin), level: evidenceLevel(n) };
}

/** How much of the time with people goes to those whose connections feel closest (mean quality 4+ over 5+ ratings). */
function closestShare(source: PatternSource, groups: Group[]): Finding | null {
  const closest = groups
    .filter((g) => g.section === 'people' && g.quality.n >= 5 && g.quality.sum / g.quality.n >= 4)
    .map((g) => g.subject.slice('person:'.length));
  const withPeople = source.totals.withPeople;
  if (closest.length === 0 || evidenceLevel(withPeople.n) === 'too-few') return null;
  const { names: ordered, count, minutes: closestMinutes } = source.closest(new Set(closest));
  // When every connection is with the closest people, a share says nothing new.
  if (count === withPeople.n) return null;
  const summary = proportion(count, withPeople.n);
  const minutes = withPeople.minutes;
  const time =
    withPeople.timed >= 5 && minutes > 0
      ? `, and ${percent(closestMinutes / minutes)} of the minutes you noted (${closestMinutes} of ${minutes})`
      : '';
  const names = joinNames(ordered);
  const range = shareRange(summary);
  const text = `${percent(summary.mean)} of your connections with people are with the relationships that feel closest: ${names} (${range}${count} of ${withPeople.n} entries)${time}.`;
  return finding(
    { subject: 'time-with-closest', section: 'time', why: WHY.quality },
    'share',
    summary,
    summary.mean,
    text,
  );
}

/** The difference of two means (a − b), its range from the two summaries' own ranges (their variances added). */
function differenceOf(a: Summary, b: Summary, n: number, level: Summary['level']): Summary {
  const diff = a.mean - b.mean;
  const variance = (s: Summary) => ((s.high - s.mean) / 1.96) ** 2;
  const margin = 1.96 * Math.sqrt(variance(a) + variance(b));
  return { n, mean: diff, low: diff - margin, high: diff + margin, level };
}

/** Two groups of days compared: the difference of their mean check-in moods, with a range from 14 days in each. */
function compareDays(withDays: Moments, withoutDays: Moments): Summary | null {
  const smaller = Math.min(withDays.n, withoutDays.n);
  if (evidenceLevel(smaller) === 'too-few') return null;
  const a = summariseMoments(withDays)!;
  const b = summariseMoments(withoutDays)!;
  return differenceOf(a, b, withDays.n + withoutDays.n, evidenceLevel(smaller));
}

/** The connection–mood cycle: mood check-ins on days with and without a connection, and on the day after. */
function cycleFindings({ connected, checkIns, moodSums }: DayTotals): Finding[] {
  // Each group's days are first tallied by their check-ins and mood sum, whole numbers: a journal's thousands of days
  // are counted without a number made for each, and the few tallies then give each group's moments.
  const tallies = [0, 1, 2, 3].map(() => new Map<number, Map<number, number>>());
  const tally = (group: number, n: number, sum: number) => {
    const bySum = tallies[group].get(n) ?? new Map<number, number>();
    bySum.set(sum, (bySum.get(sum) ?? 0) + 1);
    tallies[group].set(n, bySum);
  };
  // Consecutive local days: the one before day i is day i − 1, and the first has none in the range.
  for (let i = 0; i < checkIns.length; i++) {
    const n = checkIns[i];
    if (n === 0) continue;
    tally(connected[i] ? 0 : 1, n, moodSums[i]);
    if (i > 0) tally(connected[i - 1] ? 2 : 3, n, moodSums[i]);
  }
  const [sameWith, sameWithout, afterWith, afterWithout] = tallies.map((byCount) => {
    const days = { n: 0, sum: 0, squares: 0 };
    for (const [n, bySum] of byCount)
      for (const [sum, count] of bySum) {
        const mood = sum / n;
        days.n += count;
        days.sum += count * mood;
        days.squares += count * mood * mood;
      }
    return days;
  });
  const same = { with: sameWith, without: sameWithout };
  const after = { with: afterWith, without: afterWithout };
  const findings: Finding[] = [];
  const describe = (subject: string, groups: { with: Moments; without: Moments }, on: string, onOthers: string) => {
    const summary = compareDays(groups.with, groups.without);
    if (!summary) return;
    const [a, b] = [groups.with.sum / groups.with.n, groups.without.sum / groups.without.n];
    const how =
      summary.mean >= 0.25
        ? 'tends to be higher'
        : summary.mean <= -0.25
          ? 'tends to be a little lower'
          : 'tends to be about the same';
    const days = `${groups.with.n} and ${groups.without.n} days`;
    const range =
      summary.level === 'early'
        ? `an early pattern, ${days}`
        : `a difference of ${signed(summary.low)} to ${signed(summary.high)}, ${days}`;
    const text = `Your mood ${on} ${how}: ${round1(a)} against ${round1(b)} ${onOthers} (${range}).`;
    findings.push(finding({ subject, section: 'cycle', why: WHY.cycle }, 'cycle', summary, summary.mean, text));
  };
  describe('cycle:same-day', same, 'on days with a connection', 'on days without');
  describe('cycle:next-day', after, 'on the day after a connection', 'after a day without');
  return findings;
}

/** Loneliness check-ins over time: the later half beside the earlier half, from 5 check-ins on. */
function lonelinessFinding(checkins: { at: Date; score: number }[]): Finding | null {
  const n = checkins.length;
  if (evidenceLevel(n) === 'too-few') return null;
  const half = Math.floor(n / 2);
  const earlier = summarise(checkins.slice(0, half).map((c) => c.score))!;
  const later = summarise(checkins.slice(half).map((c) => c.score))!;
  const summary = differenceOf(later, earlier, n, evidenceLevel(n));
  const diff = summary.mean;
  const how =
    diff <= -0.5
      ? 'tend to be lower lately'
      : diff >= 0.5
        ? 'tend to be a little higher lately'
        : 'tend to hold steady';
  const range =
    summary.level === 'early'
      ? `an early pattern, ${n} check-ins`
      : `a difference of ${signed(summary.low)} to ${signed(summary.high)}, ${n} check-ins`;
  const text = `Your loneliness check-ins ${how}: a score of ${round1(later.mean)} on the three-item loneliness scale across the latest ${later.n}, against ${round1(earlier.mean)} across the ${earlier.n} before (${range}).`;
  return finding({ subject: 'loneliness', section: 'loneliness', why: WHY.scale }, 'trend', summary, diff, text);
}

function suggestionsFor(result: Omit<PatternsResult, 'suggestions' | 'since'>): string[] {
  if (result.entries === 0) {
    return [
      'Your journal is empty so far, and that is fine. Patterns appear after a few entries:',
      'right after a conversation, note your mood before and after: connect log NAME --before 3 --after 4',
      'and on quieter days, a mood check-in: connect mood 3',
    ];
  }
  const tips: string[] = [];
  if (result.findings.length === 0) {
    tips.push(
      `Not enough yet to see patterns: each one needs at least 5 entries about the same person, channel or activity. So far: ${result.interactions} ${result.interactions === 1 ? 'connection' : 'connections'}, ${result.withLift} with a mood before and after, ${result.moodCheckIns} mood ${result.moodCheckIns === 1 ? 'check-in' : 'check-ins'}.`,
    );
  }
  if (result.withLift < 5)
    tips.push(
      'Adding --before and --after when you log shows which connections go with feeling better: connect log NAME --before 3 --after 4',
    );
  if (!result.findings.some((f) => f.section === 'cycle')) {
    tips.push(
      'A mood check-in on days with and without a conversation (connect mood 3) shows how connection and mood move together.',
    );
  }
  return tips;
}

const SECTION_ORDER: Section[] = ['people', 'channels', 'activities', 'small', 'felt', 'time', 'cycle', 'loneliness'];
const KIND_ORDER: FindingKind[] = ['lift', 'quality', 'felt', 'share', 'cycle', 'trend'];

/**
 * Longer-run patterns. Honest numbers (EVIDENCE.md): nothing under 5 entries, "an early pattern" for 5–13,
 * a range from 14; "tends to go with", never a cause.
 */
export function patternsFrom(
  source: PatternSource,
  options: { since: Date | null; now: Date; checkins?: { at: Date; score: number }[] },
): PatternsResult {
  const { totals } = source;
  const groups = groupsOf(totals);
  const findings: Finding[] = [];
  for (const group of groups) {
    for (const found of [liftFinding(group, totals.lift), qualityFinding(group), feltFinding(group)])
      if (found) findings.push(found);
  }
  const closest = closestShare(source, groups);
  if (closest) findings.push(closest);
  const first = source.first;
  if (first) {
    const start = options.since ?? first;
    findings.push(...cycleFindings(source.days(start)));
  }
  const loneliness = lonelinessFinding(
    (options.checkins ?? []).filter((c) => (options.since === null || c.at >= options.since) && c.at <= options.now),
  );
  if (loneliness) findings.push(loneliness);
  // By section; within one, the subjects with most entries first, each subject's findings together.
  const weight = new Map<string, number>();
  for (const f of findings) weight.set(f.subject, Math.max(weight.get(f.subject) ?? 0, f.n));
  findings.sort(
    (a, b) =>
      SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section) ||
      (a.section === 'cycle'
        ? 0
        : weight.get(b.subject)! - weight.get(a.subject)! || compareText(a.subject, b.subject)) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
  const counted = {
    entries: totals.interactions + totals.moods,
    interactions: totals.interactions,
    withLift: totals.lift.n,
    moodCheckIns: totals.moods,
    findings,
  };
  return { since: options.since ?? first ?? null, ...counted, suggestions: suggestionsFor(counted) };
}

/** The local days from `first` to `now` from the entries themselves: the reference the journal's hours must match. */
export function dayTotalsOf(entries: Entry[], first: Date, now: Date): DayTotals {
  const starts = localDayStarts(first, now);
  const days = starts.length - 1;
  // A day a zone skipped whole starts when the next one does: both read as the next one's date, which takes its entries.
  const index = new Map(starts.slice(0, -1).map((start, i) => [dayKey(new Date(start)), i]));
  const totals = noDayTotals(days);
  for (const e of entries) {
    const i = index.get(dayKey(e.at));
    if (i === undefined) continue;
    if (e.type === 'interaction') totals.connected[i] = 1;
    else if (e.mood !== null) {
      totals.checkIns[i] += 1;
      totals.moodSums[i] += e.mood;
    }
  }
  return totals;
}

/** The closest people's share, counted from the interactions themselves. */
export function closestTotalsOf(interactions: Interaction[], closest: ReadonlySet<string>): ClosestTotals {
  const names: string[] = [];
  let count = 0;
  let minutes = 0;
  for (const e of interactions) {
    let isClosest = false;
    for (const name of e.people) {
      if (!closest.has(name)) continue;
      isClosest = true;
      if (!names.includes(name)) names.push(name);
    }
    if (!isClosest) continue;
    count += 1;
    if (e.minutes !== null) minutes += e.minutes;
  }
  return { names, count, minutes };
}

/** Longer-run patterns from the entries themselves (those in the range, up to now): the reference for the summaries. */
export function findPatterns(
  entries: Entry[],
  options: { since: Date | null; now: Date; checkins?: { at: Date; score: number }[] },
): PatternsResult {
  const live = entries.filter((e) => (options.since === null || e.at >= options.since) && e.at <= options.now);
  const totals = emptyTotals();
  for (const e of live) addEntry(totals, e);
  const interactions = live.filter((e): e is Interaction => e.type === 'interaction');
  return patternsFrom(
    {
      totals,
      first: live[0]?.at ?? null,
      closest: (names) => closestTotalsOf(interactions, names),
      days: (first) => dayTotalsOf(live, first, options.now),
    },
    options,
  );
}
