import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJournal } from '../../scripts/bench-journal';
import { entriesCsv, journalMarkdown } from '../../src/core/export-format';
import { listCheckins } from '../../src/db/checkins';
import { listEntries } from '../../src/db/entries';
import { listPeople } from '../../src/db/people';
import { listTouchpoints } from '../../src/db/touchpoints';
import { exportJournal } from '../../src/db/transfer';
import { describeInteraction, interactionDetails, moodDetails } from '../../src/render/entries';
import { entryJson } from '../../src/render/json';
import type { Entry } from '../../src/core/types';
import { DEFAULT_NOW, DEFAULT_TZ, journal, type Journal } from '../support/in-process';
import { readFile } from '../support/read-file';

// Every export spans many of its 32K-character chunks. The large journal holds over 200,000 rows, and its JSON is
// read back a row at a time (over 16 MB); the smaller one is compared with what whole-document code writes.
// The large journal is only exported, so it is built without sync stamps (an export holds none), which is faster.
const LARGE = { years: 10, interactions: 90_000, moods: 15_000, people: 30, unstamped: true };
const SMALL = { years: 5, interactions: 8_500, moods: 1_500, people: 30 };

let large: Journal;
let source: Journal;
let copy: Journal;

beforeAll(() => {
  large = journal();
  source = journal();
  copy = journal();
  buildJournal(large.db, LARGE, new Date(DEFAULT_NOW));
  buildJournal(source.db, SMALL, new Date(DEFAULT_NOW));
}, 120_000);
afterAll(() => {
  large?.cleanup();
  source?.cleanup();
  copy?.cleanup();
});

let whole: ReturnType<typeof exportJournal> | undefined;
/** The source journal as the old whole-document export built it (once for the file). */
const document = () => {
  whole ??= inZone(exportJournal);
  return whole;
};

/**
 * A file over the 16 MB past which import reads a piece at a time, holding a few thousand rows: JSON allows any
 * whitespace after the document, so it is padded with spaces.
 */
function padded(value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  return `${text}\n${' '.repeat(Math.max(0, 16 * 1024 * 1024 + 1 - text.length))}`;
}

/** Reads the journal the old way, whole, in the zone the commands run in. */
function inZone<T>(read: (db: Database.Database) => T): T {
  const before = process.env.TZ;
  process.env.TZ = DEFAULT_TZ;
  try {
    return readFile(source.db, read);
  } finally {
    process.env.TZ = before;
  }
}

function describe_(entry: Entry): string {
  if (entry.type === 'mood') return ['Mood check-in', moodDetails(entry)].filter(Boolean).join(' · ');
  const text = describeInteraction(entry);
  return [text.charAt(0).toUpperCase() + text.slice(1), ...interactionDetails(entry)].join(' · ');
}

/** The journal's own rows: every travelling table's (not the summaries, sync stamps or undo steps kept beside them). */
function ownRows(path: string): number {
  return readFile(path, (db) => {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('people', 'person_aliases', 'person_tags', 'entries', 'entry_people', 'touchpoints', 'touchpoint_people', 'checkins', 'settings')",
      )
      .pluck()
      .all() as string[];
    return tables.reduce((sum, t) => sum + (db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number), 0);
  });
}

const triggers = (path: string) =>
  readFile(
    path,
    (db) => db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").pluck().all() as string[],
  );

describe('export and import of large journals, a piece at a time', () => {
  it('round-trips over 200,000 rows: export json, import into a new journal, export again gives the same bytes', async () => {
    expect(ownRows(large.db)).toBeGreaterThan(200_000);
    const first = join(large.dir, 'first.json');
    const again = join(copy.dir, 'again.json');
    expect((await large.run(['export', '--out', first])).code).toBe(0);
    expect(statSync(first).size).toBeGreaterThan(16 * 1024 * 1024);
    const imported = await copy.run(['import', first, '--json']);
    expect(imported.code).toBe(0);
    expect(imported.json().added.entries).toBe(105_000);
    expect(ownRows(copy.db)).toBe(ownRows(large.db));
    expect((await copy.run(['export', '--out', again])).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(first))).toBe(true);
    // Built without sync stamps, the journal still has every trigger a journal has.
    expect(triggers(large.db)).toEqual(triggers(copy.db));
    expect(triggers(large.db).some((name) => name.startsWith('sync_'))).toBe(true);
  }, 120_000);

  it('streams the JSON that JSON.stringify writes for the whole document, to a file and to stdout', async () => {
    const file = join(source.dir, 'journal.json');
    expect((await source.run(['export', '--out', file])).code).toBe(0);
    const whole = `${JSON.stringify(document(), null, 2)}\n`;
    expect(whole.length).toBeGreaterThan(16 * 32 * 1024);
    expect(readFileSync(file, 'utf8')).toBe(whole);
    expect((await source.run(['export'])).stdout).toBe(whole);
  }, 120_000);

  it('writes the CSV and markdown the whole-document way would, to a file and to stdout', async () => {
    const csvFile = join(source.dir, 'journal.csv');
    const mdFile = join(source.dir, 'journal.md');
    expect((await source.run(['export', '--format', 'csv', '--out', csvFile])).code).toBe(0);
    expect((await source.run(['export', '--format', 'markdown', '--out', mdFile])).code).toBe(0);
    const now = new Date(DEFAULT_NOW);
    const { csv, markdown } = inZone((db) => {
      const entries = listEntries(db, { ascending: true });
      return {
        csv: entriesCsv(entries.map(entryJson)),
        markdown: journalMarkdown({
          entries,
          people: listPeople(db, { includeArchived: true }),
          describe: describe_,
          touchpoints: listTouchpoints(db),
          checkins: listCheckins(db),
          now,
        }),
      };
    });
    expect(csv.length).toBeGreaterThan(16 * 32 * 1024);
    expect(readFileSync(csvFile, 'utf8')).toBe(csv);
    expect(readFileSync(mdFile, 'utf8')).toBe(markdown);
    expect((await source.run(['export', '--format', 'markdown'])).stdout).toBe(markdown);
  }, 120_000);
});

