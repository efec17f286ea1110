import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addWeeks } from 'date-fns/addWeeks';
import { getDaysInMonth } from 'date-fns/getDaysInMonth';
import { startOfDay } from 'date-fns/startOfDay';
import { isAnchored, type Every } from './every';
import { calendarDaysBetween } from './local-day';
import { CHANNELS, type Channel, type Interaction } from './types';

/*
 * Days here are local calendar days, held as Dates at local midnight. date-fns adds days, weeks and
 * months on the local calendar (setDate/setMonth), so a Sunday stays a Sunday through DST changes.
 */

export const dayOf = (instant: Date): Date => startOfDay(instant);

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-11-29" → that local day. */
export function parseDay(text: string): Date {
  const match = ISO_DAY.exec(text);
  if (!match) throw new Error(`not a YYYY-MM-DD day: ${text}`);
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

const daysBetween = calendarDaysBetween;
const latest = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/** One period later, for floating touchpoints (a month after 31 January is the end of February). */
export function addPeriod(every: Every, day: Date): Date {
  switch (every.kind) {
    case 'days':
      return addDays(day, every.n);
    case 'weeks':
      return addWeeks(day, every.n);
    default:
      return addMonths(day, 1);
  }
}

/** The month's occurrence of a monthly anchored touchpoint (year, month as Date#getMonth counts). */
function inMonth(every: Every, year: number, month: number): Date {
  const length = getDaysInMonth(new Date(year, month, 1));
  if (every.kind === 'month-day') return new Date(year, month, Math.min(every.day, length));
  if (every.kind !== 'month-weekday') throw new Error('not a monthly anchored touchpoint');
  if (every.ordinal === -1) {
    const last = new Date(year, month, length);
    return addDays(last, -((last.getDay() - every.weekday + 7) % 7));
  }
  const first = new Date(year, month, 1);
  return addDays(first, ((every.weekday - first.getDay() + 7) % 7) + 7 * (every.ordinal - 1));
}

/** The first anchor weekday on or after `anchor`: where a weekly grid starts. */
function weeklyBase(weekday: number, anchor: Date): Date {
  return addDays(anchor, (weekday - anchor.getDay() + 7) % 7);
}

/** The latest occurrence on or before `day` of an anchored touchpoint (the grid runs both ways from its anchor). */
export function occurrenceOnOrBefore(every: Every, anchor: Date, day: Date): Date {
  if (every.kind === 'weeks' && every.weekday !== null) {
    const base = weeklyBase(every.weekday, anchor);
    const periods = Math.floor(daysBetween(day, base) / (7 * every.n));
    return addWeeks(base, periods * every.n);
  }
  const here = inMonth(every, day.getFullYear(), day.getMonth());
  if (here.getTime() <= day.getTime()) return here;
  const before = new Date(day.getFullYear(), day.getMonth() - 1, 1);
  return inMonth(every, before.getFullYear(), before.getMonth());
}

/** The first occurrence strictly after `day` of an anchored touchpoint. */
export function occurrenceAfter(every: Every, anchor: Date, day: Date): Date {
  const previous = occurrenceOnOrBefore(every, anchor, day);
  if (every.kind === 'weeks' && every.weekday !== null) return addWeeks(previous, every.n);
  const next = new Date(previous.getFullYear(), previous.getMonth() + 1, 1);
  return inMonth(every, next.getFullYear(), next.getMonth());
}

/** The first occurrence on or after `day` of an anchored touchpoint. */
export function occurrenceOnOrAfter(every: Every, anchor: Date, day: Date): Date {
  const onOrBefore = occurrenceOnOrBefore(every, anchor, day);
  return onOrBefore.getTime() === day.getTime() ? day : occurrenceAfter(every, anchor, day);
}

/**
 * When a new touchpoint is first due: its start day, or its first calendar occurrence from then. A start in
 * the past lays the grid from there but is due from today on: a new touchpoint owes nothing.
 */
export function firstDue(every: Every, from: Date, today: Date = from): Date {
  const start = dayOf(from);
  const day = latest(start, dayOf(today));
  return isAnchored(every) ? occurrenceOnOrAfter(every, start, day) : day;
}

export interface Schedule {
  every: Every;
  /** The day it started from; an anchored grid is laid from here. */
  anchor: Date;
  nextDue: Date;
  lastKept: Date | null;
  paused: boolean;
}

/**
 * The occurrence an entry on `day` keeps, or null. An entry keeps an occurrence from the day before its day
 * up to the day before the next one; where two windows meet, the earlier occurrence still open takes it.
 * Occurrences before `nextDue` are kept or let pass already; an earlier contact keeps nothing. A floating
 * occurrence's window stays open until it is kept (its next one is a period after the entry that keeps it).
 * `explicit` (log --touchpoint): the earliest open occurrence, however early the day.
 */
export function occurrenceKeptOn(schedule: Schedule, day: Date, explicit = false): Date | null {
  const { every, anchor, nextDue } = schedule;
  // For an anchored grid, the occurrence on or before the day is the earliest whose window has not closed by it.
  const open = isAnchored(every) ? latest(nextDue, occurrenceOnOrBefore(every, anchor, day)) : nextDue;
  return explicit || daysBetween(open, day) <= 1 ? open : null;
}

/**
 * What an interaction on `day` does to the schedule: the open occurrence it falls in is kept, and the next is
 * the following one on the grid (anchored) or one period after `day` (floating). Null when it keeps none.
 */
export function keepOn(schedule: Schedule, day: Date, explicit = false): Schedule | null {
  const occurrence = occurrenceKeptOn(schedule, day, explicit);
  if (!occurrence) return null;
  const { every, anchor } = schedule;
  // Floating: a period after the entry, and never on or before the occurrence it just kept (a daily one kept the day before).
  const nextDue = isAnchored(every)
    ? occurrenceAfter(every, anchor, occurrence)
    : latest(addPeriod(every, day), addDays(occurrence, 1));
  return { ...schedule, lastKept: day, nextDue };
}

export type DueStatus = 'due' | 'upcoming' | 'paused';

export interface DueView {
  /** The day to show: today, a day just past, or one still to come. Never a pile of past ones. */
  due: Date;
  status: DueStatus;
  /** Its day has gone by without it being kept (said gently, once). */
  late: boolean;
  /** When it comes round after this one — "next Sunday works too". */
  following: Date;
  /** The last day a contact still keeps it: the day before the following one; null while a floating one waits. */
  until: Date | null;
}

/**
 * How a touchpoint stands today. However long it has been quiet there is one occurrence to offer: an
 * anchored one rolls on to the occurrence whose period today is in; a floating one is simply due now.
 */
export function viewDue(schedule: Schedule, today: Date): DueView {
  const { every, anchor, nextDue, paused } = schedule;
  const day = dayOf(today);
  if (isAnchored(every)) {
    // What a contact today would keep: the earliest open occurrence whose window has not closed.
    const due = latest(nextDue, occurrenceOnOrBefore(every, anchor, day));
    const status: DueStatus = paused ? 'paused' : due.getTime() <= day.getTime() ? 'due' : 'upcoming';
    const following = occurrenceAfter(every, anchor, due);
    return { due, status, late: !paused && due.getTime() < day.getTime(), following, until: addDays(following, -1) };
  }
  const late = !paused && nextDue.getTime() < day.getTime();
  const due = late ? day : nextDue;
  const status: DueStatus = paused ? 'paused' : due.getTime() <= day.getTime() ? 'due' : 'upcoming';
  return { due, status, late, following: addPeriod(every, due), until: null };
}

/** Lets the current occurrence pass quietly: the next is due a period later. */
export function skipOnce(schedule: Schedule, today: Date): Schedule {
  const { due } = viewDue({ ...schedule, paused: false }, today);
  const nextDue = isAnchored(schedule.every)
    ? occurrenceAfter(schedule.every, schedule.anchor, due)
    : addPeriod(schedule.every, due);
  return { ...schedule, nextDue };
}

/** After a pause nothing is waiting from the paused weeks: it is due from today on. */
export function resumeFrom(schedule: Schedule, today: Date): Schedule {
  const day = dayOf(today);
  if (isAnchored(schedule.every)) {
    return {
      ...schedule,
      paused: false,
      nextDue: latest(schedule.nextDue, occurrenceOnOrAfter(schedule.every, schedule.anchor, day)),
    };
  }
  return { ...schedule, paused: false, nextDue: latest(schedule.nextDue, day) };
}

/**
 * A touchpoint's schedule after its rhythm or start changes: laid from `anchor` and due from today on, except
 * that an occurrence its last keeping already covers stays kept (a floating one is due a period after it).
 */
export function replan(schedule: Schedule, every: Every, anchor: Date, today: Date, fromGiven: boolean): Schedule {
  const fresh: Schedule = { ...schedule, every, anchor, nextDue: firstDue(every, anchor, today) };
  const { lastKept } = schedule;
  if (lastKept === null) return fresh;
  if (!isAnchored(every) && !fromGiven) return { ...fresh, nextDue: addPeriod(every, lastKept) };
  const kept = keepOn(fresh, lastKept);
  return kept ? { ...kept, lastKept } : fresh;
}

/** Days from today to a due day (negative when it has gone by). */
export const daysUntil = (due: Date, today: Date): number => daysBetween(due, dayOf(today));

/** A touchpoint as the domain sees it: who, how often, and where its schedule stands. */
export interface Touchpoint extends Schedule {
  id: string;
  title: string;
  people: string[];
  channel: string | null;
  activity: string | null;
}

const sameText = (a: string | null, b: string | null) =>
  a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/** How rich a channel is: in person › video › call › voice message › text and online alike. */
export const CHANNEL_RICHNESS: Record<Channel, number> = {
  'in-person': 4,
  video: 3,
  call: 2,
  'voice-message': 1,
  text: 0,
  online: 0,
};

/** Can a contact by `used` keep a touchpoint that names `wanted`: that channel or a richer one (no channel either side counts). */
export function channelKeeps(wanted: string | null, used: string | null): boolean {
  if (wanted === null || used === null) return true;
  return CHANNEL_RICHNESS[used as Channel] >= CHANNEL_RICHNESS[wanted as Channel];
}

/** The channels that can keep a touchpoint naming `wanted`, from the lightest up (all of them when it names none). */
export const keepingChannels = (wanted: string | null): Channel[] =>
  CHANNELS.filter((channel) => channelKeeps(wanted, channel)).sort((a, b) => CHANNEL_RICHNESS[a] - CHANNEL_RICHNESS[b]);

/** Something could keep it: it has people, or (with none) an activity. */
export const canBeKept = (touchpoint: Pick<Touchpoint, 'people' | 'activity'>): boolean =>
  touchpoint.people.length > 0 || touchpoint.activity !== null;

/**
 * Is this what a person would say keeps the touchpoint: one of its people (or, with no people, its activity);
 * where it names a channel, that channel or a richer one; where it names an activity, that activity.
 */
export function matchesTouchpoint(
  touchpoint: Touchpoint,
  interaction: Pick<Interaction, 'people' | 'activity' | 'channel'>,
): boolean {
  if (!canBeKept(touchpoint)) return false;
  if (touchpoint.people.length > 0) {
    const names = new Set(interaction.people.map((name) => name.toLowerCase()));
    if (!touchpoint.people.some((name) => names.has(name.toLowerCase()))) return false;
  }
  if (touchpoint.activity !== null && !sameText(touchpoint.activity, interaction.activity)) return false;
  return channelKeeps(touchpoint.channel, interaction.channel);
}

/**
 * The one touchpoint a logged interaction keeps, with its new schedule: it must match, not be paused, and
 * the day must fall in an open occurrence's window. Ties go to the closest fit (same channel or activity),
 * then the soonest due, so the answer never depends on storage order.
 */
export function touchpointKeptBy<T extends Touchpoint>(
  touchpoints: T[],
  interaction: Pick<Interaction, 'people' | 'activity' | 'channel' | 'at'>,
): { touchpoint: T; schedule: Schedule } | null {
  const day = dayOf(interaction.at);
  const fits = (t: Touchpoint) =>
    Number(sameText(t.channel, interaction.channel)) + Number(sameText(t.activity, interaction.activity));
  const candidates = touchpoints
    .filter((t) => !t.paused && matchesTouchpoint(t, interaction))
    .map((touchpoint) => ({ touchpoint, schedule: keepOn(touchpoint, day) }))
    .filter((c): c is { touchpoint: T; schedule: Schedule } => c.schedule !== null)
    .sort(
      (a, b) =>
        fits(b.touchpoint) - fits(a.touchpoint) ||
        a.touchpoint.nextDue.getTime() - b.touchpoint.nextDue.getTime() ||
        (a.touchpoint.title < b.touchpoint.title ? -1 : a.touchpoint.title > b.touchpoint.title ? 1 : 0) ||
        (a.touchpoint.id < b.touchpoint.id ? -1 : 1),
    );
  return candidates[0] ?? null;
}

/** Touchpoints as `touchpoint list` shows them: soonest due first as they stand today, paused ones last, then by title. */
export function inListOrder<T extends Touchpoint>(touchpoints: readonly T[], today: Date): T[] {
  return touchpoints
    .map((touchpoint) => ({ touchpoint, due: viewDue(touchpoint, today).due.getTime() }))
    .sort(
      (a, b) =>
        Number(a.touchpoint.paused) - Number(b.touchpoint.paused) ||
        a.due - b.due ||
        (a.touchpoint.title < b.touchpoint.title ? -1 : a.touchpoint.title > b.touchpoint.title ? 1 : 0),
    )
    .map(({ touchpoint }) => touchpoint);
}
