import { UsageError } from '../errors';

/** 0 = Sunday … 6 = Saturday, as Date#getDay counts them. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
/** Which weekday of the month: 1–4, or -1 for the last. */
export type Ordinal = 1 | 2 | 3 | 4 | -1;

/**
 * How often a touchpoint comes round. `days`, `weeks` without a weekday and `month` float: each is due a
 * period after it was last kept. The others are anchored to the calendar.
 */
export type Every =
  | { kind: 'days'; n: number }
  | { kind: 'weeks'; n: number; weekday: Weekday | null }
  | { kind: 'month' }
  | { kind: 'month-weekday'; ordinal: Ordinal; weekday: Weekday }
  | { kind: 'month-day'; day: number };

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const ORDINALS: Record<string, Ordinal> = { first: 1, second: 2, third: 3, fourth: 4, last: -1 };
const ORDINAL_WORDS: Record<string, string> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '-1': 'last',
};

export const EVERY_EXAMPLES = [
  'day',
  '3 days',
  'week',
  '2 weeks',
  'week on sunday',
  '2 weeks on friday',
  'month',
  'month on the first tuesday',
  'month on the last friday',
  'month on the 15th',
];

const MAX_DAYS = 365;
const MAX_WEEKS = 52;

function weekdayOf(word: string): Weekday | null {
  // Full names, plurals ("sundays") and three-letter forms ("sun") are all fine.
  const index = WEEKDAYS.findIndex((name) => word === name || word === `${name}s` || word === name.slice(0, 3));
  return index < 0 ? null : (index as Weekday);
}

function wrong(text: string, flag: string, why = ''): UsageError {
  return new UsageError(
    `${flag} could not read "${text}"${why ? ` (${why})` : ''}. It understands: ${EVERY_EXAMPLES.join(', ')}.`,
    `For example: connect touchpoint add "Sunday call" --every "week on sunday" --with Mum`,
  );
}

/** Reads a touchpoint's rhythm as typed after --every; anything else is a usage error listing what works. */
export function parseEvery(text: string, flag = '--every'): Every {
  const input = String(text).trim().toLowerCase().replace(/\s+/g, ' ');
  if (input === 'day' || input === '1 day') return { kind: 'days', n: 1 };
  if (input === 'month' || input === '1 month') return { kind: 'month' };

  let match = /^(\d{1,3}) days?$/.exec(input);
  if (match) {
    const n = Number(match[1]);
    if (n < 1 || n > MAX_DAYS) throw wrong(text, flag, `days go from 1 to ${MAX_DAYS}`);
    return { kind: 'days', n };
  }

  match = /^(?:(\d{1,2}) )?weeks?(?: on (\w+))?$/.exec(input);
  if (match) {
    const n = match[1] === undefined ? 1 : Number(match[1]);
    if (match[1] === undefined && input.startsWith('weeks')) throw wrong(text, flag);
    if (n < 1 || n > MAX_WEEKS) throw wrong(text, flag, `weeks go from 1 to ${MAX_WEEKS}`);
    if (match[2] === undefined) return { kind: 'weeks', n, weekday: null };
    const weekday = weekdayOf(match[2]);
    if (weekday === null) throw wrong(text, flag, `"${match[2]}" is not a weekday`);
    return { kind: 'weeks', n, weekday };
  }

  match = /^month on the (first|second|third|fourth|last) (\w+)$/.exec(input);
  if (match) {
    const weekday = weekdayOf(match[2]);
    if (weekday === null) throw wrong(text, flag, `"${match[2]}" is not a weekday`);
    return { kind: 'month-weekday', ordinal: ORDINALS[match[1]], weekday };
  }

  match = /^month on the (\d{1,2})(?:st|nd|rd|th)?$/.exec(input);
  if (match) {
    const day = Number(match[1]);
    if (day < 1 || day > 31) throw wrong(text, flag, 'a day of the month goes from 1st to 31st');
    return { kind: 'month-day', day };
  }
  throw wrong(text, flag);
}

export function ordinalSuffix(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** The canonical spelling, as stored and as shown in JSON; parseEvery reads it back unchanged. */
export function formatEvery(every: Every): string {
  switch (every.kind) {
    case 'days':
      return every.n === 1 ? 'day' : `${every.n} days`;
    case 'weeks': {
      const base = every.n === 1 ? 'week' : `${every.n} weeks`;
      return every.weekday === null ? base : `${base} on ${WEEKDAYS[every.weekday]}`;
    }
    case 'month':
      return 'month';
    case 'month-weekday':
      return `month on the ${ORDINAL_WORDS[String(every.ordinal)]} ${WEEKDAYS[every.weekday]}`;
    case 'month-day':
      return `month on the ${ordinalSuffix(every.day)}`;
  }
}

export const weekdayName = (weekday: number) => WEEKDAYS[weekday].charAt(0).toUpperCase() + WEEKDAYS[weekday].slice(1);

/** "every week on Sunday", "on the first Tuesday of each month" — for people to read. */
export function describeEvery(every: Every): string {
  switch (every.kind) {
    case 'days':
      return every.n === 1 ? 'every day' : `every ${every.n} days`;
    case 'weeks': {
      const base = every.n === 1 ? 'every week' : `every ${every.n} weeks`;
      return every.weekday === null ? base : `${base} on ${weekdayName(every.weekday)}`;
    }
    case 'month':
      return 'every month';
    case 'month-weekday':
      return `on the ${ORDINAL_WORDS[String(every.ordinal)]} ${weekdayName(every.weekday)} of each month`;
    case 'month-day':
      return `on the ${ordinalSuffix(every.day)} of each month`;
  }
}

/** Anchored touchpoints keep to the calendar; floating ones are due a period after they were last kept. */
export const isAnchored = (every: Every): boolean =>
  (every.kind === 'weeks' && every.weekday !== null) || every.kind === 'month-weekday' || every.kind === 'month-day';
