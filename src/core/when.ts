import type * as Chrono from 'chrono-node/en';
import { addDays } from 'date-fns/addDays';
import { endOfDay } from 'date-fns/endOfDay';
import { isSameDay } from 'date-fns/isSameDay';
import { startOfDay } from 'date-fns/startOfDay';
import { UsageError } from '../errors';

export const WHEN_EXAMPLES = '"now", "2 hours ago", "yesterday 6pm", "last friday" or 2026-11-20 18:30';

/** Whether typed --when text means the present moment (nothing to echo back). */
export const isNow = (text: string | undefined): boolean => text === undefined || text.trim().toLowerCase() === 'now';

/** The earliest time connect keeps (1900-01-01 UTC), for --when and imports alike: years before it are typos. */
export const EARLIEST = Date.UTC(1900, 0, 1);

/** How a day without a time of day is read: a moment in it, or the start or end of a range. */
export type DayReading = 'moment' | 'start' | 'end';

interface ParsedWhen {
  date: Date;
  hasTime: boolean;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
/** "3 days ago", "a week ago", "last month": whole days, weeks, months or years back. */
const CALENDAR_AGO = /^(\d{1,4}|an?|one|two|three|four|five|six|seven|eight|nine|ten) (day|week|month|year)s? ago$/i;
const CALENDAR_LAST = /^last (week|month|year)$/i;

/**
 * Days, weeks, months and years back move by calendar days and keep the time on the clock: "3 days ago" at
 * 13:30 is 13:30 three days ago, even across a change of the clocks (chrono-node would count 72 hours).
 */
function calendarBack(input: string, now: Date): Date | null {
  const ago = CALENDAR_AGO.exec(input);
  const last = CALENDAR_LAST.exec(input);
  if (!ago && !last) return null;
  const count = ago ? (NUMBER_WORDS[ago[1].toLowerCase()] ?? Number(ago[1])) : 1;
  const unit = (ago ? ago[2] : last![1]).toLowerCase();
  const date = new Date(now);
  if (unit === 'day' || unit === 'week') date.setDate(date.getDate() - count * (unit === 'week' ? 7 : 1));
  else {
    // The same day of an earlier month, or that month's last day when it is shorter (31 March → 28 February).
    const day = date.getDate();
    date.setDate(1);
    date.setMonth(date.getMonth() - count * (unit === 'year' ? 12 : 1));
    date.setDate(Math.min(day, new Date(date.getFullYear(), date.getMonth() + 1, 0).getDate()));
  }
  return date;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const clock = (date: Date) => `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;

/**
 * A wall-clock time the clocks skipped (02:30 on the night they go forward) is refused, naming the nearest
 * times that did happen. `date` is what the Date constructor made of it: pushed past the gap.
 */
function refuseSkipped(flag: string, text: string, date: Date, hour: number, minute: number): void {
  if (date.getHours() === hour && date.getMinutes() === minute) return;
  // Step back to the moment the clocks changed: the first minute after it, and the last one before.
  let after = new Date(date);
  const offset = after.getTimezoneOffset();
  for (let i = 0; i < 24 * 60; i++) {
    const earlier = new Date(after.getTime() - 60_000);
    if (earlier.getTimezoneOffset() !== offset) break;
    after = earlier;
  }
  const before = new Date(after.getTime() - 60_000);
  const gapStart = before.getHours() * 60 + before.getMinutes() + 1;
  const from = `${pad2(Math.floor(gapStart / 60) % 24)}:${pad2(gapStart % 60)}`;
  throw new UsageError(
    `${flag} "${text}": the clocks went forward from ${from} to ${clock(after)} that day, so ${pad2(hour)}:${pad2(minute)} never happened in your time zone. Try ${clock(before)} or ${clock(after)}.`,
  );
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/;

function parseLoose(text: string, now: Date, flag: string): ParsedWhen | null {
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
    refuseSkipped(flag, text, date, hour, minute);
    return { date, hasTime: true };
  }
  const back = calendarBack(input, now);
  if (back) return { date: back, hasTime: true };
  // chrono builds its grammar when loaded: only runs that read plain English pay for it.
  const chrono = require('chrono-node/en') as typeof Chrono;
  const results = chrono.parse(input, now, { forwardDate: false });
  // The whole text must be understood: a date with words left over is not a date we can trust.
  if (results.length !== 1 || results[0].index !== 0 || results[0].text.length !== input.length) return null;
  const start = results[0].start;
  let date = start.date();
  if (Number.isNaN(date.getTime())) return null;
  // A bare weekday ("friday") means the most recent one, not next week's; "next friday" still means next week's.
  if (date > now && !start.isCertain('day') && start.isCertain('weekday') && !/\bnext\b/i.test(input))
    date = addDays(date, -7);
  const hasTime = start.isCertain('hour');
  if (hasTime && !start.isCertain('timezoneOffset'))
    refuseSkipped(flag, text, date, start.get('hour') ?? 0, start.get('minute') ?? 0);
  return { date, hasTime };
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
  const parsed = parseLoose(String(text), now, flag);
  if (!parsed) throw new UsageError(`${flag} could not read "${text}". Try ${WHEN_EXAMPLES}.`);
  let { date } = parsed;
  if (!parsed.hasTime) {
    if (reading === 'start') date = startOfDay(date);
    else if (reading === 'end') date = endOfDay(date);
    else if (isSameDay(date, now) && date > now) date = now;
  }
  if (date.getTime() < EARLIEST) {
    throw new UsageError(`${flag} "${text}" is before 1900; connect keeps times from 1900 on. Try ${WHEN_EXAMPLES}.`);
  }
  if (!allowFuture && reading === 'moment' && isFuture(date, now)) {
    throw new UsageError(
      `${flag} "${text}" is in the future; connect keeps what already happened. Try ${WHEN_EXAMPLES}.`,
    );
  }
  return date;
}
