import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEEP_AUTOMATIC } from '../../src/db/backup';
import { SCHEMA_VERSION } from '../../src/db/journal';
import { writeOldJournal } from './old-journal';
import { sandbox, type Sandbox } from './run';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const backups = () => join(dirname(s.db), 'backups');

describe('connect backup', () => {
  it('saves a private, dated copy in a private backups folder beside the journal; restoring it gives the journal back', () => {
    s.run(['log', 'Sam', '--note', 'kept safe']);
    s.run(['mood', '4']);
    const r = s.run(['backup', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { path, bytes, folder } = r.json();
    expect(path).toBe(join(backups(), 'journal-2026-11-26T11-00-00+0100.db'));
    expect(folder).toBe(backups());
    expect(bytes).toBe(statSync(path).size);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(backups()).mode & 0o777).toBe(0o700);

    const before = s.run(['export']).stdout;
    s.run(['log', 'Alex']);
    for (const suffix of ['', '-wal', '-shm']) rmSync(s.db + suffix, { force: true });
    copyFileSync(path, s.db);
    expect(s.run(['export']).stdout).toBe(before);
    expect(s.run(['doctor']).code).toBe(0);
  });

  it('takes a second backup in the same second under another name', () => {
    s.run(['log', 'Sam']);
    const first = s.run(['backup', '--json']).json().path;
    const second = s.run(['backup', '--json']).json().path;
    expect(second).not.toBe(first);
    expect(readdirSync(backups())).toHaveLength(2);
  });

  it('saves to a file or folder of your choice, and never over an existing file', () => {
    s.run(['log', 'Sam']);
    const file = join(s.dir, 'my-copy.db');
    const r = s.run(['backup', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Saved a copy of your journal to ${file}`);
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare('SELECT name FROM people').pluck().all()).toEqual(['Sam']);
    copy.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const again = s.run(['backup', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(s.run(['backup', s.db]).code).toBe(2);
    expect(s.run(['backup', s.dir, '--json']).json().path).toBe(join(s.dir, 'journal-2026-11-26T11-00-00+0100.db'));
  });

  it('says there is nothing to back up when there is no journal, and creates nothing', () => {
    const r = s.run(['backup']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing to back up');
    expect(existsSync(dirname(s.db))).toBe(false);
  });
});

describe('the automatic backup before an upgrade', () => {
  it('copies an older journal before migrating it, and keeps only the newest few', () => {
    if (SCHEMA_VERSION < 2) return;
    const from = SCHEMA_VERSION - 1;
    for (let day = 1; day <= KEEP_AUTOMATIC + 2; day += 1) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(s.db + suffix, { force: true });
      writeOldJournal(s.db, from);
      const r = s.run(['log', 'Sam'], { now: `2026-11-0${day}T10:00:00Z` });
      expect(r.code, r.stderr).toBe(0);
    }
    const kept = readdirSync(backups()).sort();
    expect(kept).toHaveLength(KEEP_AUTOMATIC);
    expect(kept[0]).toBe(`journal-before-schema-${from}-2026-11-0${3}T11-00-00+0100.db`);
    const copy = new Database(join(backups(), kept[kept.length - 1]), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(from);
    expect(copy.prepare('SELECT name FROM people').pluck().all()).toEqual(['Old Friend']);
    copy.close();
    expect(statSync(join(backups(), kept[0])).mode & 0o777).toBe(0o600);
    // A manual backup is never pruned.
    writeFileSync(join(backups(), 'journal-mine.db'), '');
    for (const suffix of ['', '-wal', '-shm']) rmSync(s.db + suffix, { force: true });
    writeOldJournal(s.db, from);
    s.run(['log', 'Sam'], { now: '2026-11-09T10:00:00Z' });
    expect(readdirSync(backups())).toContain('journal-mine.db');
  });

  it('takes no backup of a journal that is already current', () => {
    s.run(['log', 'Sam']);
    s.run(['log', 'Alex']);
    expect(existsSync(backups())).toBe(false);
  });
});
