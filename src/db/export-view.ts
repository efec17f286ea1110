import type Database from 'better-sqlite3';
import { exactInstant } from '../core/export-format';
import { mapped } from '../core/chunks';
import { entryPeopleJson, jsonRow, parseRow, type EntryFields } from './entries';
import type {
  ExportedCheckin,
  ExportedEntry,
  ExportedPerson,
  ExportedSetting,
  ExportedTouchpoint,
} from '../core/journal-rows';

/**
 * The typed view `connect export --format json` writes for each known section, read with its own SQL rather
 * than mirrored from the table's columns; the import checks the same shapes (core/journal-rows.ts). A column a
 * migration adds travels once it is added here and there (test/e2e/export.test.ts fails until it is).
 */

const instant = (ms: number) => exactInstant(ms);
const maybeInstant = (ms: number | null) => (ms === null ? null : exactInstant(ms));

/** Lists of text per owning row, in the order given by `sql` (which selects owner, value). */
function listsByOwner(db: Database.Database, sql: string): Map<number, string[]> {
  const lists = new Map<number, string[]>();
  for (const [owner, value] of db.prepare(sql).raw().all() as [number, string][]) {
    const list = lists.get(owner);
    if (list) list.push(value);
    else lists.set(owner, [value]);
  }
  return lists;
}

interface Stamps {
  deleted_at: number | null;
  created_at: number;
  updated_at: number;
}

const stamps = (row: Stamps) => ({
  deletedAt: maybeInstant(row.deleted_at),
  createdAt: instant(row.created_at),
  updatedAt: instant(row.updated_at),
});

function* people(db: Database.Database): Generator<ExportedPerson> {
  const aliases = listsByOwner(db, 'SELECT person_id, alias FROM person_aliases ORDER BY alias');
  const tags = listsByOwner(db, 'SELECT person_id, tag FROM person_tags ORDER BY tag');
  const rows = db
    .prepare(
      'SELECT id, uuid, name, archived, merged_into, deleted_at, created_at, updated_at FROM people ORDER BY created_at, uuid',
    )
    .iterate() as IterableIterator<
    Stamps & { id: number; uuid: string; name: string; archived: number; merged_into: string | null }
  >;
  for (const row of rows) {
    yield {
      id: row.uuid,
      name: row.name,
      archived: row.archived === 1,
      mergedInto: row.merged_into,
      ...stamps(row),
      aliases: aliases.get(row.id) ?? [],
      tags: tags.get(row.id) ?? [],
    };
  }
}

function* touchpoints(db: Database.Database): Generator<ExportedTouchpoint> {
  const withPeople = listsByOwner(
    db,
    'SELECT tp.touchpoint_id, p.uuid FROM touchpoint_people tp JOIN people p ON p.id = tp.person_id ORDER BY tp.person_id',
  );
  const rows = db
    .prepare(
      'SELECT id, uuid, title, every, channel, activity, anchor, paused, last_kept, next_due, deleted_at, created_at, updated_at FROM touchpoints ORDER BY created_at, uuid',
    )
    .iterate() as IterableIterator<
    Stamps & {
      id: number;
      uuid: string;
      title: string;
      every: string;
      channel: ExportedTouchpoint['channel'];
      activity: string | null;
      anchor: string;
      paused: number;
      last_kept: string | null;
      next_due: string;
    }
  >;
  for (const row of rows) {
    yield {
      id: row.uuid,
      title: row.title,
      every: row.every,
      channel: row.channel,
      activity: row.activity,
      anchor: row.anchor,
      paused: row.paused === 1,
      lastKept: row.last_kept,
      nextDue: row.next_due,
      ...stamps(row),
      people: withPeople.get(row.id) ?? [],
    };
  }
}

type EntryColumns = [
  uuid: string,
  type: ExportedEntry['type'],
  at: number,
  ...EntryFields,
  deletedAt: number | null,
  createdAt: number,
  updatedAt: number,
  touchpoint: string | null,
  keeping: string | null,
  people: string[],
];

/** Read row by row, with each entry's people gathered by SQLite: a million entries never sit in memory at once. */
function* entries(db: Database.Database): Generator<ExportedEntry> {
  const texts = db
    .prepare(
      `SELECT ${jsonRow(`e.uuid, e.type, e.at, e.channel, e.activity, e.small, e.minutes, e.mood_before, e.mood_after,
              e.felt, e.quality, e.initiated, e.mood, e.energy, e.note, e.deleted_at, e.created_at, e.updated_at, t.uuid,
              e.keeping, ${entryPeopleJson('uuid')}`)}
       FROM entries e LEFT JOIN touchpoints t ON t.id = e.touchpoint_id ORDER BY e.at, e.uuid`,
    )
    .pluck()
    .iterate() as IterableIterator<string>;
  const rows = mapped(texts, parseRow<EntryColumns>);
  for (const row of rows) {
    const [uuid, type, at, channel, activity, small, minutes, moodBefore, moodAfter, felt, quality, ...more] = row;
    const [initiated, mood, energy, note, deletedAt, createdAt, updatedAt, touchpoint, keeping, people] = more;
    yield {
      id: uuid,
      type,
      at: instant(at),
      channel,
      activity,
      small: small === 1,
      minutes,
      moodBefore,
      moodAfter,
      felt,
      quality,
      initiated,
      mood,
      energy,
      note,
      deletedAt: maybeInstant(deletedAt),
      createdAt: instant(createdAt),
      updatedAt: instant(updatedAt),
      touchpointId: touchpoint,
      keeping,
      people,
    };
  }
}

function* checkins(db: Database.Database): Generator<ExportedCheckin> {
  const rows = db
    .prepare('SELECT uuid, at, answers, score, deleted_at, created_at, updated_at FROM checkins ORDER BY at, uuid')
    .iterate() as IterableIterator<Stamps & { uuid: string; at: number; answers: string; score: number }>;
  for (const row of rows)
    yield { id: row.uuid, at: instant(row.at), answers: row.answers, score: row.score, ...stamps(row) };
}

function settings(db: Database.Database): ExportedSetting[] {
  const rows = db.prepare('SELECT key, value, updated_at FROM settings ORDER BY key').all() as Array<{
    key: ExportedSetting['key'];
    value: string;
    updated_at: number;
  }>;
  return rows.map((row) => ({ key: row.key, value: row.value, updatedAt: instant(row.updated_at) }));
}

/** The typed reader of each known section, row by row; a table that travels without one here is exported column by column. */
export const EXPORT_VIEWS: Record<string, (db: Database.Database) => Iterable<unknown>> = {
  people,
  touchpoints,
  entries,
  checkins,
  settings,
};
