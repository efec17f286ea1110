import type Database from 'better-sqlite3';
import { UsageError } from '../errors';
import { formatEvery, parseEvery, type Every } from '../core/every';
import {
  dayOf,
  firstDue,
  keepOn,
  matchesTouchpoint,
  occurrenceKeptOn,
  parseDay,
  touchpointKeptBy,
  type Schedule,
  type Touchpoint,
} from '../core/schedule';
import { dayKey } from '../core/local-day';
import type { Entry, Interaction } from '../core/types';
import type { StoredEntry } from './entries';
import type { StoredPerson } from './people';
import { newUuid } from './uuid';

interface TouchpointRow {
  id: number;
  uuid: string;
  title: string;
  every: string;
  channel: string | null;
  activity: string | null;
  anchor: string;
  paused: number;
  last_kept: string | null;
  next_due: string;
  people: string;
  /** When the latest live entry that kept it happened (UTC ms), or null. */
  kept_at: number | null;
}

export interface StoredTouchpoint extends Touchpoint {
  rowId: number;
}

const SELECT_TOUCHPOINT = `
  SELECT t.*,
    (SELECT json_group_array(name) FROM (
       SELECT p.name FROM touchpoint_people tp JOIN people p ON p.id = tp.person_id
       WHERE tp.touchpoint_id = t.id ORDER BY p.name COLLATE NOCASE)) AS people,
    (SELECT max(e.at) FROM entries e WHERE e.touchpoint_id = t.id AND e.deleted_at IS NULL) AS kept_at
  FROM touchpoints t`;

function toTouchpoint(row: TouchpointRow): StoredTouchpoint {
  return {
    rowId: row.id,
    id: row.uuid,
    title: row.title,
    people: JSON.parse(row.people) as string[],
    every: parseEvery(row.every),
    channel: row.channel,
    activity: row.activity,
    anchor: parseDay(row.anchor),
    paused: row.paused === 1,
    // The local day, in the current zone, of the entry that kept it last (not the day as logged elsewhere).
    lastKept: row.kept_at === null ? null : dayOf(new Date(row.kept_at)),
    nextDue: parseDay(row.next_due),
  };
}

/** Live touchpoints, soonest due first (then by title and id, so the order never depends on storage); `narrower` adds conditions. */
function liveTouchpointRows(db: Database.Database, narrower = '', ...params: unknown[]): TouchpointRow[] {
  return db
    .prepare(`${SELECT_TOUCHPOINT} WHERE t.deleted_at IS NULL ${narrower} ORDER BY t.next_due, t.title, t.uuid`)
    .all(...params) as TouchpointRow[];
}

export interface NewTouchpoint {
  title: string;
  every: Every;
  channel: string | null;
  activity: string | null;
  from: Date;
  nextDue: Date;
}

