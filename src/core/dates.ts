// The one way connect writes a day or a time: weekday, day, month, and the year only when it is not this one.
import { calendarDaysBetween } from './local-day';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** "Fri 13 Nov", or "Fri 13 Nov 2025" outside this year. */
export function formatDay(day: Date, now: Date): string {
  const base = `${WEEKDAYS[day.getDay()]} ${day.getDate()} ${MONTHS[day.getMonth()]}`;
  return day.getFullYear() === now.getFullYear() ? base : `${base} ${day.getFullYear()}`;
}

/** "Nov": a month above a chart's columns. */
export const formatMonth = (day: Date): string => MONTHS[day.getMonth()];

/** "12:00", on the 24-hour clock. */
export const formatClock = (at: Date): string => `${pad2(at.getHours())}:${pad2(at.getMinutes())}`;

/** "Fri 13 Nov 12:00": a day and time in a column (history, delete). */
export const formatStamp = (at: Date, now: Date): string => `${formatDay(at, now)} ${formatClock(at)}`;

/** "on Fri 13 Nov at 12:00": what a typed --when was understood as. */
export const onDayAt = (at: Date, now: Date): string => `on ${formatDay(at, now)} at ${formatClock(at)}`;

/** "today", "tomorrow", "yesterday", or "on Sun 6 Dec": how far off a day is, in words. */
export function dayWords(day: Date, now: Date): string {
  const days = calendarDaysBetween(day, now);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return `on ${formatDay(day, now)}`;
}

/** "Sun 1 Nov – Mon 30 Nov" (a year on the last day when it is not this one, on both when they differ). */
export function formatRange(first: Date, last: Date, now: Date): string {
  if (first.getFullYear() !== last.getFullYear())
    return `${formatDay(first, new Date(0))} – ${formatDay(last, new Date(0))}`;
  return `${formatDay(first, last)} – ${formatDay(last, now)}`;
}
