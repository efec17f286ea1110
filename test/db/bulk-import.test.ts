import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHANNELS, FELT } from '../../src/core/types';
import { deleteEntry, insertInteraction, insertMood, updateInteraction } from '../../src/db/entries';
import { openForWriting, type Journal } from '../../src/db/journal';
import { fillSummaries, SUMMARY_TABLES, UNDOABLE_TABLES } from '../../src/db/migrations';
import { addPerson, listPeople, mergePeople } from '../../src/db/people';
import { UsageError } from '../../src/errors';
import { insertCheckin } from '../../src/db/checkins';
import { BulkWrites } from '../../src/db/bulk-writes';
import { openExportFile } from '../../src/db/export-file';
import {
  checkExportHeader,
  exportJournal,
  importJournal,
  importJournalPieces,
  sortsMaySpill,
} from '../../src/db/transfer';
import { journalRowChecker } from '../../src/core/journal-rows';
import { seenIds } from '../../src/core/seen-ids';
import { revertLastGroup } from '../../src/db/undo';

const folder = mkdtempSync(join(tmpdir(), 'connect-bulk-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let count = 0;
const newPath = () => join(folder, `j${++count}.db`);

const NOW = new Date('2026-11-26T10:00:00Z');
const DAY = 86_400_000;
const json = (value: unknown) => JSON.parse(JSON.stringify(value));

const rating = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
/** When a write happens: its created and updated times, which drive sync's clock. Some repeat, some go back. */
const when = fc.integer({ min: 0, max: 30 }).map((days) => new Date(NOW.getTime() - days * DAY));
const interaction = fc.record({
  at: fc.integer({ min: NOW.getTime() - 60 * DAY, max: NOW.getTime() - DAY }).map((ms) => new Date(ms)),
  channel: fc.option(fc.constantFrom(...CHANNELS), { nil: null }),
  activity: fc.option(fc.constantFrom('walk', 'book club'), { nil: null }),
  small: fc.boolean(),
  minutes: fc.option(fc.integer({ min: 1, max: 300 }), { nil: null }),
  moodBefore: rating,
  moodAfter: rating,
  felt: fc.subarray([...FELT]),
  quality: rating,
  people: fc.subarray([0, 1, 2, 3, 4]),
});
const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('log' as const), when, entry: interaction }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('mood' as const), when, at: when, mood: rating }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('edit' as const), when, pick: fc.nat(), entry: interaction }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), when, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('person' as const), when, name: fc.constantFrom('Ivy', 'Jo') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('merge' as const), when, from: fc.nat(), into: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('checkin' as const), when }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function apply(journal: Journal, s: Step): void {
  const { db } = journal;
  const people = () => listPeople(db, { includeArchived: true });
  const who = (picks: number[]) => {
    const all = people();
    return all.length ? [...new Set(picks.map((i) => i % all.length))].map((i) => all[i]) : [];
  };
  const input = (e: Extract<Step, { op: 'log' }>['entry'], chosen: ReturnType<typeof who>) => ({
    ...e,
    small: e.small || chosen.length === 0,
    people: chosen.map((p) => p.name),
    initiated: null,
    note: null,
    touchpointId: null,
  });
  const ids = () =>
    db.prepare("SELECT id FROM entries WHERE deleted_at IS NULL AND type = 'interaction'").pluck().all() as number[];
  journal.write(s.when, s.op, () => {
    switch (s.op) {
      case 'log': {
        const chosen = who(s.entry.people);
        insertInteraction(db, s.when, input(s.entry, chosen), chosen);
        return;
      }
      case 'mood':
        insertMood(db, s.when, { at: s.at, mood: s.mood ?? 3, energy: null, note: null });
        return;
      case 'edit': {
        const all = ids();
        if (all.length === 0) return;
        const chosen = who(s.entry.people);
        updateInteraction(db, s.when, all[s.pick % all.length], input(s.entry, chosen), chosen);
        return;
      }
      case 'delete': {
        const all = ids();
        if (all.length > 0) deleteEntry(db, s.when, all[s.pick % all.length]);
        return;
      }
      case 'person':
        // Unless the name or its nickname is someone's already (a merge keeps the old name as a nickname).
        try {
          addPerson(db, s.when, s.name, { aliases: [`${s.name}y`] });
        } catch (error) {
          if (!(error instanceof UsageError)) throw error;
        }
        return;
      case 'merge': {
        const all = people();
        const from = all[s.from % all.length];
        const into = all[s.into % all.length];
        // Into someone added earlier: an export lists people by when they were added, and an import reads a
        // merge's target before the merged (one into someone later is refused, on either path).
        const added = (rowId: number) => db.prepare('SELECT created_at FROM people WHERE id = ?').pluck().get(rowId);
        if ((added(into.rowId) as number) < (added(from.rowId) as number)) mergePeople(db, s.when, from, into);
        return;
      }
      case 'checkin':
        insertCheckin(db, s.when, [1, 2, 3]);
        return;
    }
  });
}

