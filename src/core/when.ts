import type * as Chrono from 'chrono-node/en';
import { addDays } from 'date-fns/addDays';
import { endOfDay } from 'date-fns/endOfDay';
import { isSameDay } from 'date-fns/isSameDay';
import { startOfDay } from 'date-fns/startOfDay';
import { UsageError } from '../errors';

export const WHEN_EXAMPLES = '"now", "2 hours ago", "yesterday 6pm", "last friday" or 2026-11-20 18:30';

/** How a day without a time of day is read: a moment in it, or the start or end of a range. */
export type DayReading = 'moment' | 'start' | 'end';

interface ParsedWhen {
  date: Date;
  hasTime: boolean;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/;

function parseLoose(text: string, now: Date): ParsedWhen | null {
  const input = text.trim();
  const iso = ISO_DATE.exec(input);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    const date = new Date(year, month - 1, day, 12);
    if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
    return { date, hasTime: false };
  }
  // The form the README and examples use, read here so that only plain English needs chrono.
  const stamp = ISO_DATE_TIME.exec(input);
  if (stamp) {
    const [year, month, day, hour, minute] = stamp.slice(1).map(Number);
    if (hour > 23 || minute > 59) return null;
    const date = new Date(year, month - 1, day, hour, minute);
    if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
    return { date, hasTime: true };
  }
  // chrono builds its grammar when loaded: only runs that read plain English pay for it.
  const chrono = require('chrono-node/en') as typeof Chrono;
  const results = chrono.parse(input, now, { forwardDate: false });
  // The whole text must be understood: a date with words left over is not a date we can trust.
  if (results.length !== 1 || results[0].index !== 0 || results[0].text.length !== input.length) return null;
  const start = results[0].start;
  let date = start.date();
  if (Number.isNaN(date.getTime())) return null;
  // A bare weekday ("friday") means the most recent one, not next week's.
  if (date > now && !start.isCertain('day') && start.isCertain('weekday')) date = addDays(date, -7);
  return { date, hasTime: start.isCertain('hour') };
}

/** The one rule for "that has not happened yet", for --when and imported rows alike: a minute's grace, so "now" typed a moment ago is never in the future. */
export const isFuture = (at: Date, now: Date): boolean => at.getTime() > now.getTime() + 60_000;

/**
 * Reads a time as typed after --when, --since or --until: an ISO date or instant, or plain English.
 * Unreadable text and (unless allowed) future times are usage errors that name the accepted forms.
 */
export function parseWhen(
  text: string,
  now: Date,
  options: { flag: string; reading?: DayReading; allowFuture?: boolean },
): Date {
  const { flag, reading = 'moment', allowFuture = false } = options;
  const parsed = parseLoose(String(text), now);
  if (!parsed) throw new UsageError(`${flag} could not read "${text}". Try ${WHEN_EXAMPLES}.`);
  let { date } = parsed;
  if (!parsed.hasTime) {
    if (reading === 'start') date = startOfDay(date);
    else if (reading === 'end') date = endOfDay(date);
    else if (isSameDay(date, now) && date > now) date = now;
  }
  if (!allowFuture && reading === 'moment' && isFuture(date, now)) {
    throw new UsageError(`${flag} "${text}" is in the future; connect keeps what already happened. Try ${WHEN_EXAMPLES}.`);
  }
  return date;
}
