import { preparedOnce } from './prepared';
import type Database from 'better-sqlite3';
import { UsageError } from '../errors';
import type {
  Channel,
  Entry,
  Felt,
  Initiated,
  Interaction,
  InteractionInput,
  MoodEntry,
  MoodInput,
} from '../core/types';
import type { Contact } from '../core/people-stats';
import type { StoredPerson } from './people';
import { newUuid } from './uuid';

/**
 * An entries row as SELECT_ENTRY reads it: one JSON array per row (`jsonRow`), parsed. better-sqlite3 hands a row
 * over a value at a time, each set into the row by V8's slowest path: as objects, a million entries took 12.1 s
 * against 6.5 s as arrays, and as arrays 44,000 instructions an entry against 30,000 as one text to parse.
 */
export type EntryRow = [
  id: number,
  uuid: string,
  type: 'interaction' | 'mood',
  at: number,
  ...EntryFields,
  touchpointUuid: string | null,
  /** Its people's names (SELECT_ENTRY), or absent when they are read apart. */
  people?: string[],
];

/** An entry's own columns from its channel to its note, in the table's order, as every raw read of entries has them. */
export type EntryFields = [
  channel: Channel | null,
  activity: string | null,
  small: number,
  minutes: number | null,
  moodBefore: number | null,
  moodAfter: number | null,
  felt: string | null,
  quality: number | null,
  initiated: Initiated | null,
  mood: number | null,
  energy: number | null,
  note: string | null,
];

/** EntryRow's columns up to its people, from `entries e LEFT JOIN touchpoints t`. */
export const ENTRY_COLUMNS = `e.id, e.uuid, e.type, e.at, e.channel, e.activity, e.small, e.minutes, e.mood_before,
    e.mood_after, e.felt, e.quality, e.initiated, e.mood, e.energy, e.note, t.uuid`;

export interface StoredEntry<E extends Entry = Entry> {
  rowId: number;
  entry: E;
}

/** An entry's people, in their order, as a JSON array of `column` of people (their names, their ids). */
export const entryPeopleJson = (column: string) =>
  `json((SELECT json_group_array(p.${column} ORDER BY ep.position)
         FROM entry_people ep JOIN people p ON p.id = ep.person_id WHERE ep.entry_id = e.id))`;

/** `columns` as one JSON array: the one value a row hands over (see EntryRow), for `rowsOf` to read. */
export const jsonRow = (columns: string) => `json_array(${columns})`;

/** A row selected as one `jsonRow`, as an array. */
export const parseRow = <Row>(text: string): Row => JSON.parse(text) as Row;

/** Rows selected as one `jsonRow` each, as arrays. */
export const rowsOf = <Row>(texts: string[]): Row[] => texts.map(parseRow<Row>);

export const SELECT_ENTRY = `
  SELECT ${jsonRow(`${ENTRY_COLUMNS}, ${entryPeopleJson('name')}`)}
  FROM entries e LEFT JOIN touchpoints t ON t.id = e.touchpoint_id`;

/** `people` may come from elsewhere when many entries are read at once. */
export function toEntry(row: EntryRow, people?: string[]): Entry {
  // Indexed, not destructured: destructuring walks an iterator, which a million rows notice.
  const at = new Date(row[3]);
  if (row[2] === 'mood') return { id: row[1], type: 'mood', at, mood: row[13], energy: row[14], note: row[15] };
  const felt = row[10];
  return {
    id: row[1],
    type: 'interaction',
    at,
    people: people ?? row[17] ?? [],
    channel: row[4],
    activity: row[5],
    small: row[6] === 1,
    minutes: row[7],
    moodBefore: row[8],
    moodAfter: row[9],
    felt: felt ? (felt.split(',') as Felt[]) : [],
    quality: row[11],
    initiated: row[12],
    note: row[15],
    touchpointId: row[16],
  };
}

function touchpointRowId(db: Database.Database, uuid: string | null): number | null {
  if (!uuid) return null;
  const id = db.prepare('SELECT id FROM touchpoints WHERE uuid = ?').pluck().get(uuid) as number | undefined;
  if (id === undefined)
    throw new UsageError(`No touchpoint with id ${uuid}.`, 'connect touchpoint list shows their ids.');
  return id;
}

function linkPeople(db: Database.Database, entryId: number, at: number, people: StoredPerson[]): void {
  db.prepare('DELETE FROM entry_people WHERE entry_id = ?').run(entryId);
  const link = db.prepare('INSERT INTO entry_people(entry_id, person_id, position, at) VALUES (?, ?, ?, ?)');
  people.forEach((person, position) => {
    link.run(entryId, person.rowId, position, at);
  });
}

function interactionColumns(db: Database.Database, input: InteractionInput) {
  return {
    at: input.at.getTime(),
    channel: input.channel,
    activity: input.activity,
    small: input.small ? 1 : 0,
    minutes: input.minutes,
    mood_before: input.moodBefore,
    mood_after: input.moodAfter,
    felt: input.felt.length > 0 ? input.felt.join(',') : null,
    quality: input.quality,
    initiated: input.initiated,
    note: input.note,
    touchpoint_id: touchpointRowId(db, input.touchpointId),
  };
}

