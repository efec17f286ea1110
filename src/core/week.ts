import { dayKey, groupByDay, type WeekRange } from './calendar';
import { describeScore } from './checkin';
import { mean, round1 } from './honest';
import type { Entry, Interaction } from './types';
import { compareText } from './compare';
import { CHANNEL_WORDS, joinNames } from './words';

/** The counts one week is summed up by; also used for the weeks it is compared with. */
export interface WeekCounts {
  interactions: number;
  smallMoments: number;
  sharedActivities: number;
  minutes: number;
  /** Mean "how connected it felt" (1–5) over the interactions that have it. */
  averageQuality: number | null;
}

export interface PersonWeek {
  name: string;
  interactions: number;
  minutes: number;
  /** Mean mood after − before over this week's entries with both; null when none have both. */
  averageLift: number | null;
  liftEntries: number;
}

export interface ActivityWeek {
  activity: string;
  count: number;
  people: string[];
}

export interface DayMood {
  date: Date;
  /** Mean of the day's mood readings: check-ins and moods after interactions. */
  average: number | null;
  readings: number;
  /** The day is still ahead (the current week). */
  future: boolean;
}

export interface WeekSummary extends WeekCounts {
  start: Date;
  last: Date;
  /** The week holds `now`: its numbers are "so far". */
  inProgress: boolean;
  byChannel: Record<string, number>;
  people: PersonWeek[];
  activities: ActivityWeek[];
  mood: { average: number | null; readings: number; days: DayMood[] };
  touchpoints: { kept: number; due: number };
  previous: (WeekCounts & { start: Date })[];
  /** Loneliness check-ins taken this week, and the score of the one before them, if any. */
  loneliness: { checkins: { at: Date; score: number }[]; before: number | null; text: string | null };
  comparison: string[];
  observations: string[];
}