export function insertTouchpoint(
  db: Database.Database,
  now: Date,
  input: NewTouchpoint,
  people: StoredPerson[],
): StoredTouchpoint {
  const stamp = now.getTime();
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO touchpoints(uuid, title, every, channel, activity, anchor, paused, last_kept, next_due, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?)`,
    )
    .run(
      newUuid(db),
      input.title,
      formatEvery(input.every),
      input.channel,
      input.activity,
      dayKey(dayOf(input.from)),
      dayKey(input.nextDue),
      stamp,
      stamp,
    );
  const rowId = Number(lastInsertRowid);
  const link = db.prepare('INSERT OR IGNORE INTO touchpoint_people(touchpoint_id, person_id) VALUES (?, ?)');
  for (const person of people) link.run(rowId, person.rowId);
  return getTouchpoint(db, rowId);
}

export interface TouchpointChanges {
  title: string;
  every: Every;
  channel: string | null;
  activity: string | null;
  anchor: Date;
}

/** Changes what a touchpoint is (its people when `people` is given) and where its schedule stands, in the command's write. */
export function updateTouchpoint(
  db: Database.Database,
  now: Date,
  touchpoint: StoredTouchpoint,
  changes: TouchpointChanges,
  schedule: Schedule,
  people: StoredPerson[] | null,
): StoredTouchpoint {
  db.prepare(
    'UPDATE touchpoints SET title = ?, every = ?, channel = ?, activity = ?, anchor = ?, next_due = ?, updated_at = ? WHERE id = ?',
  ).run(
    changes.title,
    formatEvery(changes.every),
    changes.channel,
    changes.activity,
    dayKey(changes.anchor),
    dayKey(schedule.nextDue),
    now.getTime(),
    touchpoint.rowId,
  );
  if (people !== null) {
    db.prepare('DELETE FROM touchpoint_people WHERE touchpoint_id = ?').run(touchpoint.rowId);
    const link = db.prepare('INSERT OR IGNORE INTO touchpoint_people(touchpoint_id, person_id) VALUES (?, ?)');
    for (const person of people) link.run(touchpoint.rowId, person.rowId);
  }
  return getTouchpoint(db, touchpoint.rowId);
}

function getTouchpoint(db: Database.Database, rowId: number): StoredTouchpoint {
  return toTouchpoint(db.prepare(`${SELECT_TOUCHPOINT} WHERE t.id = ?`).get(rowId) as TouchpointRow);
}

/** Live touchpoints, soonest due first. */

export function listTouchpoints(db: Database.Database): StoredTouchpoint[] {
  return liveTouchpointRows(db).map(toTouchpoint);
}

/**
 * The live touchpoints an entry could keep: those shared with someone in it, and those with no people
 * (kept by their activity). touchpointKeptBy decides among them; reading only these spares parsing
 * every schedule in the journal at each log.
 */
function touchpointsWithinReach(db: Database.Database, entryRowId: number): StoredTouchpoint[] {
  const reach = `AND (
    t.id IN (SELECT tp.touchpoint_id FROM entry_people ep JOIN touchpoint_people tp ON tp.person_id = ep.person_id WHERE ep.entry_id = ?)
    OR NOT EXISTS (SELECT 1 FROM touchpoint_people tp WHERE tp.touchpoint_id = t.id))`;
  return liveTouchpointRows(db, reach, entryRowId).map(toTouchpoint);
}

/** A live touchpoint by its id or any unique first four or more characters of it. */
export function findTouchpoint(db: Database.Database, typed: string): StoredTouchpoint {
  const prefix = String(typed).trim().toLowerCase();
  if (!/^[0-9a-f-]{4,36}$/.test(prefix)) {
    throw new UsageError(
      `"${typed}" is not a touchpoint id; ids look like 3f2a9c1e (four characters or more).`,
      'connect touchpoint list shows them.',
    );
  }
  const rows = db
    .prepare(`${SELECT_TOUCHPOINT} WHERE t.uuid >= ? AND t.uuid < ? AND t.deleted_at IS NULL LIMIT 2`)
    .all(prefix, `${prefix}~`) as TouchpointRow[];
  if (rows.length === 0)
    throw new UsageError(`No touchpoint with id ${typed}.`, 'connect touchpoint list shows their ids.');
  if (rows.length > 1)
    throw new UsageError(`More than one touchpoint starts with ${typed}.`, 'Type a few more characters of the id.');
  return toTouchpoint(rows[0]);
}

/** Stores where a touchpoint's schedule stands now. */
export function saveSchedule(
  db: Database.Database,
  now: Date,
  touchpoint: StoredTouchpoint,
  schedule: Schedule,
): StoredTouchpoint {
  db.prepare('UPDATE touchpoints SET next_due = ?, last_kept = ?, paused = ?, updated_at = ? WHERE id = ?').run(
    dayKey(schedule.nextDue),
    schedule.lastKept ? dayKey(schedule.lastKept) : null,
    schedule.paused ? 1 : 0,
    now.getTime(),
    touchpoint.rowId,
  );
  return getTouchpoint(db, touchpoint.rowId);
}

/** Soft delete: entries that kept it still point at it. */
export function removeTouchpoint(db: Database.Database, now: Date, touchpoint: StoredTouchpoint): void {
  db.prepare('UPDATE touchpoints SET deleted_at = ?, updated_at = ? WHERE id = ?').run(
    now.getTime(),
    now.getTime(),
    touchpoint.rowId,
  );
}

/** `--touchpoint 3f2a` as typed → the full id, so the entry can point at it. */
export function resolveTouchpointInput<T extends { touchpointId: string | null }>(db: Database.Database, input: T): T {
  if (input.touchpointId === null) return input;
  return { ...input, touchpointId: findTouchpoint(db, input.touchpointId).id };
}

/** Where a schedule stands, as an entry's `keeping` records it. */
export const standing = (schedule: Pick<Schedule, 'nextDue' | 'lastKept'>) => ({
  nextDue: dayKey(schedule.nextDue),
  lastKept: schedule.lastKept ? dayKey(schedule.lastKept) : null,
});

/** An entry's `keeping`: how keeping `occurrence` moved the schedule, so deleting the entry can move it back. */
export const keepingJson = (
  before: Pick<Schedule, 'nextDue' | 'lastKept'>,
  after: Pick<Schedule, 'nextDue' | 'lastKept'>,
  occurrence: Date,
  named: boolean,
) =>
  JSON.stringify({
    before: standing(before),
    after: standing(after),
    occurrence: dayKey(occurrence),
    ...(named ? { named: true } : {}),
  });

/** Whether the entry's keeping was named (--touchpoint), not matched: an edit to who, when or how leaves it be. */
export function keptByName(db: Database.Database, entryRowId: number): boolean {
  const keeping = db.prepare('SELECT keeping FROM entries WHERE id = ?').pluck().get(entryRowId) as string | null;
  try {
    return keeping !== null && JSON.parse(keeping).named === true;
  } catch {
    return false;
  }
}

/** Keeps `touchpoint`'s `occurrence` by the entry: links them and notes on the entry how the schedule moved. */
function keepBy(
  db: Database.Database,
  now: Date,
  entryRowId: number,
  touchpoint: StoredTouchpoint,
  schedule: Schedule,
  occurrence: Date,
  named: boolean,
): StoredTouchpoint {
  const saved = saveSchedule(db, now, touchpoint, schedule);
  db.prepare('UPDATE entries SET touchpoint_id = ?, keeping = ? WHERE id = ?').run(
    touchpoint.rowId,
    keepingJson(touchpoint, schedule, occurrence, named),
    entryRowId,
  );
  return getTouchpoint(db, saved.rowId);
}

/**
 * Runs inside the write that deletes an entry: if it kept a touchpoint and nothing has moved that touchpoint's
 * schedule since (a later keeping, a skip), the schedule goes back to where it stood before. The touchpoint, or
 * null when nothing changed.
 */
export function releaseTouchpoint(db: Database.Database, now: Date, entryRowId: number): StoredTouchpoint | null {
  const row = db
    .prepare(
      `SELECT e.keeping, t.id AS touchpoint FROM entries e JOIN touchpoints t ON t.id = e.touchpoint_id
       WHERE e.id = ? AND e.keeping IS NOT NULL AND t.deleted_at IS NULL`,
    )
    .get(entryRowId) as { keeping: string; touchpoint: number } | undefined;
  if (!row) return null;
  let moved: Partial<Record<'before' | 'after', ReturnType<typeof standing>>>;
  try {
    moved = JSON.parse(row.keeping);
  } catch {
    return null; // not as connect wrote it: leave the touchpoint be
  }
  const { before, after } = moved;
  const touchpoint = getTouchpoint(db, row.touchpoint);
  // Only the next due day says whether something has moved it on since: a later keeping or a skip always moves it.
  if (!before || !after || after.nextDue !== dayKey(touchpoint.nextDue)) return null;
  return saveSchedule(db, now, touchpoint, {
    ...touchpoint,
    nextDue: parseDay(before.nextDue),
    lastKept: before.lastKept ? parseDay(before.lastKept) : null,
  });
}

export interface Keeping<E extends Entry = Entry> {
  stored: StoredEntry<E>;
  /** The touchpoint this entry kept, as it stands afterwards; null when it kept none. */
  kept: StoredTouchpoint | null;
  /** The day of the occurrence it kept. */
  occurrence: Date | null;
}

/**
 * Runs inside the write that stored an interaction: the touchpoint it names keeps its earliest open
 * occurrence; otherwise the one whose people, channel, activity and open window it matches. The entry is
 * linked only to what it kept.
 */
export function keepTouchpoints<E extends Entry>(db: Database.Database, now: Date, stored: StoredEntry<E>): Keeping<E> {
  const none = { stored, kept: null, occurrence: null };
  if (stored.entry.type !== 'interaction') return none;
  const entry = stored.entry as Interaction;
  const day = dayOf(entry.at);
  let found: { touchpoint: StoredTouchpoint; schedule: Schedule } | null;
  if (entry.touchpointId !== null) {
    const named = findTouchpoint(db, entry.touchpointId);
    found = { touchpoint: named, schedule: keepOn(named, day, true)! };
  } else {
    found = touchpointKeptBy(touchpointsWithinReach(db, stored.rowId), entry);
  }
  if (!found) return none;
  const { touchpoint, schedule } = found;
  const named = entry.touchpointId !== null;
  const occurrence = occurrenceKeptOn(touchpoint, day, named)!;
  const kept = keepBy(db, now, stored.rowId, touchpoint, schedule, occurrence, named);
  return { stored: { ...stored, entry: { ...stored.entry, touchpointId: touchpoint.id } }, kept, occurrence };
}

/** Clears an entry's link to a touchpoint (log --no-touchpoint, or an edit that unlinks it) after releasing it. */
export function unlinkTouchpoint(db: Database.Database, now: Date, entryRowId: number): StoredTouchpoint | null {
  const released = releaseTouchpoint(db, now, entryRowId);
  db.prepare('UPDATE entries SET touchpoint_id = NULL, keeping = NULL WHERE id = ? AND touchpoint_id IS NOT NULL').run(
    entryRowId,
  );
  return released;
}

interface ReplayTouchpoint extends Touchpoint {
  rowId: number;
  createdAt: number;
  deletedAt: number | null;
  updatedAt: number;
  storedNextDue: Date;
}

interface ReplayEntry {
  rowId: number;
  at: Date;
  createdAt: number;
  people: string[];
  channel: string | null;
  activity: string | null;
  /** The touchpoint the old rules linked it to. */
  linked: number | null;
}

/**
 * Works out again, under today's keeping rules, which entry kept which occurrence of every touchpoint (the
 * schema 6 migration). Entries are replayed in the order they happened against each touchpoint as it stood
 * from its creation; an entry is offered only the touchpoints that existed when it was logged (or the one it
 * was linked to). A link the old rules could only have made because it was named (--touchpoint: its people
 * or activity do not match) stays a named keeping. Skips and pauses leave no trace but the touchpoint's own
 * row: when that changed after its last keeping, its next due day is not moved earlier than it stood.
 */
export function rederiveKeeping(db: Database.Database): void {
  const touchpoints = (
    db
      .prepare(
        `${SELECT_TOUCHPOINT.replace('SELECT t.*', 'SELECT t.*, t.created_at AS createdAt, t.deleted_at AS deletedAt, t.updated_at AS updatedAt')}`,
      )
      .all() as (TouchpointRow & {
      createdAt: number;
      deletedAt: number | null;
      updatedAt: number;
    })[]
  ).map((row): ReplayTouchpoint => {
    const stored = toTouchpoint(row);
    const every = stored.every;
    const created = new Date(row.createdAt);
    return {
      ...stored,
      paused: false,
      lastKept: null,
      nextDue: firstDue(every, stored.anchor, created),
      createdAt: row.createdAt,
      deletedAt: row.deletedAt,
      updatedAt: row.updatedAt,
      storedNextDue: stored.nextDue,
    };
  });
  if (touchpoints.length === 0) return;
  const byRow = new Map(touchpoints.map((t) => [t.rowId, t]));
  const lastOldKeeping = new Map<number, number>(
    (
      db
        .prepare(
          'SELECT touchpoint_id AS id, max(created_at) AS at FROM entries WHERE touchpoint_id IS NOT NULL GROUP BY touchpoint_id',
        )
        .all() as { id: number; at: number }[]
    ).map((r) => [r.id, r.at]),
  );
  // Only entries that could keep one are read: those with someone in a touchpoint, those at an activity when a
  // touchpoint has no people, and those linked already. Of their people, only those in a touchpoint matter.
  const names = new Map<number, string[]>();
  for (const [entryId, name] of db
    .prepare(
      'SELECT ep.entry_id, p.name FROM entry_people ep JOIN people p ON p.id = ep.person_id WHERE ep.person_id IN (SELECT person_id FROM touchpoint_people) ORDER BY ep.entry_id, ep.position',
    )
    .raw()
    .all() as [number, string][]) {
    const list = names.get(entryId);
    if (list) list.push(name);
    else names.set(entryId, [name]);
  }
  const byActivity = touchpoints.some((t) => t.people.length === 0) ? 1 : 0;
  const entries = (
    db
      .prepare(
        `SELECT e.id, e.at, e.created_at, e.channel, e.activity, e.touchpoint_id FROM entries e
         WHERE e.deleted_at IS NULL AND e.type = 'interaction' AND (
           e.touchpoint_id IS NOT NULL OR (e.activity IS NOT NULL AND ?)
           OR EXISTS (SELECT 1 FROM entry_people ep JOIN touchpoint_people tp ON tp.person_id = ep.person_id WHERE ep.entry_id = e.id))
         ORDER BY e.at, e.id`,
      )
      .raw()
      .all(byActivity) as [number, number, number, string | null, string | null, number | null][]
  ).map(
    ([rowId, at, createdAt, channel, activity, linked]): ReplayEntry => ({
      rowId,
      at: new Date(at),
      createdAt,
      people: names.get(rowId) ?? [],
      channel,
      activity,
      linked,
    }),
  );

  db.prepare(
    "UPDATE entries SET touchpoint_id = NULL, keeping = NULL WHERE type = 'interaction' AND touchpoint_id IS NOT NULL",
  ).run();
  const link = db.prepare('UPDATE entries SET touchpoint_id = ?, keeping = ? WHERE id = ?');
  const keptAt = new Map<number, Date>();
  for (const entry of entries) {
    const day = dayOf(entry.at);
    const named = entry.linked === null ? undefined : byRow.get(entry.linked);
    const interaction = {
      people: entry.people,
      channel: entry.channel as Interaction['channel'],
      activity: entry.activity,
      at: entry.at,
    };
    let found: { touchpoint: ReplayTouchpoint; schedule: Schedule; explicit: boolean } | null = null;
    // The old rules linked by people alone (or, with none, the activity): a link they could not have made was named.
    const oldRulesMatch =
      named &&
      matchesTouchpoint(
        { ...named, channel: null, activity: named.people.length > 0 ? null : named.activity },
        interaction,
      );
    if (named && !oldRulesMatch) {
      found = { touchpoint: named, schedule: keepOn(named, day, true)!, explicit: true };
    } else {
      const offered = touchpoints.filter(
        (t) =>
          (t.createdAt <= entry.createdAt || t.rowId === entry.linked) &&
          (t.deletedAt === null || entry.createdAt < t.deletedAt),
      );
      const auto = touchpointKeptBy(offered, interaction);
      found = auto && { ...auto, explicit: false };
    }
    if (!found) continue;
    const { touchpoint, schedule, explicit } = found;
    const occurrence = occurrenceKeptOn(touchpoint, day, explicit)!;
    link.run(touchpoint.rowId, keepingJson(touchpoint, schedule, occurrence, explicit), entry.rowId);
    touchpoint.nextDue = schedule.nextDue;
    touchpoint.lastKept = schedule.lastKept;
    keptAt.set(touchpoint.rowId, entry.at);
  }
  const save = db.prepare('UPDATE touchpoints SET next_due = ?, last_kept = ? WHERE id = ?');
  for (const t of touchpoints) {
    // Changed after its last keeping (a skip, a pause, a resume): what the person chose then still stands.
    const touchedSince = t.updatedAt > (lastOldKeeping.get(t.rowId) ?? t.createdAt);
    const nextDue = touchedSince && t.storedNextDue.getTime() > t.nextDue.getTime() ? t.storedNextDue : t.nextDue;
    const kept = keptAt.get(t.rowId);
    save.run(dayKey(nextDue), kept ? dayKey(dayOf(kept)) : null, t.rowId);
  }
}
