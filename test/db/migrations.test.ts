import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, migrate, SCHEMA_VERSION } from '../../src/db/journal';
import { MIGRATIONS } from '../../src/db/migrations';

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'connect-migrate-'));
  db = new Database(join(dir, 'journal.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const version = () => db.pragma('user_version', { simple: true });

/** Rows written with the first schema, which every later version must keep. */
function insertVersionOneRows(): void {
  db.prepare("INSERT INTO people(id, uuid, name, created_at, updated_at) VALUES (1, 'p-1', 'Sam', 1, 1)").run();
  db.prepare("INSERT INTO person_aliases(person_id, alias) VALUES (1, 'Sammy')").run();
  db.prepare(
    "INSERT INTO entries(id, uuid, type, at, channel, mood_before, mood_after, felt, note, created_at, updated_at) VALUES (1, 'e-1', 'interaction', 1000, 'video', 3, 4, 'safe', 'hello', 1, 1)",
  ).run();
  db.prepare('INSERT INTO entry_people(entry_id, person_id, position, at) VALUES (1, 1, 0, 1000)').run();
  db.prepare("INSERT INTO settings(key, value, updated_at) VALUES ('week.start', 'sunday', 1)").run();
}

describe('migrations', () => {
  it('only ever increase their version', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(SCHEMA_VERSION).toBe(versions[versions.length - 1]);
  });

  it('from version 1 to 2 keep every row and add touchpoints', () => {
    migrate(db, 'test', {}, 1);
    expect(version()).toBe(1);
    insertVersionOneRows();
    migrate(db, 'test', {}, 2);
    expect(version()).toBe(2);
    expect(db.prepare('SELECT name FROM people').pluck().all()).toEqual(['Sam']);
    expect(db.prepare('SELECT channel, mood_after, felt, note, touchpoint_id FROM entries').get()).toEqual({
      channel: 'video',
      mood_after: 4,
      felt: 'safe',
      note: 'hello',
      touchpoint_id: null,
    });
    db.prepare("INSERT INTO touchpoints(id, uuid, title, every, anchor, next_due, created_at, updated_at) VALUES (1, 't-1', 'Sunday call', 'week on sunday', '2026-11-29', '2026-11-29', 1, 1)").run();
    db.prepare('UPDATE entries SET touchpoint_id = 1 WHERE id = 1').run();
    expect(db.prepare('SELECT touchpoint_id FROM entries').pluck().get()).toBe(1);
  });

  it('from the one before the newest to the newest keep the first schema’s rows', () => {
    const previous = MIGRATIONS[MIGRATIONS.length - 2].version;
    migrate(db, 'test', {}, 1);
    insertVersionOneRows();
    migrate(db, 'test', {}, previous);
    expect(version()).toBe(previous);
    migrate(db, 'test');
    expect(version()).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) FROM entries').pluck().get()).toBe(1);
    expect(db.prepare('SELECT alias FROM person_aliases').pluck().all()).toEqual(['Sammy']);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
  });

  it('call the backup hook before upgrading a journal that has data, and not for a new one', () => {
    const calls: number[] = [];
    migrate(db, 'test', { beforeMigrate: (_db, _path, from) => void calls.push(from) }, 1);
    expect(calls).toEqual([]);
    migrate(db, 'test', { beforeMigrate: (_db, _path, from) => void calls.push(from) });
    expect(calls).toEqual([1]);
  });

  it('install undo triggers on the newest schema and record nothing of the migration itself', () => {
    migrate(db, 'test');
    const triggers = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'undo_%'").pluck().all();
    expect(triggers).toEqual(expect.arrayContaining(['undo_people_insert', 'undo_entries_update', 'undo_touchpoints_delete']));
    expect(db.prepare('SELECT count(*) FROM undo_log').pluck().get()).toBe(0);
  });

  it('leave a failed step rolled back, at the version before it', () => {
    migrate(db, 'test', {}, 1);
    db.exec('CREATE TABLE touchpoints (id INTEGER PRIMARY KEY)'); // makes step 2 fail half-way
    expect(() => migrate(db, 'test', {}, 2)).toThrow();
    expect(version()).toBe(1);
    expect(db.prepare("SELECT count(*) FROM pragma_table_info('entries') WHERE name = 'touchpoint_id'").pluck().get()).toBe(0);
  });
});

describe('migration 7: undo keeps every byte', () => {
  it('a note holding a NUL byte comes back whole after an edit is undone', async () => {
    const { closeUndoGroup, revertLastGroup } = await import('../../src/db/undo');
    migrate(db, join(dir, 'journal.db'), {}, 5);
    insertVersionOneRows();
    db.prepare("UPDATE entries SET note = 'before' || char(0) || 'after' WHERE id = 1").run();
    migrate(db, join(dir, 'journal.db'));
    expect(version()).toBe(SCHEMA_VERSION);
    db.prepare("UPDATE entries SET note = 'changed' WHERE id = 1").run();
    closeUndoGroup(db, 'edit', new Date(0));
    revertLastGroup(db);
    expect(db.prepare('SELECT note FROM entries WHERE id = 1').pluck().get()).toBe('before\u0000after');
  });
});

describe('migrating while another process migrates', () => {
  it('the whole upgrade is one transaction, and a copy taken by a process that then finds it done is removed', () => {
    const path = join(dir, 'journal.db');
    migrate(db, path, {}, 1);
    insertVersionOneRows();
    const other = new Database(path);
    const taken = join(dir, 'copy.db');
    try {
      migrate(db, path, {
        beforeMigrate: () => {
          // Meanwhile, another process upgrades the journal all the way.
          migrate(other, path);
          writeFileSync(taken, 'a copy');
          return taken;
        },
      });
    } finally {
      other.close();
    }
    expect(version()).toBe(SCHEMA_VERSION);
    expect(existsSync(taken)).toBe(false);
  });
});
