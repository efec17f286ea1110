import { format } from 'date-fns/format';
import { UsageError } from '../errors';
import { writeCsv } from './csv';
import type { Checkin } from './checkin';
import { describeEvery } from './every';
import { viewDue, type Touchpoint } from './schedule';
import { EXPORT_FORMATS, type Entry, type Person } from './types';

/** The shape of `connect export --format json`; bumped only when an older connect could misread a file. */
export const EXPORT_FORMAT = 'connect-journal';
export const EXPORT_FORMAT_VERSION = 1;

export { EXPORT_FORMATS };
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function parseExportFormat(value: string): ExportFormat {
  const v = value.trim().toLowerCase();
  const found = v === 'md' ? 'markdown' : EXPORT_FORMATS.find((f) => f === v);
  if (!found) throw new UsageError(`--format takes one of ${EXPORT_FORMATS.join(', ')}; got "${value}".`);
  return found;
}

/** snake_case column ↔ camelCase JSON field; `uuid` travels as `id`, like every other id in connect's JSON. */
export const fieldOf = (column: string): string => {
  let field = FIELDS.get(column);
  if (field === undefined) {
    field = column === 'uuid' ? 'id' : column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    FIELDS.set(column, field);
  }
  return field;
};
// An import asks for every column of every row: the few names are worked out once.
const FIELDS = new Map<string, string>();
export const columnOf = (field: string): string =>
  field === 'id' ? 'uuid' : field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Columns holding UTC milliseconds: `at` and every `…_at`. */
export const isInstantColumn = (column: string): boolean => column === 'at' || column.endsWith('_at');

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

const DAY_MS = 86_400_000;

/** A number from 0 to 99 in two digits. */
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * The proleptic Gregorian year, month (1–12) and day of a count of days from 1970-01-01: Howard Hinnant's
 * civil_from_days (https://howardhinnant.github.io/date_algorithms.html), in whole-number arithmetic.
 */
function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1];
}

/**
 * ISO 8601 with milliseconds and the local offset: exact to the millisecond and readable where it was written.
 * Where the local offset is not a whole number of minutes (Berlin before 1893 was +00:53:28), ISO 8601 cannot
 * write it, so the instant is written in UTC instead.
 * The wall clock is worked out from the offset in whole-number arithmetic rather than read field by field from a
 * Date: an export writes three instants a row, and a million rows spent 3.4 s of a 20 s export here that way.
 */