/** A journal with a few people of its own (Sam is also in every source, under another id). */
function started(names: string[]): Journal {
  const { journal } = openForWriting(newPath());
  journal.write(new Date(NOW.getTime() - 40 * DAY), 'people', () => {
    for (const name of names) addPerson(journal.db, new Date(NOW.getTime() - 40 * DAY), name, { tags: ['t'] });
  });
  return journal;
}

const exported = (journal: Journal) => checkExportHeader(json(exportJournal(journal.db)), 'test');

/** A copy of a journal's file, opened. */
function copyOf(journal: Journal): Journal {
  journal.db.pragma('wal_checkpoint(TRUNCATE)');
  const path = newPath();
  copyFileSync(journal.path, path);
  return openForWriting(path).journal;
}

/** Every row of the tables an import changes, the sync clock and stamps, and the summaries with their figures. */
function state(db: Database.Database, { counters = true } = {}) {
  const rows = (sql: string) => db.prepare(sql).raw().all();
  const summaries = Object.fromEntries(
    SUMMARY_TABLES.map((table) => [
      table,
      (rows(`SELECT * FROM ${table} ORDER BY 1, 2`) as number[][]).filter((row) =>
        row.slice(table === 'summary_hours' ? 1 : 2).some((v) => v !== 0),
      ),
    ]),
  );
  return {
    tables: Object.fromEntries(
      UNDOABLE_TABLES.map((table) => [table, rows(`SELECT rowid, * FROM ${table} ORDER BY rowid`)]),
    ),
    stamps: rows(
      `SELECT tbl, key, physical, ${counters ? 'counter' : 'NULL'}, device, gone, local FROM sync_stamps ORDER BY tbl, key`,
    ),
    clock: rows(`SELECT physical, ${counters ? 'counter' : 'NULL'}, device, merging FROM sync_clock`),
    summaries,
    stale: rows('SELECT * FROM nudge_stale_people ORDER BY 1'),
    undo: rows('SELECT label FROM undo_groups ORDER BY id'),
  };
}

/** The summaries as kept, and as worked out again from every row. */
function summariesBoth(db: Database.Database) {
  const kept = state(db).summaries;
  db.exec('SAVEPOINT recompute');
  try {
    fillSummaries(db);
    return { kept, fresh: state(db).summaries };
  } finally {
    db.exec('ROLLBACK TO recompute');
    db.exec('RELEASE recompute');
  }
}

/** `journal` holds what `perRow` (written a row at a time) holds, and its summaries equal a full recomputation. */
function expectSameJournal(journal: Journal, perRow: Journal): void {
  expect(state(journal.db)).toEqual(state(perRow.db));
  const { kept, fresh } = summariesBoth(journal.db);
  expect(kept).toEqual(fresh);
  expect(json(exportJournal(journal.db))).toEqual(json(exportJournal(perRow.db)));
}

function importInto(journal: Journal, document: Record<string, unknown>, bulk: boolean) {
  return journal.write(NOW, 'import', () => importJournal(journal.db, NOW, document, 'test', { bulk }));
}

