import { UsageError } from '../errors';
import { readCsv } from './csv';
import { stableUuid } from './stable-uuid';
import { isFuture } from './when';
import { parseRating } from './vocabulary';

/** Daylio’s five default moods; people may rename them, hence `--map label=N`. */
export const DAYLIO_MOODS: Record<string, number> = { rad: 5, good: 4, meh: 3, bad: 2, awful: 1 };

const REQUIRED = ['full_date', 'time', 'mood'] as const;
const OLDER_REQUIRED = ['year', 'date', 'time', 'mood'] as const;
const EXPECTED_HEADER = 'full_date,date,weekday,time,mood,activities,note_title,note';
const OLDER_HEADER = 'year,date,weekday,time,mood,activities,note';

export interface DaylioMood {
  uuid: string;
  at: Date;
  mood: number;
  note: string | null;
  /** The line of the file it came from, for messages. */
  line: number;
}

/** Reads `--map` values like "awesome=5" (repeatable) into label → rating. */
export function parseMoodMap(values: string[]): Record<string, number> {
  // No prototype: a label may be "__proto__" or "constructor" like any other word.
  const map: Record<string, number> = Object.create(null);
  for (const value of values) {
    const match = /^(.+?)\s*=\s*(\S+)$/.exec(value.trim());
    if (!match?.[1].trim())
      throw new UsageError(`--map takes a label and a mood from 1 to 5, like --map "super=5"; got "${value}".`);
    map[match[1].trim().toLowerCase()] = parseRating(match[2], `--map ${match[1].trim()}`);
  }
  return map;
}

/** "6:50 pm", "12:05 AM", "6:50 p.m." or "18:50" (seconds allowed) → hours and minutes. */
export function parseDaylioTime(text: string): { hours: number; minutes: number } | null {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?$/i.exec(text.trim());
  if (!match) return null;
  let hours = Number(match[1]);
  const minutes = Number(match[2]);
  const meridiem = match[4]?.toLowerCase();
  if (minutes > 59 || (match[3] !== undefined && Number(match[3]) > 59)) return null;
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (meridiem === 'p' ? 12 : 0);
  } else if (hours > 23) return null;
  return { hours, minutes };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "2023-05-15" or "2023-5-15"; or, from the older export, a year and "15 May" / "May 15". */
export function parseDaylioDate(
  fullDate: string,
  year = '',
  date = '',
): { year: number; month: number; day: number } | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(fullDate.trim());
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  if (!/^\d{4}$/.test(year.trim())) return null;
  const text = date.trim();
  const dayFirst = /^(\d{1,2})\.?\s+([a-z]+)\.?$/i.exec(text);
  const monthFirst = /^([a-z]+)\.?\s+(\d{1,2})$/i.exec(text);
  const [dayText, monthText] = dayFirst ? [dayFirst[1], dayFirst[2]] : monthFirst ? [monthFirst[2], monthFirst[1]] : [];
  if (!dayText || !monthText) return null;
  const month = MONTHS.indexOf(monthText.slice(0, 3).toLowerCase());
  return month < 0 ? null : { year: Number(year), month: month + 1, day: Number(dayText) };
}

/** A calendar date and a wall-clock time, read in the local time zone; null when the date is not on the calendar. */
function localInstant(
  date: { year: number; month: number; day: number },
  time: { hours: number; minutes: number },
): Date | null {
  const { year, month, day } = date;
  const at = new Date(year, month - 1, day, time.hours, time.minutes);
  if (at.getFullYear() !== year || at.getMonth() !== month - 1 || at.getDate() !== day) return null;
  return at;
}

const listOf = (text: string) =>
  text
    .split('|')
    .map((a) => a.trim())
    .filter(Boolean);