export function exactInstant(ms: number): string {
  const date = new Date(ms);
  // Whole minutes: an offset with seconds in it shows as local seconds that differ from the wall clock's here.
  const offset = -date.getTimezoneOffset();
  const wall = ms + offset * 60_000;
  const days = Math.floor(wall / DAY_MS);
  const [year, month, day] = civilFromDays(days);
  let rest = wall - days * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  if (!Number.isInteger(offset) || date.getSeconds() !== seconds || year < 1 || year > 9999) return date.toISOString();
  const zone =
    offset === 0
      ? 'Z'
      : `${offset > 0 ? '+' : '-'}${two(Math.trunc(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  // By hand rather than through date-fns' format: an export writes millions of these.
  return `${year < 1000 ? pad(year, 4) : year}-${two(month)}-${two(day)}T${two(hours)}:${two(minutes)}:${two(seconds)}.${pad(millis, 3)}${zone}`;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The number written in `count` digits from `from`, or -1 where one is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let at = from; at < from + count; at++) {
    const digit = text.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The shape connect writes (2026-11-26T11:00:00.000+01:00, or …000Z), read digit by digit: an import reads three
 * a row. Null for any other shape, or a part at the edge of its range (an hour of 24, an offset of 24 hours), which
 * Date.parse reads instead.
 */
function readWrittenInstant(text: string): number | null {
  const zoned = text.length === 29;
  if (!zoned && text.length !== 24) return null;
  if (
    text[4] !== '-' ||
    text[7] !== '-' ||
    text[10] !== 'T' ||
    text[13] !== ':' ||
    text[16] !== ':' ||
    text[19] !== '.'
  )
    return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hours = digitsAt(text, 11, 2);
  const minutes = digitsAt(text, 14, 2);
  const seconds = digitsAt(text, 17, 2);
  const millis = digitsAt(text, 20, 3);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hours < 0 || hours > 23) return null;
  if (minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59 || millis < 0) return null;
  let offset = 0;
  if (zoned) {
    const sign = text[23] === '+' ? 1 : text[23] === '-' ? -1 : 0;
    const offsetHours = digitsAt(text, 24, 2);
    const offsetMinutes = digitsAt(text, 27, 2);
    if (
      sign === 0 ||
      text[26] !== ':' ||
      offsetHours < 0 ||
      offsetHours > 23 ||
      offsetMinutes < 0 ||
      offsetMinutes > 59
    )
      return null;
    offset = sign * (offsetHours * 60 + offsetMinutes);
  } else if (text[23] !== 'Z') return null;
  return ((daysFromCivil(year, month, day) * 24 + hours) * 60 + minutes - offset) * 60_000 + seconds * 1000 + millis;
}

/**
 * The days from 1970-01-01 to a day of the proleptic Gregorian calendar, a day past the month's end rolling over as
 * Date.UTC does (whole-number arithmetic: Date.UTC is a call into the engine, three a row).
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The milliseconds of an ISO instant with an offset, or null when the text is not one. */
export function readInstant(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const written = readWrittenInstant(text);
  if (written !== null) return written;
  const ms = ISO_INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
}

const CSV_COLUMNS = [
  'id',
  'type',
  'at',
  'people',
  'channel',
  'activity',
  'small',
  'minutes',
  'moodBefore',
  'moodAfter',
  'felt',
  'quality',
  'initiated',
  'mood',
  'energy',
  'note',
  'touchpointId',
];

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first) gets a leading
 * apostrophe, as OWASP advises: a note that says `=HYPERLINK(…)` stays a note. The JSON export keeps it exact.
 */
export const notAFormula = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** The rows a spreadsheet gets at once, as one piece of text. */
const CSV_BATCH = 1000;
const CSV_COLUMN_SET = new Set(CSV_COLUMNS);

const csvCell = (value: unknown): string | number | boolean | null => {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return notAFormula(value.join('; '));
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'string' ? notAFormula(value) : (value as number | boolean);
};

/**
 * One row per entry for spreadsheets, as pieces of text; lists are joined with "; ", and no text cell can run
 * as a formula. The columns are every field an entry has in JSON, in a fixed order, so files from different
 * journals line up.
 */
export function* entriesCsvPieces(rows: Iterable<Record<string, unknown>>): Generator<string> {
  yield writeCsv([CSV_COLUMNS]);
  let batch: Record<string, unknown>[] = [];
  for (const row of rows) {
    for (const key of Object.keys(row))
      if (!CSV_COLUMN_SET.has(key)) throw new Error(`An entry has a field "${key}" that the CSV export lacks.`);
    batch.push(row);
    if (batch.length === CSV_BATCH) {
      yield writeCsv(batch.map((r) => CSV_COLUMNS.map((key) => csvCell(r[key]))));
      batch = [];
    }
  }
  if (batch.length > 0) yield writeCsv(batch.map((r) => CSV_COLUMNS.map((key) => csvCell(r[key]))));
}

/** The same, whole. */
export const entriesCsv = (rows: Iterable<Record<string, unknown>>): string => [...entriesCsvPieces(rows)].join('');

/** Markdown that reads as text: escapes the few characters that would turn a note into markup. */
const escapeMarkdown = (text: string) => text.replace(/([\\`*_[\]<>#|])/g, '\\$1');

export interface MarkdownJournal {
  /** Oldest first; read once, as the lines are made. */
  entries: Iterable<Entry>;
  people: Person[];
  describe: (entry: Entry) => string;
  touchpoints: Touchpoint[];
  /** Oldest first. */
  checkins: Checkin[];
  /** For where each touchpoint stands. */
  now: Date;
}

function touchpointMarkdown(touchpoint: Touchpoint, now: Date): string {
  const view = viewDue(touchpoint, now);
  const details = [
    describeEvery(touchpoint.every),
    touchpoint.people.length > 0 ? `with ${touchpoint.people.map(escapeMarkdown).join(', ')}` : '',
    touchpoint.channel ?? '',
    touchpoint.activity ? escapeMarkdown(touchpoint.activity) : '',
    touchpoint.paused ? 'paused' : `next ${format(view.due, 'EEE d MMM yyyy')}`,
    touchpoint.lastKept ? `last kept ${format(touchpoint.lastKept, 'EEE d MMM yyyy')}` : '',
  ].filter(Boolean);
  return `- **${escapeMarkdown(touchpoint.title)}** — ${details.join(' · ')}`;
}

/**
 * The journal as a readable document, line by line: people, touchpoints and check-ins first, then each month's
 * entries, oldest first.
 */
export function* journalMarkdownLines({
  entries,
  people,
  describe,
  touchpoints,
  checkins,
  now,
}: MarkdownJournal): Generator<string> {
  yield* ['# Connection journal', ''];
  if (people.length > 0) {
    yield* ['## People', ''];
    for (const person of people) {
      const extras = [
        person.aliases.length > 0 ? `also ${person.aliases.map(escapeMarkdown).join(', ')}` : '',
        person.tags.length > 0 ? person.tags.map((t) => `#${escapeMarkdown(t)}`).join(' ') : '',
        person.archived ? 'archived' : '',
      ].filter(Boolean);
      yield `- **${escapeMarkdown(person.name)}**${extras.length > 0 ? ` — ${extras.join(' · ')}` : ''}`;
    }
    yield '';
  }
  if (touchpoints.length > 0) yield* ['## Touchpoints', '', ...touchpoints.map((t) => touchpointMarkdown(t, now)), ''];
  if (checkins.length > 0) {
    yield* ['## Check-ins', '', '_The three-item loneliness scale: 3 to 9, higher is lonelier._', ''];
    for (const checkin of checkins) {
      yield `- **${format(checkin.at, 'EEE d MMM yyyy, HH:mm')}** — ${checkin.score} (answers ${checkin.answers.join(', ')})`;
    }
    yield '';
  }
  let month = '';
  // Entries come a day at a time: each day's words are formatted once, not once per entry.
  let day = '';
  let dayWords = '';
  for (const entry of entries) {
    const at = entry.at;
    const thisDay = `${at.getFullYear()}-${at.getMonth()}-${at.getDate()}`;
    if (thisDay !== day) {
      day = thisDay;
      dayWords = format(at, 'EEE d MMM');
      const heading = format(at, 'MMMM yyyy');
      if (heading !== month) {
        if (month) yield '';
        yield* [`## ${heading}`, ''];
        month = heading;
      }
    }
    yield `- **${dayWords}, ${pad(at.getHours())}:${pad(at.getMinutes())}** — ${escapeMarkdown(describe(entry))}`;
    if (entry.note) for (const noteLine of entry.note.split(/\r?\n/)) yield `  > ${escapeMarkdown(noteLine)}`;
  }
  if (month) yield '';
  else yield* ['_Nothing logged yet._', ''];
}

/** The same, whole. */
export const journalMarkdown = (journal: MarkdownJournal): string => [...journalMarkdownLines(journal)].join('\n');