export function insertInteraction(
  db: Database.Database,
  now: Date,
  input: InteractionInput,
  people: StoredPerson[],
  uuid: string = newUuid(db),
): StoredEntry<Interaction> {
  const stamp = now.getTime();
  const columns = interactionColumns(db, input);
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO entries(uuid, type, at, channel, activity, small, minutes, mood_before, mood_after, felt, quality, initiated, note, touchpoint_id, created_at, updated_at)
       VALUES (@uuid, 'interaction', @at, @channel, @activity, @small, @minutes, @mood_before, @mood_after, @felt, @quality, @initiated, @note, @touchpoint_id, @stamp, @stamp)`,
    )
    .run({ ...columns, uuid, stamp });
  const rowId = Number(lastInsertRowid);
  linkPeople(db, rowId, columns.at, people);
  return getStoredEntry(db, rowId) as StoredEntry<Interaction>;
}

/** `about`: people a note is about (an imported friends.md note), so history --person finds it; not a contact with them. */
export function insertMood(
  db: Database.Database,
  now: Date,
  input: MoodInput,
  uuid: string = newUuid(db),
  about: StoredPerson[] = [],
): StoredEntry<MoodEntry> {
  const stamp = now.getTime();
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO entries(uuid, type, at, mood, energy, note, created_at, updated_at)
       VALUES (?, 'mood', ?, ?, ?, ?, ?, ?)`,
    )
    .run(uuid, input.at.getTime(), input.mood, input.energy, input.note, stamp, stamp);
  if (about.length > 0) linkPeople(db, Number(lastInsertRowid), input.at.getTime(), about);
  return getStoredEntry(db, Number(lastInsertRowid)) as StoredEntry<MoodEntry>;
}

export function updateInteraction(
  db: Database.Database,
  now: Date,
  rowId: number,
  input: InteractionInput,
  people: StoredPerson[],
): StoredEntry {
  const columns = interactionColumns(db, input);
  db.prepare(
    `UPDATE entries SET at = @at, channel = @channel, activity = @activity, small = @small, minutes = @minutes,
       mood_before = @mood_before, mood_after = @mood_after, felt = @felt, quality = @quality, initiated = @initiated,
       note = @note, touchpoint_id = @touchpoint_id, updated_at = @stamp WHERE id = @rowId`,
  ).run({ ...columns, stamp: now.getTime(), rowId });
  linkPeople(db, rowId, columns.at, people);
  return getStoredEntry(db, rowId);
}

export function updateMood(db: Database.Database, now: Date, rowId: number, input: MoodInput): StoredEntry {
  db.prepare('UPDATE entries SET at = ?, mood = ?, energy = ?, note = ?, updated_at = ? WHERE id = ?').run(
    input.at.getTime(),
    input.mood,
    input.energy,
    input.note,
    now.getTime(),
    rowId,
  );
  return getStoredEntry(db, rowId);
}

export function deleteEntry(db: Database.Database, now: Date, rowId: number): void {
  db.prepare('UPDATE entries SET deleted_at = ?, updated_at = ? WHERE id = ?').run(now.getTime(), now.getTime(), rowId);
}

function getStoredEntry(db: Database.Database, rowId: number): StoredEntry {
  const row = parseRow<EntryRow>(db.prepare(`${SELECT_ENTRY} WHERE e.id = ?`).pluck().get(rowId) as string);
  return { rowId, entry: toEntry(row) };
}

/** An entry by its id or the first characters of it (as `history` shows them). */
export function findEntry(db: Database.Database, typed: string): StoredEntry {
  const prefix = typed.trim().toLowerCase();
  if (!/^[0-9a-f-]{4,36}$/.test(prefix)) {
    throw new UsageError(`"${typed}" is not an entry id; ids look like 3f2a9c1e.`, 'connect history shows them.');
  }
  const rows = rowsOf<EntryRow>(
    db
      .prepare(`${SELECT_ENTRY} WHERE e.uuid >= ? AND e.uuid < ? AND e.deleted_at IS NULL LIMIT 2`)
      .pluck()
      .all(prefix, `${prefix}~`) as string[],
  );
  if (rows.length === 0) throw new UsageError(`No entry with id ${typed}.`, 'connect history shows the ids.');
  if (rows.length > 1)
    throw new UsageError(`More than one entry starts with ${typed}.`, 'Type a few more characters of the id.');
  return { rowId: rows[0][0], entry: toEntry(rows[0]) };
}

export interface EntryFilter {
  personRowId?: number;
  since?: Date;
  until?: Date;
  channel?: Channel;
  type?: 'interaction' | 'mood';
  limit?: number;
  /** Oldest first instead of newest first. */
  ascending?: boolean;
}

function entryWhere(filter: EntryFilter): { where: string; params: Record<string, unknown> } {
  const where = ['e.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  if (filter.personRowId !== undefined) {
    where.push('e.id IN (SELECT entry_id FROM entry_people WHERE person_id = @person)');
    params.person = filter.personRowId;
  }
  if (filter.since) {
    where.push('e.at >= @since');
    params.since = filter.since.getTime();
  }
  if (filter.until) {
    where.push('e.at <= @until');
    params.until = filter.until.getTime();
  }
  if (filter.channel) {
    where.push('e.channel = @channel');
    params.channel = filter.channel;
  }
  if (filter.type) {
    where.push('e.type = @type');
    params.type = filter.type;
  }
  return { where: where.join(' AND '), params };
}