describe('a large import with a bad row past its first megabyte', () => {
  it('changes nothing and names the row', async () => {
    const target = journal();
    try {
      expect((await target.run(['log', 'Sam', '--note', 'before the import'])).code).toBe(0);
      const before = (await target.run(['export'])).stdout;
      const whole = document() as { people: unknown[]; entries: Record<string, unknown>[] };
      const entries = whole.entries.slice(0, 5_000);
      const bad = 4_900;
      entries[bad] = { ...entries[bad], id: randomUUID(), type: 'mood', mood: 9 };
      const file = join(target.dir, 'bad.json');
      const text = padded({ ...whole, entries });
      expect(text.indexOf(String(entries[bad].id))).toBeGreaterThan(1 << 20);
      writeFileSync(file, text);
      expect(statSync(file).size).toBeGreaterThan(16 * 1024 * 1024);
      const result = await target.run(['import', file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`bad.json: entries[${bad}].mood should be a whole number from 1 to 5.`);
      expect(result.stderr).toContain('Nothing was imported.');
      expect((await target.run(['export'])).stdout).toBe(before);
    } finally {
      target.cleanup();
    }
  }, 120_000);

  it('names a row whose id, or a setting whose key, an earlier one already has', async () => {
    const target = journal();
    try {
      const whole = document() as { entries: Record<string, unknown>[]; settings: Record<string, unknown>[] };
      const entries = whole.entries.slice(0, 5_000);
      entries[4_900] = { ...entries[4_900], id: entries[10].id };
      const file = join(target.dir, 'twice.json');
      writeFileSync(file, padded({ ...whole, entries }));
      const result = await target.run(['import', file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `twice.json: entries[4900] has the same id as entries[10] ("${entries[10].id}").`,
      );
      const settings = [
        { key: 'sync.dir', value: '/a', updatedAt: '2026-11-20T10:00:00.000+01:00' },
        { key: 'sync.dir', value: '/b', updatedAt: '2026-11-21T10:00:00.000+01:00' },
      ];
      writeFileSync(file, padded({ ...whole, entries: entries.slice(0, 10), settings }));
      const again = await target.run(['import', file]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('twice.json: settings[1] has the same key as settings[0] ("sync.dir").');
      expect(existsSync(target.db)).toBe(false);
    } finally {
      target.cleanup();
    }
  }, 120_000);

  it('refuses, changing nothing, one whose lists come in another order than connect writes them', async () => {
    const target = journal();
    try {
      const { format, formatVersion, schemaVersion, people, touchpoints, settings, entries: all } = document();
      const entries = (all as unknown[]).slice(0, 5_000);
      const header = { format, formatVersion, schemaVersion };
      const file = join(target.dir, 'reordered.json');
      writeFileSync(file, padded({ ...header, people, entries, settings, touchpoints }));
      expect(statSync(file).size).toBeGreaterThan(16 * 1024 * 1024);
      const result = await target.run(['import', file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('reordered.json: "touchpoints" comes after "settings"');
      expect(existsSync(target.db)).toBe(false);
      // Entries before the people they name: the first one is refused for pointing at no one yet.
      writeFileSync(file, padded({ ...header, entries, people }));
      const early = await target.run(['import', file]);
      expect(early.code).toBe(2);
      expect(early.stderr).toMatch(
        /reordered\.json: entries\[\d+\]\.people\[0\] points at people [0-9a-f-]+, which is in neither/,
      );
      expect(existsSync(target.db)).toBe(false);
    } finally {
      target.cleanup();
    }
  }, 120_000);
});
