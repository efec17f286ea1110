import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupJournal } from '../../src/db/backup';
import { insertMood } from '../../src/db/entries';
import { openForReading, openForWriting, type Journal } from '../../src/db/journal';
import { readFile } from '../support/read-file';

// A backup is the journal as it stood at one moment, with every entry committed by then, whichever way it is
// copied: the file itself when the whole journal is in it, else SQLite's online backup.

const NOW = new Date('2026-11-26T10:00:00Z');

let dir: string;
let path: string;
const open: { close(): void }[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'connect-backup-'));
  path = join(dir, 'journal.db');
});
afterEach(() => {
  for (const connection of open.splice(0)) connection.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A separate connection, as another connect process would have. */
function writer(): Journal {
  const journal = openForWriting(path).journal;
  open.push(journal);
  return journal;
}

const mood = (journal: Journal, value: number) =>
  journal.write(NOW, 'mood', () => insertMood(journal.db, NOW, { at: NOW, mood: value, energy: null, note: null }));

const moodsIn = (file: string) =>
  readFile(file, (copy) => copy.prepare('SELECT mood FROM entries ORDER BY mood').pluck().all() as number[]);

describe('backupJournal', () => {
  it('copies every committed entry into a private, checked file', async () => {
    const a = writer();
    for (const value of [1, 2, 3]) mood(a, value);
    const reader = openForReading(path)!;
    open.push(reader);
    const result = await backupJournal(reader.db, join(dir, 'copy.db'));
    expect(moodsIn(result.path)).toEqual([1, 2, 3]);
    expect(statSync(result.path).mode & 0o777).toBe(0o600);
    expect(result.bytes).toBe(statSync(result.path).size);
    // The busy timeout the copy set aside for its checkpoint is back, for whatever the command does next.
    expect(reader.db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('holds the entries still only in the write-ahead log while another connection keeps it from being emptied', async () => {
    const a = writer();
    mood(a, 1);
    // Another process in the middle of a read: no checkpoint may move what is written after it into the main file.
    const other = new Database(path, { readonly: true, fileMustExist: true });
    open.push(other);
    other.exec('BEGIN');
    other.prepare('SELECT count(*) FROM entries').get();
    const b = writer();
    mood(b, 2);
    mood(b, 3);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);

    const reader = openForReading(path)!;
    open.push(reader);
    const result = await backupJournal(reader.db, join(dir, 'copy.db'));
    expect(moodsIn(result.path)).toEqual([1, 2, 3]);
    // The other reader still sees its own moment, and writers were never held up.
    expect(other.prepare('SELECT count(*) FROM entries').pluck().get()).toBe(1);
    other.exec('COMMIT');
    mood(b, 4);
    expect(moodsIn(path)).toEqual([1, 2, 3, 4]);
  });
});