export function listEntries(db: Database.Database, filter: EntryFilter = {}): Entry[] {
  const { where, params } = entryWhere(filter);
  const order = filter.ascending ? 'ASC' : 'DESC';
  const limit = filter.limit ? `LIMIT ${Math.floor(filter.limit)}` : '';
  const rows = rowsOf<EntryRow>(
    db
      .prepare(`${SELECT_ENTRY} WHERE ${where} ORDER BY e.at ${order}, e.id ${order} ${limit}`)
      .pluck()
      .all(params) as string[],
  );
  return rows.map((row) => toEntry(row));
}

/** The same entries as `listEntries`, read one at a time: for a whole journal of any size. */
export function* iterateEntries(db: Database.Database, filter: EntryFilter = {}): Generator<Entry> {
  const { where, params } = entryWhere(filter);
  const order = filter.ascending ? 'ASC' : 'DESC';
  const texts = db
    .prepare(`${SELECT_ENTRY} WHERE ${where} ORDER BY e.at ${order}, e.id ${order}`)
    .pluck()
    .iterate(params) as IterableIterator<string>;
  for (const text of texts) yield toEntry(parseRow<EntryRow>(text));
}

/**
 * How many entries the filter matches, whatever its limit, counted up to `upTo` at most: counting a million rows
 * to say "a million more" would cost more than the whole rest of `history`.
 */
export function countEntries(db: Database.Database, filter: EntryFilter = {}, upTo = Number.MAX_SAFE_INTEGER): number {
  const { where, params } = entryWhere(filter);
  return db
    .prepare(`SELECT count(*) FROM (SELECT 1 FROM entries e WHERE ${where} LIMIT @upTo)`)
    .pluck()
    .get({ ...params, upTo }) as number;
}

/**
 * Only what rhythms and suggestions read: no names, notes or ids (the id orders contacts at the same instant).
 * The rows come back as one JSON array: handing SQLite's rows to JavaScript one value at a time costs more than
 * the query itself.
 */
const selectContacts = (limit: number) => `
  SELECT json_group_array(json_array(id, at, channel, activity, mood_before, mood_after, quality, felt)) FROM (
    SELECT e.id, e.at, e.channel, e.activity, e.mood_before, e.mood_after, e.quality, e.felt
    FROM entry_people ep JOIN entries e ON e.id = ep.entry_id
    WHERE ep.person_id = ? AND ep.at BETWEEN ? AND ? AND e.deleted_at IS NULL AND e.type = 'interaction'
    ORDER BY ep.at DESC LIMIT ${limit})`;

type ContactRow = [
  id: number,
  at: number,
  channel: string | null,
  activity: string | null,
  moodBefore: number | null,
  moodAfter: number | null,
  quality: number | null,
  felt: string | null,
];

export interface ContactsWanted {
  /** The latest this many (all of them when absent). */
  limit?: number;
  /** Only contacts at or before this instant… */
  until?: Date;
  /** …and at or after this one. */
  since?: Date;
}

/**
 * A person's most recent contacts, oldest first, through the (person, at) index: what rhythms, suggestions
 * and the people list learn from, at the same cost in a journal's tenth year as in its first.
 */
export function recentContacts(db: Database.Database, personRowId: number, wanted: ContactsWanted = {}): Contact[] {
  const { limit = -1, until, since } = wanted;
  if (!Number.isSafeInteger(limit)) throw new RangeError(`A contact limit is a whole number, not ${limit}.`);
  // Prepared once per connection and limit (`next` asks for every person in turn). The limit is part of the SQL, as
  // a LIMIT bound to a parameter has SQLite compile the statement again on every run; a negative one reads as none.
  const statement = preparedOnce(db, selectContacts(limit)).pluck();
  const range = [since?.getTime() ?? Number.MIN_SAFE_INTEGER, until?.getTime() ?? Number.MAX_SAFE_INTEGER];
  const rows = JSON.parse(statement.get(personRowId, ...range) as string) as ContactRow[];
  // Newest first from the index; oldest first by time, then by entry, for everyone downstream. Only contacts at the
  // same instant can be out of order by entry, so the sort (a call per step) is needed only when there are some.
  rows.reverse();
  for (let i = 1; i < rows.length; i++) {
    if (rows[i][1] === rows[i - 1][1]) {
      rows.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      break;
    }
  }
  // Plain indexing, not destructuring or a callback: this runs for every contact, mostly before V8 has optimised it.
  const contacts: Contact[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    contacts[i] = {
      at: new Date(row[1]),
      channel: row[2] as Channel | null,
      activity: row[3],
      moodBefore: row[4],
      moodAfter: row[5],
      quality: row[6],
      felt: row[7] ? (row[7].split(',') as Felt[]) : [],
    };
  }
  return contacts;
}
