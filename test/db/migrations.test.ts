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
    db.prepare(
      "INSERT INTO touchpoints(id, uuid, title, every, anchor, next_due, created_at, updated_at) VALUES (1, 't-1', 'Sunday call', 'week on sunday', '2026-11-29', '2026-11-29', 1, 1)",
    ).run();
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

  it('from 5 to 6 keep the nudge plan’s rhythm lines by person, and mark people stale from then on', () => {
    migrate(db, 'test', {}, 5);
    insertVersionOneRows();
    db.prepare(
      "INSERT INTO nudge_plan(kind, subject, from_day, until_day, priority, rank, text) VALUES ('rhythm', 'person:1', '2026-12-01', NULL, 3, -2, 'Sam…')",
    ).run();
    db.prepare(
      "INSERT INTO nudge_plan(kind, subject, from_day, until_day, priority, rank, text) VALUES ('touchpoint', 'touchpoint:t-1', '2026-11-29', '2026-11-29', 1, 0, 'Today…')",
    ).run();
    migrate(db, 'test', {}, 6);
    expect(db.prepare('SELECT kind, person_id AS personId FROM nudge_plan ORDER BY id').all()).toEqual([
      { kind: 'rhythm', personId: 1 },
      { kind: 'touchpoint', personId: null },
    ]);
    expect(
      db
        .prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'nudge_dirty%' OR name = 'nudge_basis'")
        .pluck()
        .get(),
    ).toBe(0);
    db.prepare('UPDATE entries SET mood_after = 5 WHERE id = 1').run();
    expect(db.prepare('SELECT person_id FROM nudge_stale_people').pluck().all()).toEqual([1]);
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
    const triggers = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'undo_%'")
      .pluck()
      .all();
    expect(triggers).toEqual(
      expect.arrayContaining(['undo_people_insert', 'undo_entries_update', 'undo_touchpoints_delete']),
    );
    expect(db.prepare('SELECT count(*) FROM undo_log').pluck().get()).toBe(0);
  });

  it('give no table a trigger before its inserts (an import tries inserts that may find the id taken and write nothing)', () => {
    migrate(db, 'test');
    const triggers = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").all() as {
      name: string;
      sql: string;
    }[];
    expect(triggers.length).toBeGreaterThan(50);
    expect(triggers.filter((t) => /\bBEFORE\s+INSERT\b/i.test(t.sql)).map((t) => t.name)).toEqual([]);
  });

  it('to 14 make entries anew: every row, index and trigger kept, its ids unique by an index of their own', () => {
    migrate(db, 'test', {}, 13);
    insertVersionOneRows();
    db.prepare(
      "INSERT INTO entries(id, uuid, type, at, mood, note, created_at, updated_at) VALUES (2, 'e-2', 'mood', 2000, 4, 'ok', 2, 2)",
    ).run();
    const rows = () => ({
      entries: db.prepare('SELECT * FROM entries ORDER BY id').all(),
      links: db.prepare('SELECT * FROM entry_people').all(),
      summaries: db.prepare('SELECT * FROM summary_groups ORDER BY 1, 2').all(),
    });
    const before = rows();
    const schema = (of: Database.Database) =>
      of.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all();
    migrate(db, 'test');
    expect(version()).toBe(SCHEMA_VERSION);
    expect(rows()).toEqual(before);
    // The same schema as a journal made new, to the letter, and the links still point at entries.
    const fresh = new Database(':memory:');
    try {
      migrate(fresh, 'test');
      expect(schema(db)).toEqual(schema(fresh));
    } finally {
      fresh.close();
    }
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'entries'").pluck().get()).not.toMatch(/UNIQUE/);
    expect(db.prepare('SELECT "table" FROM pragma_foreign_key_list(\'entry_people\')').pluck().all()).toContain(
      'entries',
    );
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      db
        .prepare("INSERT INTO entries(uuid, type, at, mood, created_at, updated_at) VALUES ('e-2', 'mood', 1, 3, 1, 1)")
        .run(),
    ).toThrow(/UNIQUE constraint failed: entries.uuid/);
    expect(() =>
      db.prepare('INSERT INTO entry_people(entry_id, person_id, position, at) VALUES (9, 1, 0, 1)').run(),
    ).toThrow(/FOREIGN KEY/);
    // The triggers still fire: an edit is kept for connect undo.
    db.prepare("UPDATE entries SET note = 'changed' WHERE id = 2").run();
    expect(db.prepare('SELECT count(*) FROM undo_log').pluck().get()).toBe(1);
  });

  it('leave a failed step rolled back, at the version before it', () => {
    migrate(db, 'test', {}, 1);
    db.exec('CREATE TABLE touchpoints (id INTEGER PRIMARY KEY)'); // makes step 2 fail half-way
    expect(() => migrate(db, 'test', {}, 2)).toThrow();
    expect(version()).toBe(1);
    expect(
      db.prepare("SELECT count(*) FROM pragma_table_info('entries') WHERE name = 'touchpoint_id'").pluck().get(),
    ).toBe(0);
  });

  it('to version 7 work out again, under the new keeping rules, which entry kept which occurrence', () => {
    migrate(db, 'test', {}, 6);
    // A journal kept under the old rules (vitest runs in Europe/Berlin): every contact kept something.
    const ms = (local: string) => Date.parse(`${local}+01:00`);
    const person = db.prepare('INSERT INTO people(id, uuid, name, created_at, updated_at) VALUES (?, ?, ?, 1, 1)');
    ['Mum', 'Priya', 'Tom', 'Ana'].forEach((name, i) => {
      person.run(i + 1, `p-${i + 1}`, name);
    });
    const added = ms('2026-10-20T09:00:00');
    const touchpoint = db.prepare(
      'INSERT INTO touchpoints(id, uuid, title, every, channel, activity, anchor, last_kept, next_due, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    touchpoint.run(
      1,
      't-1',
      'Sunday call',
      'week on sunday',
      'call',
      null,
      '2026-10-20',
      '2026-11-08',
      '2026-11-15',
      added,
      ms('2026-11-08T18:00:00'),
    );
    touchpoint.run(
      2,
      't-2',
      'Coffee walk',
      '2 weeks',
      null,
      'walk',
      '2026-10-28',
      '2026-11-15',
      '2026-11-29',
      added,
      ms('2026-11-15T18:00:00'),
    );
    // Skipped once (3 November) after it was added, and never kept: that choice stands.
    touchpoint.run(
      3,
      't-3',
      'Book club',
      'month on the first tuesday',
      null,
      'book club',
      '2026-10-20',
      null,
      '2026-12-01',
      added,
      ms('2026-10-30T09:00:00'),
    );
    db.prepare('INSERT INTO touchpoint_people(touchpoint_id, person_id) VALUES (1, 1), (2, 2), (2, 3)').run();
    const entry = db.prepare(
      "INSERT INTO entries(id, uuid, type, at, channel, activity, touchpoint_id, keeping, created_at, updated_at) VALUES (?, ?, 'interaction', ?, ?, ?, ?, ?, ?, ?)",
    );
    const link = db.prepare('INSERT INTO entry_people(entry_id, person_id, position, at) VALUES (?, ?, ?, ?)');
    const rows: [number, string, string | null, string | null, number | null, number[]][] = [
      [1, '2026-10-25T18:00:00', 'call', null, 1, [1]],
      [2, '2026-10-28T18:00:00', 'in-person', 'walk', 2, [2, 3]],
      [3, '2026-11-05T18:00:00', 'text', null, 2, [2]], // pushed the walk on
      [4, '2026-11-07T18:00:00', 'text', null, 1, [1]], // "kept" Sunday's call
      [5, '2026-11-08T18:00:00', 'call', null, null, [1]], // so Sunday's call kept nothing
      [6, '2026-11-12T18:00:00', 'text', null, 2, [3]],
      [7, '2026-11-15T18:00:00', 'video', null, 2, [4]], // logged with --touchpoint: its people do not match
    ];
    for (const [id, local, channel, activity, touchpointId, people] of rows) {
      entry.run(
        id,
        `e-${id}`,
        ms(local),
        channel,
        activity,
        touchpointId,
        touchpointId ? '{"before":{},"after":{}}' : null,
        ms(local),
        ms(local),
      );
      people.forEach((p, position) => {
        link.run(id, p, position, ms(local));
      });
    }
    db.prepare(
      "INSERT INTO nudge_plan(kind, from_day, until_day, priority, rank, text) VALUES ('touchpoint', '2026-11-15', '2026-11-15', 1, 0, 'Today: Sunday call.')",
    ).run();

    migrate(db, 'test', {}, 7);
    expect(version()).toBe(7);
    const links = db.prepare('SELECT id, touchpoint_id AS t, keeping FROM entries ORDER BY id').all() as {
      id: number;
      t: number | null;
      keeping: string | null;
    }[];
    expect(links.map((r) => [r.id, r.t])).toEqual([
      [1, 1],
      [2, 2],
      [3, null],
      [4, null],
      [5, 1],
      [6, null],
      [7, 2],
    ]);
    expect(JSON.parse(links[4].keeping!)).toEqual({
      before: { nextDue: '2026-11-01', lastKept: '2026-10-25' },
      after: { nextDue: '2026-11-15', lastKept: '2026-11-08' },
      occurrence: '2026-11-08',
    });
    // (1 November went by unkept: its window closed on the 7th.) The walk of 28 October, then the one named on 15 November for the occurrence of 11 November.
    expect(JSON.parse(links[6].keeping!)).toMatchObject({ after: { nextDue: '2026-11-29' }, occurrence: '2026-11-11' });
    expect(db.prepare('SELECT uuid, next_due, last_kept FROM touchpoints ORDER BY id').raw().all()).toEqual([
      ['t-1', '2026-11-15', '2026-11-08'],
      ['t-2', '2026-11-29', '2026-11-15'],
      ['t-3', '2026-12-01', null],
    ]);
    // The nudge's touchpoint lines are planned again at the next write.
    expect(db.prepare("SELECT count(*) FROM nudge_plan WHERE kind = 'touchpoint'").pluck().get()).toBe(0);
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

describe('migration 12: undo keeps old values as they are', () => {
  const entry = () => db.prepare('SELECT * FROM entries WHERE id = 1').get();
  const person = () => db.prepare('SELECT rowid, * FROM people WHERE id = 1').get();

  it('the steps a journal recorded before it, as SQL text with the values in it, are still taken back', async () => {
    const { revertLastGroup } = await import('../../src/db/undo');
    migrate(db, 'test', {}, 11);
    insertVersionOneRows();
    const before = entry();
    // What the triggers before migration 12 recorded for an edit: the old values spelled out in the statement.
    db.prepare("UPDATE entries SET note = 'edited', quality = 2 WHERE id = 1").run();
    db.prepare("INSERT INTO undo_groups(id, label, at) VALUES (1, 'edit', 0)").run();
    db.prepare(
      `INSERT INTO undo_log(grp, statement) VALUES (1, 'UPDATE "entries" SET "note"=''hello'',"quality"=NULL WHERE rowid=1')`,
    ).run();
    migrate(db, 'test');
    expect(version()).toBe(SCHEMA_VERSION);
    expect(revertLastGroup(db)?.label).toBe('edit');
    expect(entry()).toEqual(before);
  });

  it('any text (a NUL in it), number, real or blob comes back exactly after an edit or a deletion', async () => {
    const { closeUndoGroup, discardOpenUndoRecords, revertLastGroup } = await import('../../src/db/undo');
    migrate(db, 'test', {}, 1);
    insertVersionOneRows();
    migrate(db, 'test');
    db.prepare(
      "UPDATE entries SET note = 'a' || char(0) || 'b''c', minutes = 12.5, activity = x'00ff10', channel = NULL WHERE id = 1",
    ).run();
    db.prepare("UPDATE people SET merged_into = x'0001' WHERE id = 1").run();
    discardOpenUndoRecords(db);
    const [entryBefore, personBefore] = [entry(), person()];
    db.prepare(
      "UPDATE entries SET note = 'plain', minutes = 3, activity = 'walk', channel = 'call' WHERE id = 1",
    ).run();
    closeUndoGroup(db, 'edit', new Date(0));
    const edited = entry();
    db.prepare('DELETE FROM entry_people').run();
    db.prepare('DELETE FROM entries').run();
    db.prepare('DELETE FROM person_aliases').run();
    db.prepare('DELETE FROM people').run();
    closeUndoGroup(db, 'delete', new Date(0));
    expect(db.prepare('SELECT count(*) FROM undo_log WHERE statement GLOB ?').pluck().get('*Sammy*')).toBe(0);
    revertLastGroup(db);
    expect(person()).toEqual(personBefore);
    expect(entry()).toEqual(edited);
    revertLastGroup(db);
    expect(entry()).toEqual(entryBefore);
    expect(db.prepare('SELECT typeof(minutes), typeof(activity), note FROM entries').get()).toEqual({
      'typeof(minutes)': 'real',
      'typeof(activity)': 'blob',
      note: "a\u0000b'c",
    });
    expect(db.prepare('SELECT count(*) FROM undo_log').pluck().get()).toBe(0);
  });

  it('leaves the undo triggers a fraction of what they were', () => {
    migrate(db, 'test');
    const size = db
      .prepare("SELECT sum(length(sql)) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'undo_%'")
      .pluck()
      .get() as number;
    expect(size).toBeLessThan(15_000);
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