function noteOf(title: string, note: string, activities: string, scales: string, extras: string[]): string | null {
  const list = listOf(activities);
  const scaleList = listOf(scales);
  const parts = [
    title.trim(),
    note.trim(),
    list.length > 0 ? `Activities: ${list.join(', ')}` : '',
    scaleList.length > 0 ? `Scales: ${scaleList.join(', ')}` : '',
    ...extras,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('\n') : null;
}

/** The columns connect reads; any other column is kept in the note as "name: value". */
const KNOWN = new Set([
  'full_date',
  'date',
  'weekday',
  'time',
  'mood',
  'activities',
  'note_title',
  'note',
  'year',
  'scales',
]);

/**
 * Daylio’s CSV export → mood entries: the current header (full_date,…,note_title,note, perhaps with scales),
 * the older one (year,date,weekday,time,mood,activities,note) and columns in any order. A row longer than the
 * header keeps its surplus in the note (an unquoted comma in the note is the usual cause). Every row is checked
 * before anything is kept; labels that are neither Daylio’s defaults nor mapped are listed together in one
 * usage error; a row dated after `now` is refused by the rule --when uses. An empty file is an empty journal.
 */
export function parseDaylio(
  text: string,
  map: Record<string, number> = {},
  what = 'This file',
  now: Date | null = null,
): DaylioMood[] {
  if (text.replace(/^\uFEFF/, '').trim() === '') return [];
  const notDaylio = () =>
    new UsageError(
      `${what} is not a Daylio CSV export: expected the header ${EXPECTED_HEADER} (or the older ${OLDER_HEADER}).`,
      'Export from Daylio with "Export entries (CSV)", or pick another --from.',
    );
  const readable = (names: string[]) =>
    REQUIRED.every((name) => names.includes(name)) || OLDER_REQUIRED.every((name) => names.includes(name));
  // The header is checked before the rest is read, so another kind of file gets this message, not a CSV one.
  const firstLine = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '')
    .split(',')
    .map((name) => name.replace(/"/g, '').trim().toLowerCase());
  if (text.includes('\u0000') || !readable(firstLine)) throw notDaylio();
  const rows = readCsv(text, what).filter((row) => !row.every((field) => field.trim() === ''));
  const header = (rows[0] ?? []).map((name) => name.trim().toLowerCase());
  if (rows.length === 0 || !readable(header)) throw notDaylio();
  const column = (name: string) => header.indexOf(name);
  const unknownColumns = rows[0]
    .map((name, index) => ({ name: name.trim(), index }))
    .filter(({ name }) => !KNOWN.has(name.toLowerCase()) && name !== '');
  // No prototype: a label such as __proto__ or constructor is only ever a label.
  const labels: Record<string, number> = Object.assign(Object.create(null), DAYLIO_MOODS, map);
  const unknown = new Set<string>();
  const moods: DaylioMood[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((fields, index) => {
    const line = index + 2;
    const row = [...fields];
    // Surplus fields: back onto a trailing note with the commas that split it, or else kept as they are.
    const surplus = row.length > header.length ? row.splice(header.length) : [];
    const lastIsNote = header[header.length - 1] === 'note';
    if (surplus.length > 0 && lastIsNote) row[header.length - 1] = [row[header.length - 1], ...surplus].join(',');
    const cell = (name: string) => (column(name) >= 0 ? (row[column(name)] ?? '') : '');
    const time = parseDaylioTime(cell('time'));
    if (!time)
      throw new UsageError(`${what} line ${line}: cannot read the time "${cell('time')}"; expected 6:50 pm or 18:50.`);
    const dateText = column('full_date') >= 0 ? cell('full_date') : `${cell('year')} ${cell('date')}`;
    const date = parseDaylioDate(cell('full_date'), cell('year'), cell('date'));
    const at = date && localInstant(date, time);
    if (!at)
      throw new UsageError(
        `${what} line ${line}: cannot read the date "${dateText.trim()}"; expected ${column('full_date') >= 0 ? 'YYYY-MM-DD' : 'a year and a day like 18 May'}.`,
      );
    if (now && isFuture(at, now))
      throw new UsageError(
        `${what} line ${line}: ${dateText.trim()} ${cell('time').trim()} is in the future; connect keeps what already happened.`,
      );
    const label = cell('mood').trim().toLowerCase();
    const mood = labels[label];
    if (mood === undefined) {
      unknown.add(cell('mood').trim() || '(empty)');
      return;
    }
    const extras = unknownColumns
      .filter(({ index: i }) => (row[i] ?? '').trim() !== '')
      .map(({ name, index: i }) => `${name}: ${row[i].trim()}`);
    if (surplus.length > 0 && !lastIsNote && surplus.some((f) => f.trim() !== ''))
      extras.push(
        `More fields: ${surplus
          .map((f) => f.trim())
          .filter(Boolean)
          .join(', ')}`,
      );
    const content = [
      dateText,
      cell('time'),
      label,
      cell('activities'),
      cell('note_title'),
      cell('note'),
      ...(cell('scales') ? [cell('scales')] : []),
      ...extras,
    ].join('\u001f');
    // The same row twice in one file stays two entries, and still the same two on every import.
    const occurrence = (seen.get(content) ?? 0) + 1;
    seen.set(content, occurrence);
    moods.push({
      uuid: stableUuid(`daylio\u001f${content}\u001f${occurrence}`),
      at,
      mood,
      note: noteOf(cell('note_title'), cell('note'), cell('activities'), cell('scales'), extras),
      line,
    });
  });
  if (unknown.size > 0) {
    const list = [...unknown].map((l) => `"${l}"`).join(', ');
    throw new UsageError(
      `${what} has mood labels connect does not know: ${list}. Daylio’s defaults are rad 5, good 4, meh 3, bad 2, awful 1.`,
      `Say what each means with --map, e.g. ${[...unknown].map((l) => `--map "${l}=3"`).join(' ')}`,
    );
  }
  return moods;
}