export interface WeekInput {
  week: WeekRange;
  /** Live entries from the start of the week to its end (anything else is ignored). */
  entries: Entry[];
  /** The weeks before, most recent first, each with its sums. */
  previous: { week: WeekRange; sums: WeekSums }[];
  /** Touchpoints whose next due date falls in the week. */
  touchpointsDue: number;
  /** Occurrences kept by the week's entries, one per occurrence (as the journal records them); else linked entries are counted. */
  touchpointsKept?: number;
  now: Date;
  /** Loneliness check-ins from before the week on, oldest first (absent on journals without them). */
  checkins?: { at: Date; score: number }[];
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const isInteraction = (e: Entry): e is Interaction => e.type === 'interaction';
const inWeek = (week: WeekRange) => (e: Entry) => e.at >= week.start && e.at < week.next;

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
export const countWord = (n: number) => NUMBER_WORDS[n] ?? String(n);

export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

function pluralActivity(activity: string): string {
  if (/ing$/i.test(activity)) return `${activity} sessions`;
  if (/(s|x|ch|sh)$/i.test(activity)) return `${activity}es`;
  return `${activity}s`;
}

/** What a week's counts are worked out from: its interactions' sums (as the journal adds them up, too). */
export interface WeekSums {
  interactions: number;
  smallMoments: number;
  sharedActivities: number;
  minutes: number;
  /** The sum of the interactions' "how connected it felt", over the qualityCount that have it. */
  qualitySum: number;
  qualityCount: number;
}

export function countsFromSums(sums: WeekSums): WeekCounts {
  const { qualitySum, qualityCount, ...counts } = sums;
  return { ...counts, averageQuality: qualityCount === 0 ? null : round2(qualitySum / qualityCount) };
}

export function sumWeek(interactions: Interaction[]): WeekSums {
  const qualities = interactions.filter((e) => e.quality !== null).map((e) => e.quality!);
  return {
    interactions: interactions.length,
    smallMoments: interactions.filter((e) => e.small).length,
    sharedActivities: interactions.filter((e) => e.activity !== null).length,
    minutes: interactions.reduce((sum, e) => sum + (e.minutes ?? 0), 0),
    qualitySum: qualities.reduce((a, b) => a + b, 0),
    qualityCount: qualities.length,
  };
}

export const countWeek = (interactions: Interaction[]): WeekCounts => countsFromSums(sumWeek(interactions));

/** A day's mood readings: its check-ins, and the mood after each interaction. */
export function moodReadings(entries: Entry[]): number[] {
  return entries.flatMap((e) => {
    if (e.type === 'mood') return e.mood === null ? [] : [e.mood];
    return e.moodAfter === null ? [] : [e.moodAfter];
  });
}

function peopleOfWeek(interactions: Interaction[]): PersonWeek[] {
  const byName = new Map<string, Interaction[]>();
  for (const e of interactions) {
    for (const name of e.people) {
      const list = byName.get(name);
      if (list) list.push(e);
      else byName.set(name, [e]);
    }
  }
  return [...byName.entries()]
    .map(([name, list]) => {
      const lifts = list
        .filter((e) => e.moodBefore !== null && e.moodAfter !== null)
        .map((e) => e.moodAfter! - e.moodBefore!);
      const lift = mean(lifts);
      return {
        name,
        interactions: list.length,
        minutes: list.reduce((sum, e) => sum + (e.minutes ?? 0), 0),
        averageLift: lift === null ? null : round2(lift),
        liftEntries: lifts.length,
      };
    })
    .sort((a, b) => b.interactions - a.interactions || b.minutes - a.minutes || compareText(a.name, b.name));
}

function activitiesOfWeek(interactions: Interaction[]): ActivityWeek[] {
  const byActivity = new Map<string, ActivityWeek>();
  for (const e of interactions) {
    if (!e.activity) continue;
    const key = e.activity.toLowerCase();
    const found = byActivity.get(key) ?? { activity: e.activity, count: 0, people: [] };
    found.count += 1;
    for (const name of e.people) if (!found.people.includes(name)) found.people.push(name);
    byActivity.set(key, found);
  }
  return [...byActivity.values()].sort((a, b) => b.count - a.count || compareText(a.activity, b.activity));
}

/** One week of the journal, counted by local day, with its comparison and observations. */
export function summariseWeek(input: WeekInput): WeekSummary {
  const { week, now } = input;
  const entries = input.entries.filter(inWeek(week));
  const interactions = entries.filter(isInteraction);
  const byDay = groupByDay(entries, (e) => e.at);
  const days: DayMood[] = week.days.map((date) => {
    const readings = moodReadings(byDay.get(dayKey(date)) ?? []);
    const average = mean(readings);
    return { date, average: average === null ? null : round2(average), readings: readings.length, future: date > now };
  });
  const allReadings = moodReadings(entries);
  const weekMood = mean(allReadings);
  const byChannel: Record<string, number> = {};
  for (const e of interactions) if (e.channel) byChannel[e.channel] = (byChannel[e.channel] ?? 0) + 1;
  const previous = input.previous.map(({ week: w, sums }) => ({ start: w.start, ...countsFromSums(sums) }));
  const summary: WeekSummary = {
    start: week.start,
    last: week.days[6],
    inProgress: now >= week.start && now < week.next,
    ...countWeek(interactions),
    byChannel,
    people: peopleOfWeek(interactions),
    activities: activitiesOfWeek(interactions),
    mood: { average: weekMood === null ? null : round2(weekMood), readings: allReadings.length, days },
    touchpoints: {
      kept: input.touchpointsKept ?? interactions.filter((e) => e.touchpointId !== null).length,
      due: input.touchpointsDue,
    },
    previous,
    loneliness: lonelinessOfWeek(input),
    comparison: [],
    observations: [],
  };
  summary.comparison = compareWeeks(summary);
  summary.observations = observeWeek(summary, interactions);
  return summary;
}

/** "a score of 5 on the three-item loneliness scale (3–9, higher is lonelier), a little lower than the one before (6)". */
function lonelinessOfWeek(input: WeekInput): WeekSummary['loneliness'] {
  const all = input.checkins ?? [];
  const checkins = all.filter((c) => c.at >= input.week.start && c.at < input.week.next);
  const earlier = all.filter((c) => c.at < input.week.start);
  const before = earlier.length ? earlier[earlier.length - 1].score : null;
  if (checkins.length === 0) return { checkins, before, text: null };
  const latest = checkins[checkins.length - 1].score;
  const previous = checkins.length > 1 ? checkins[checkins.length - 2].score : before;
  let beside = '';
  if (previous !== null) {
    beside =
      latest === previous
        ? `, the same as the one before`
        : latest < previous
          ? `, a little lower than the one before (${previous})`
          : `, a little higher than the one before (${previous})`;
  }
  return { checkins, before, text: `Your check-in: ${describeScore(latest)}${beside}.` };
}

/** How this week sits beside the ones before, in words; gentle either way. */
export function compareWeeks(week: WeekSummary): string[] {
  const [last] = week.previous;
  const lines: string[] = [];
  if (!last || week.previous.every((w) => w.interactions === 0)) {
    if (week.interactions > 0)
      lines.push('Nothing logged in the weeks before to compare with yet; this week is a starting point.');
    return lines;
  }
  const soFar = week.inProgress ? 'So far, ' : '';
  const n = week.interactions;
  const diff = n - last.interactions;
  let vsLast: string;
  if (diff === 0) vsLast = `the same number of connections as last week (${n})`;
  else if (diff > 0)
    vsLast = `${diff} more ${plural(diff, 'connection')} than last week (${n}, after ${last.interactions})`;
  else vsLast = `fewer connections than last week (${n}, after ${last.interactions})`;
  if (n > 0 || last.interactions > 0) lines.push(`${`${soFar}${vsLast}`.replace(/^./, (c) => c.toUpperCase())}.`);
  if (week.previous.length > 1) {
    const counts = week.previous.map((w) => w.interactions);
    const low = Math.min(...counts);
    const high = Math.max(...counts);
    const span = week.previous.length === 4 ? 'four' : countWord(week.previous.length);
    lines.push(
      low === high
        ? `In the ${span} weeks before, you logged ${low} a week.`
        : `In the ${span} weeks before, you logged between ${low} and ${high} a week.`,
    );
  }
  if (week.averageQuality !== null && last.averageQuality !== null) {
    const q = week.averageQuality - last.averageQuality;
    const pair = `${round1(week.averageQuality)} of 5, after ${round1(last.averageQuality)}`;
    if (Math.abs(q) < 0.3) lines.push(`They felt about as connected as last week’s (${pair}).`);
    else if (q > 0) lines.push(`They felt more connected than last week’s (${pair}).`);
    else lines.push(`They felt a little less connected than last week’s (${pair}); some weeks are like that.`);
  }
  return lines;
}

const RICHER = new Set(['in-person', 'video', 'call', 'voice-message']);

/** One to three observations drawn from the week's own numbers. Observations, never verdicts. */
export function observeWeek(week: WeekSummary, interactions: Interaction[]): string[] {
  if (interactions.length === 0) {
    if (week.mood.readings > 0)
      return [
        'No connections logged this week; your mood check-ins are here. A small moment counts too: connect log --small.',
      ];
    return week.inProgress
      ? ['Nothing logged this week yet. A small moment counts too: connect log --small.']
      : ['A quiet week in the journal. One conversation, one shared moment, one step at a time is enough.'];
  }
  const found = [
    qualityOverQuantity(week),
    bestDays(week, interactions),
    liftByPerson(week),
    richerChannels(interactions),
    smallMoments(week),
  ].filter((o): o is string => o !== null);
  if (found.length < 3) found.push(connectedDays(week, interactions));
  return found.slice(0, 3);
}

function qualityOverQuantity(week: WeekSummary): string | null {
  const last = week.previous[0];
  if (week.inProgress || !last || week.averageQuality === null || last.averageQuality === null) return null;
  const deeper = week.averageQuality - last.averageQuality >= 0.3;
  if (!deeper) return null;
  const pair = `connection ${round1(week.averageQuality)} of 5, after ${round1(last.averageQuality)}`;
  if (week.interactions < last.interactions)
    return `Fewer conversations than last week, and they felt deeper (${pair}).`;
  if (week.interactions > last.interactions)
    return `More conversations than last week, and they felt closer too (${pair}).`;
  return `As many conversations as last week, and they felt deeper (${pair}).`;
}

/** "Your two walks with Sam came on your best-rated days". */
function bestDays(week: WeekSummary, interactions: Interaction[]): string | null {
  const rated = week.mood.days.filter((d) => d.average !== null);
  if (rated.length < 3) return null;
  const sorted = rated.map((d) => d.average!).sort((a, b) => b - a);
  const threshold = sorted[Math.ceil(rated.length / 3) - 1];
  if (threshold <= sorted[sorted.length - 1]) return null;
  const best = new Set(rated.filter((d) => d.average! >= threshold).map((d) => dayKey(d.date)));
  const allOnBest = (list: Interaction[]) => list.every((e) => best.has(dayKey(e.at)));
  const withWhom = (list: Interaction[]) => {
    const names = [...new Set(list.flatMap((e) => e.people))];
    return names.length ? ` with ${joinNames(names)}` : '';
  };
  const tail = (n: number) => (n === 1 ? 'came on your best-rated day' : `came on your best-rated days`);
  for (const activity of week.activities) {
    const list = interactions.filter((e) => e.activity?.toLowerCase() === activity.activity.toLowerCase());
    if (!allOnBest(list)) continue;
    const what =
      list.length === 1
        ? `Your ${activity.activity}`
        : `Your ${countWord(list.length)} ${pluralActivity(activity.activity)}`;
    return `${what}${withWhom(list)} ${tail(list.length)}.`;
  }
  for (const person of week.people) {
    if (person.interactions < 2) continue;
    const list = interactions.filter((e) => e.people.includes(person.name));
    if (allOnBest(list)) return `Your ${countWord(list.length)} times with ${person.name} ${tail(list.length)}.`;
  }
  return null;
}

function liftByPerson(week: WeekSummary): string | null {
  const lifted = week.people.filter((p) => p.liftEntries >= 2 && p.averageLift !== null && p.averageLift >= 0.5);
  if (lifted.length === 0) return null;
  const top = [...lifted].sort((a, b) => b.averageLift! - a.averageLift!)[0];
  return `After time with ${top.name} your mood was up ${round1(top.averageLift!)} on average (${top.liftEntries} entries).`;
}

function richerChannels(interactions: Interaction[]): string | null {
  const rated = interactions.filter((e) => e.quality !== null && e.channel !== null);
  const richer = rated.filter((e) => RICHER.has(e.channel!));
  const typed = rated.filter((e) => !RICHER.has(e.channel!));
  if (richer.length === 0 || typed.length === 0) return null;
  const a = mean(richer.map((e) => e.quality!))!;
  const b = mean(typed.map((e) => e.quality!))!;
  if (a - b < 0.5) return null;
  const names = (list: Interaction[]) => joinNames([...new Set(list.map((e) => CHANNEL_WORDS[e.channel!].plural))]);
  const lead = names(richer);
  return `${lead.charAt(0).toUpperCase()}${lead.slice(1)} felt more connected than ${names(typed)} this week (${round1(a)} and ${round1(b)} of 5).`;
}

function smallMoments(week: WeekSummary): string | null {
  if (week.smallMoments === 0) return null;
  const n = week.smallMoments;
  return `${n === 1 ? 'One small moment' : `${countWord(n).replace(/^./, (c) => c.toUpperCase())} small moments`} this week — brief exchanges like these count too.`;
}

function connectedDays(week: WeekSummary, interactions: Interaction[]): string {
  const days = new Set(interactions.map((e) => dayKey(e.at))).size;
  const span = week.inProgress ? week.mood.days.filter((d) => !d.future).length : 7;
  return `You connected on ${days} of ${span === 7 ? 'the 7' : `the ${span}`} days${week.inProgress ? ' so far' : ''}.`;
}