describe('an import written in bulk', () => {
  it('leaves the same journal as one written a row at a time, and one undo takes it all back (property)', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 20 }),
        fc.array(step, { maxLength: 10 }),
        fc.array(step, { maxLength: 8 }),
        fc.boolean(),
        (early, later, own, seen) => {
          const opened: Journal[] = [];
          try {
            // The source, exported part-way and at the end: the target already holds the part-way rows when `seen`.
            const source = started(['Sam', 'Ana', 'Kai']);
            opened.push(source);
            for (const s of early) apply(source, s);
            const before = exported(source);
            for (const s of later) apply(source, s);
            const after = exported(source);
            const target = started(['Sam', 'Mia']);
            opened.push(target);
            if (seen) importInto(target, before, false);
            for (const s of own) apply(target, s);
            const perRow = copyOf(target);
            const bulk = copyOf(target);
            opened.push(perRow, bulk);
            const untouched = state(target.db);

            const tallies = [importInto(perRow, after, false), importInto(bulk, after, true)];
            expect(tallies[1]).toEqual(tallies[0]);
            expectSameJournal(bulk, perRow);

            // An import that changed nothing leaves nothing to undo.
            if (!Object.values(tallies[0]).some((t) => t.added + t.updated > 0)) return;
            // Undone, each is as it was before; the undo's own stamps tick in another order, so only their counts differ.
            for (const journal of [perRow, bulk]) journal.db.transaction(() => revertLastGroup(journal.db)).immediate();
            expect(state(bulk.db).tables).toEqual(untouched.tables);
            expect(state(bulk.db, { counters: false })).toEqual(state(perRow.db, { counters: false }));
            expect(summariesBoth(bulk.db).kept).toEqual(summariesBoth(bulk.db).fresh);
          } finally {
            for (const journal of opened) journal.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('tells new rows from known ones wherever they interleave: added, updated when newer, else left', () => {
    for (const bulk of [false, true]) {
      // Logged at days 9, 7 and 5 before, exported; then days 8 and 6 logged between them and day 5's edited.
      const source = started(['Sam']);
      const log = (daysAgo: number) =>
        apply(source, { op: 'log', when: NOW, entry: { ...someEntry, at: new Date(NOW.getTime() - daysAgo * DAY) } });
      for (const daysAgo of [9, 7, 5]) log(daysAgo);
      const before = exported(source);
      for (const daysAgo of [8, 6]) log(daysAgo);
      const dayFive = (source.db.prepare('SELECT id FROM entries ORDER BY at DESC').pluck().all() as number[])[0];
      const edited = new Date(NOW.getTime() + 1000);
      const sam = listPeople(source.db, { includeArchived: true });
      const edit = { ...someEntry, at: new Date(NOW.getTime() - 5 * DAY), quality: 2, people: ['Sam'] };
      source.write(edited, 'edit', () =>
        updateInteraction(
          source.db,
          edited,
          dayFive,
          { ...edit, initiated: null, note: null, touchpointId: null },
          sam,
        ),
      );
      expect(source.db.prepare('SELECT quality FROM entries WHERE id = ?').pluck().get(dayFive)).toBe(2);
      const target = started([]);
      importInto(target, before, bulk);
      // In the file: 9 (known), 8 (new), 7 (known, the same), 6 (new), 5 (known, newer).
      expect(importInto(target, exported(source), bulk).entries).toEqual({ added: 2, updated: 1, unchanged: 2 });
      expect(exportJournal(target.db).entries).toEqual(exportJournal(source.db).entries);
      source.close();
      target.close();
    }
  });

  it('leaves the triggers and the sync clock as they were', () => {
    const source = started(['Sam']);
    apply(source, { op: 'log', when: NOW, entry: { ...someEntry, people: [0] } });
    const target = started([]);
    const triggers = (db: Database.Database) =>
      db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").raw().all();
    const before = triggers(target.db);
    importInto(target, exported(source), true);
    expect(triggers(target.db)).toEqual(before);
    expect(target.db.prepare('SELECT merging FROM sync_clock').pluck().get()).toBe(0);
    source.close();
    target.close();
  });
});

const someEntry = {
  at: new Date(NOW.getTime() - 2 * DAY),
  channel: 'call' as const,
  activity: null,
  small: false,
  minutes: 20,
  moodBefore: 3,
  moodAfter: 4,
  felt: ['safe' as const],
  quality: 4,
  people: [0],
};

/** A table's indexes as the schema holds them. */
const indexes = (db: Database.Database) =>
  db.prepare("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").raw().all();

/** Imports `document` as a large file is imported: from a file, a piece at a time, after sortsMaySpill. */
function importPiecesInto(journal: Journal, document: Record<string, unknown>) {
  const file = `${newPath()}.json`;
  writeFileSync(file, JSON.stringify(document, null, 2));
  sortsMaySpill(journal.db);
  return journal.write(NOW, 'import', () =>
    importJournalPieces(
      journal.db,
      NOW,
      openExportFile(file, 'test'),
      'test',
      journalRowChecker(NOW, 'test', seenIds()),
    ),
  );
}

describe('a large import into a journal without entries', () => {
  it('builds the entries’ id index after them, and leaves the same journal as a row at a time (property)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        const opened: Journal[] = [];
        try {
          const source = started(['Sam', 'Ana', 'Kai']);
          opened.push(source);
          for (const s of steps) apply(source, s);
          const document = exported(source);
          const perRow = started(['Sam', 'Mia']);
          const pieces = copyOf(perRow);
          opened.push(perRow, pieces);
          const untouched = state(pieces.db);
          const shape = indexes(pieces.db);

          expect(importPiecesInto(pieces, document)).toEqual(importInto(perRow, document, false));
          expect(pieces.db.pragma('temp_store', { simple: true })).toBe(1);
          expect(indexes(pieces.db)).toEqual(shape);
          expectSameJournal(pieces, perRow);
          pieces.db.transaction(() => revertLastGroup(pieces.db)).immediate();
          expect(state(pieces.db).tables).toEqual(untouched.tables);
        } finally {
          for (const journal of opened) journal.close();
        }
      }),
      { numRuns: 15 },
    );
  });

  it('leaves the id index out only of an empty table kept unique by an index of its own, where sorts may spill', () => {
    const journal = started(['Sam']);
    try {
      const { db } = journal;
      const entriesUuid = () =>
        db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'entries_uuid'").pluck().get() as string | undefined;
      const sql = entriesUuid();
      expect(sql).toContain('UNIQUE');
      db.exec('BEGIN');
      try {
        // Temporary storage in memory (a journal with entries keeps it so): the sort would stay in memory.
        expect(db.pragma('temp_store', { simple: true })).toBe(2);
        expect(new BulkWrites(db, []).fillingEmpty('entries', 'uuid')).toBe(false);
      } finally {
        db.exec('ROLLBACK');
      }
      sortsMaySpill(db);
      expect(db.pragma('temp_store', { simple: true })).toBe(1);
      db.exec('BEGIN');
      try {
        const bulk = new BulkWrites(db, []);
        // People keep their ids unique by the column's own UNIQUE, which cannot be dropped.
        expect(bulk.fillingEmpty('people', 'uuid')).toBe(false);
        expect(bulk.fillingEmpty('entries', 'uuid')).toBe(true);
        expect(entriesUuid()).toBeUndefined();
        const insert = db.prepare(
          "INSERT INTO entries(uuid, type, at, mood, created_at, updated_at) VALUES (?, 'mood', 1, 3, 1, 1)",
        );
        insert.run('a');
        insert.run('b');
        bulk.keyedAgain();
        expect(entriesUuid()).toBe(sql);
        expect(() => insert.run('a')).toThrow(/UNIQUE/);
        // With rows in it, the table keeps its index; and building it again refuses an id held twice.
        expect(bulk.fillingEmpty('entries', 'uuid')).toBe(false);
        db.exec('DELETE FROM entries; DELETE FROM undo_log;');
        expect(bulk.fillingEmpty('entries', 'uuid')).toBe(true);
        insert.run('a');
        insert.run('a');
        expect(() => bulk.keyedAgain()).toThrow(/UNIQUE/);
      } finally {
        db.exec('ROLLBACK');
      }
      expect(entriesUuid()).toBe(sql);
      // A journal with entries keeps temporary storage in memory.
      journal.write(NOW, 'mood', () => insertMood(db, NOW, { at: NOW, mood: 3, energy: null, note: null }));
      db.pragma('temp_store = MEMORY');
      sortsMaySpill(db);
      expect(db.pragma('temp_store', { simple: true })).toBe(2);
    } finally {
      journal.close();
    }
  });
});
