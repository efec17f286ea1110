import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfWeek } from 'date-fns/startOfWeek';
import { dayKey } from './local-day';

/** The first day of a week, as the `week.start` setting names it. */
export type WeekStart = 'monday' | 'sunday';

export const asWeekStart = (value: string): WeekStart => (value === 'sunday' ? 'sunday' : 'monday');

const weekStartsOn = (weekStart: WeekStart) => (weekStart === 'sunday' ? 0 : 1);

export { dayKey };

/** Local midnight of a YYYY-MM-DD key. */
export function dayFromKey(key: string): Date {
  const [year, month, day] = key.split('-').map(Number);
  return new Date(year, month - 1, day);
}

export interface WeekRange {
  /** Local midnight of the first day. */
  start: Date;
  /** Local midnight of the first day of the next week: the range is [start, next). */
  next: Date;
  /** The seven local midnights, first to last. A DST week is 167 or 169 hours long; these stay days. */
  days: Date[];
}

/** The local week holding `date`: an entry at 23:30 on Sunday belongs to that Sunday's week. */
export function weekOf(date: Date, weekStart: WeekStart): WeekRange {
  const start = startOfWeek(date, { weekStartsOn: weekStartsOn(weekStart) });
  const days = Array.from({ length: 7 }, (_, i) => addDays(start, i));
  return { start, next: addDays(start, 7), days };
}

/** The week `offset` weeks before (negative) or after the one holding `date`. */
export function weekAround(date: Date, weekStart: WeekStart, offset: number): WeekRange {
  return weekOf(addDays(weekOf(date, weekStart).start, offset * 7), weekStart);
}

/** Every local day from `first` to `last`, both included. */
export function daysFrom(first: Date, last: Date): Date[] {
  const days: Date[] = [];
  for (let day = startOfDay(first); day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Local days in a row that last as long as one another: the k-th of them (from 0) starts at start + k × length. */
export interface DayRun {
  start: number;
  /** In milliseconds: 24 hours, or 23 or 25 on a day the clocks change (0 for a day a zone skipped whole). */
  length: number;
  count: number;
}

const DAY_MS = 86_400_000;

/**
 * The local days from `first`'s to the one holding `last`, as runs of days of the same length; the last run ends
 * when the day after begins. A day whose midnight a clock change skips starts when it does.
 */
export function localDayRuns(first: Date, last: Date): DayRun[] {
  const [year, month, date] = [first.getFullYear(), first.getMonth(), first.getDate()];
  const end = last.getTime();
  const runs: DayRun[] = [];
  let previous = 0;
  /** The next day starts at `start`: the day before it joins the last run when it lasts as long. */
  const add = (start: number, days: number) => {
    const length = (start - previous) / days;
    const run = runs[runs.length - 1];
    if (run && run.length === length && run.start + run.count * length === previous) run.count += days;
    else runs.push({ start: previous, length, count: days });
    previous = start;
  };
  // The offset at `start` when it is the midnight of its own date, else null. 24 hours after such a midnight at
  // the same offset is the next one: only around a change of offset is a day read back from its date, which costs
  // far more (a day the clocks skip whole starts with the next one). A week at one offset at both ends is taken
  // whole: no zone changes its clocks and back within a week.
  let start = 0;
  let offset: number | null = null;
  for (let i = 0; i === 0 || start <= end; i++) {
    const week = start + 7 * DAY_MS;
    if (offset !== null && week <= end && new Date(week).getTimezoneOffset() === offset) {
      start = week;
      i += 6;
      add(start, 7);
      continue;
    }
    const next = start + DAY_MS;
    if (offset !== null && new Date(next).getTimezoneOffset() === offset) start = next;
    else {
      const day = new Date(year, month, date + i);
      start = day.getTime();
      const midnight = day.getHours() === 0 && day.getMinutes() === 0 && day.getSeconds() === 0;
      const itsDate = day.getDate() === new Date(Date.UTC(year, month, date + i)).getUTCDate();
      offset = midnight && itsDate ? day.getTimezoneOffset() : null;
    }
    if (i === 0) previous = start;
    else add(start, 1);
  }
  if (runs.length === 0) runs.push({ start: previous, length: 0, count: 0 });
  return runs;
}

/**
 * The instants the local days from `first`'s to the one holding `last` start, and one more: when the day after
 * begins.
 */
export function localDayStarts(first: Date, last: Date): number[] {
  const runs = localDayRuns(first, last);
  const starts: number[] = [];
  for (const run of runs) for (let k = 0; k < run.count; k++) starts.push(run.start + k * run.length);
  const run = runs[runs.length - 1];
  starts.push(run.start + run.count * run.length);
  return starts;
}

/** Items grouped by the local day they happened on. */
export function groupByDay<T>(items: T[], at: (item: T) => Date): Map<string, T[]> {
  const byDay = new Map<string, T[]>();
  for (const item of items) {
    const key = dayKey(at(item));
    const list = byDay.get(key);
    if (list) list.push(item);
    else byDay.set(key, [item]);
  }
  return byDay;
}

export const WEEKDAY_LETTERS: Record<WeekStart, string[]> = {
  monday: ['M', 'T', 'W', 'T', 'F', 'S', 'S'],
  sunday: ['S', 'M', 'T', 'W', 'T', 'F', 'S'],
};

/** A day's connections: how many, and their minutes. */
export interface DayTotal {
  interactions: number;
  minutes: number;
}

export interface CalendarDay extends DayTotal {
  date: Date;
}

export interface CalendarGrid {
  first: Date;
  last: Date;
  /** Columns of seven days in week order; null for days outside [first, last]. */
  weeks: (CalendarDay | null)[][];
  /** Every day in range, oldest first. */
  days: CalendarDay[];
}

/**
 * Connections per local day over the last `months` months up to today, laid out as weeks. `totalIn` gives the
 * connections in [from, to), asked once for each day: from its local midnight to the next.
 */
export function calendarGrid(
  totalIn: (from: Date, to: Date) => DayTotal,
  options: { now: Date; months: number; weekStart: WeekStart },
): CalendarGrid {
  const last = startOfDay(options.now);
  const first = addDays(addMonths(last, -options.months), 1);
  const days = daysFrom(first, last).map((date) => ({ date, ...totalIn(date, addDays(date, 1)) }));
  const byKey = new Map(days.map((d) => [dayKey(d.date), d]));
  const weeks: (CalendarDay | null)[][] = [];
  for (let week = weekOf(first, options.weekStart); week.start <= last; week = weekOf(week.next, options.weekStart)) {
    weeks.push(week.days.map((date) => byKey.get(dayKey(date)) ?? null));
  }
  return { first, last, weeks, days };
}
