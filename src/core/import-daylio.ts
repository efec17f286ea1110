import { UsageError } from '../errors';
import { readCsv } from './csv';
import { stableUuid } from './stable-uuid';
import { parseRating } from './vocabulary';

/** Daylio’s five default moods; people may rename them, hence `--map label=N`. */
export const DAYLIO_MOODS: Record<string, number> = { rad: 5, good: 4, meh: 3, bad: 2, awful: 1 };

const REQUIRED = ['full_date', 'time', 'mood'] as const;
const EXPECTED_HEADER = 'full_date,date,weekday,time,mood,activities,note_title,note';

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
    if (!match || !match[1].trim()) throw new UsageError(`--map takes a label and a mood from 1 to 5, like --map "super=5"; got "${value}".`);
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

/** A calendar date and a wall-clock time, read in the local time zone. */
function localInstant(date: string, time: { hours: number; minutes: number }): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(year, month - 1, day, time.hours, time.minutes);
  if (at.getFullYear() !== year || at.getMonth() !== month - 1 || at.getDate() !== day) return null;
  return at;
}

function noteOf(title: string, note: string, activities: string): string | null {
  const list = activities
    .split('|')
    .map((a) => a.trim())
    .filter(Boolean);
  const parts = [title.trim(), note.trim(), list.length > 0 ? `Activities: ${list.join(', ')}` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join('\n') : null;
}

/**
 * Daylio’s CSV export → mood entries. Every row is checked before anything is kept; labels that are
 * neither Daylio’s defaults nor mapped are listed together in one usage error.
 */
export function parseDaylio(text: string, map: Record<string, number> = {}, what = 'This file'): DaylioMood[] {
  const notDaylio = () =>
    new UsageError(`${what} is not a Daylio CSV export: expected the header ${EXPECTED_HEADER}.`, 'Export from Daylio with "Export entries (CSV)", or pick another --from.');
  // The header is checked before the rest is read, so another kind of file gets this message, not a CSV one.
  const firstLine = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').split(',').map((name) => name.replace(/"/g, '').trim().toLowerCase());
  if (text.includes('\u0000') || REQUIRED.some((name) => !firstLine.includes(name))) throw notDaylio();
  const rows = readCsv(text, what).filter((row) => !(row.length === 1 && row[0].trim() === ''));
  const header = (rows[0] ?? []).map((name) => name.trim().toLowerCase());
  if (rows.length === 0 || REQUIRED.some((name) => !header.includes(name))) throw notDaylio();
  const column = (name: string) => header.indexOf(name);
  const labels: Record<string, number> = Object.assign(Object.create(null), DAYLIO_MOODS, map);
  const unknown = new Set<string>();
  const moods: DaylioMood[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((row, index) => {
    const line = index + 2;
    const cell = (name: string) => (column(name) >= 0 ? (row[column(name)] ?? '') : '');
    if (row.length > header.length) throw new UsageError(`${what} line ${line} has ${row.length} fields where the header has ${header.length}; a note with commas needs "quotes".`);
    const time = parseDaylioTime(cell('time'));
    if (!time) throw new UsageError(`${what} line ${line}: cannot read the time "${cell('time')}"; expected 6:50 pm or 18:50.`);
    const at = localInstant(cell('full_date'), time);
    if (!at) throw new UsageError(`${what} line ${line}: cannot read the date "${cell('full_date')}"; expected YYYY-MM-DD.`);
    const label = cell('mood').trim().toLowerCase();
    const mood = labels[label];
    if (mood === undefined) {
      unknown.add(cell('mood').trim() || '(empty)');
      return;
    }
    const content = [cell('full_date'), cell('time'), label, cell('activities'), cell('note_title'), cell('note')].join('\u001f');
    // The same row twice in one file stays two entries, and still the same two on every import.
    const occurrence = (seen.get(content) ?? 0) + 1;
    seen.set(content, occurrence);
    moods.push({ uuid: stableUuid(`daylio\u001f${content}\u001f${occurrence}`), at, mood, note: noteOf(cell('note_title'), cell('note'), cell('activities')), line });
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
