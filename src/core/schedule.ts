import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addWeeks } from 'date-fns/addWeeks';
import { getDaysInMonth } from 'date-fns/getDaysInMonth';
import { startOfDay } from 'date-fns/startOfDay';
import { isAnchored, type Every } from './every';
import { calendarDaysBetween } from './local-day';
import type { Interaction } from './types';

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

function subtractPeriod(every: Every, day: Date): Date {
  switch (every.kind) {
    case 'days':
      return addDays(day, -every.n);
    case 'weeks':
      return addWeeks(day, -every.n);
    default:
      return addMonths(day, -1);
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

/**
 * The occurrence whose period holds `day`: each occurrence owns the days nearer to it than to its
 * neighbours, so a call the day before or a few days after still counts for it.
 */
export function occurrenceFor(every: Every, anchor: Date, day: Date): Date {
  const before = occurrenceOnOrBefore(every, anchor, day);
  const after = occurrenceAfter(every, anchor, before);
  return daysBetween(day, before) * 2 < daysBetween(after, before) ? before : after;
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
 * What an interaction on `day` does to the schedule: the touchpoint whose period it falls in is kept and
 * the next is due a period later. Null when the day belongs to a period already kept or let pass.
 */
export function keepOn(schedule: Schedule, day: Date): Schedule | null {
  const { every, anchor, nextDue, lastKept } = schedule;
  const lastKeptNow = lastKept && lastKept.getTime() > day.getTime() ? lastKept : day;
  if (isAnchored(every)) {
    const owner = occurrenceFor(every, anchor, day);
    if (owner.getTime() < nextDue.getTime()) return null;
    return { ...schedule, lastKept: lastKeptNow, nextDue: occurrenceAfter(every, anchor, owner) };
  }
  // Floating: any contact after the last kept one counts, and the clock starts again from it.
  const windowStart = lastKept ?? subtractPeriod(every, nextDue);
  if (day.getTime() <= windowStart.getTime()) return null;
  return { ...schedule, lastKept: lastKeptNow, nextDue: addPeriod(every, day) };
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
}

/**
 * How a touchpoint stands today. However long it has been quiet there is one occurrence to offer: an
 * anchored one rolls on to the occurrence whose period today is in; a floating one is simply due now.
 */
export function viewDue(schedule: Schedule, today: Date): DueView {
  const { every, anchor, nextDue, paused } = schedule;
  const day = dayOf(today);
  if (isAnchored(every)) {
    const due = latest(nextDue, occurrenceFor(every, anchor, day));
    const status: DueStatus = paused ? 'paused' : due.getTime() <= day.getTime() ? 'due' : 'upcoming';
    return { due, status, late: !paused && due.getTime() < day.getTime(), following: occurrenceAfter(every, anchor, due) };
  }
  const late = !paused && nextDue.getTime() < day.getTime();
  const due = late ? day : nextDue;
  const status: DueStatus = paused ? 'paused' : due.getTime() <= day.getTime() ? 'due' : 'upcoming';
  return { due, status, late, following: addPeriod(every, due) };
}

/** Lets the current occurrence pass quietly: the next is due a period later. */
export function skipOnce(schedule: Schedule, today: Date): Schedule {
  const { due } = viewDue({ ...schedule, paused: false }, today);
  const nextDue = isAnchored(schedule.every) ? occurrenceAfter(schedule.every, schedule.anchor, due) : addPeriod(schedule.every, due);
  return { ...schedule, nextDue };
}

/** After a pause nothing is waiting from the paused weeks: it is due from today on. */
export function resumeFrom(schedule: Schedule, today: Date): Schedule {
  const day = dayOf(today);
  if (isAnchored(schedule.every)) {
    return { ...schedule, paused: false, nextDue: latest(schedule.nextDue, occurrenceOnOrAfter(schedule.every, schedule.anchor, day)) };
  }
  return { ...schedule, paused: false, nextDue: latest(schedule.nextDue, day) };
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

const sameText = (a: string | null, b: string | null) => a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Does this interaction belong with this touchpoint: any of its people, or (with no people) its activity. */
export function matchesTouchpoint(touchpoint: Touchpoint, interaction: Pick<Interaction, 'people' | 'activity'>): boolean {
  if (touchpoint.people.length > 0) {
    const names = new Set(interaction.people.map((name) => name.toLowerCase()));
    return touchpoint.people.some((name) => names.has(name.toLowerCase()));
  }
  return sameText(touchpoint.activity, interaction.activity);
}

/**
 * The one touchpoint a logged interaction keeps, with its new schedule: it must match, not be paused, and
 * the day must fall in its open period. Ties go to the closest fit (same channel or activity), then the
 * soonest due, so the answer never depends on storage order.
 */
export function touchpointKeptBy(
  touchpoints: Touchpoint[],
  interaction: Pick<Interaction, 'people' | 'activity' | 'channel' | 'at'>,
): { touchpoint: Touchpoint; schedule: Schedule } | null {
  const day = dayOf(interaction.at);
  const fits = (t: Touchpoint) => Number(sameText(t.channel, interaction.channel)) + Number(sameText(t.activity, interaction.activity));
  const candidates = touchpoints
    .filter((t) => !t.paused && matchesTouchpoint(t, interaction))
    .map((touchpoint) => ({ touchpoint, schedule: keepOn(touchpoint, day) }))
    .filter((c): c is { touchpoint: Touchpoint; schedule: Schedule } => c.schedule !== null)
    .sort(
      (a, b) =>
        fits(b.touchpoint) - fits(a.touchpoint) ||
        a.touchpoint.nextDue.getTime() - b.touchpoint.nextDue.getTime() ||
        (a.touchpoint.title < b.touchpoint.title ? -1 : a.touchpoint.title > b.touchpoint.title ? 1 : 0) ||
        (a.touchpoint.id < b.touchpoint.id ? -1 : 1),
    );
  return candidates[0] ?? null;
}
