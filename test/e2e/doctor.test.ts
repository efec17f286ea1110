import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/db/journal';
import { makeNewer, writeOldJournal } from './old-journal';
import { sandbox, type Sandbox } from './run';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('connect doctor', () => {
  it('says where a missing journal will be created, exits 0 and creates nothing', () => {
    const r = s.run(['doctor']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`It will be created at ${s.db}`);
    expect(existsSync(dirname(s.db))).toBe(false);
    expect(s.run(['doctor', '--json']).json()).toMatchObject({ ok: true, exists: false, path: s.db, problems: [] });
  });

  it('reports a healthy journal: path, permissions, schema, integrity, WAL and counts, and changes nothing', () => {
    s.run(['log', 'Sam', 'Alex']);
    s.run(['mood', '3']);
    const before = hash(s.db);
    const r = s.run(['doctor', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({
      ok: true,
      exists: true,
      path: s.db,
      fileMode: '0600',
      folderMode: '0700',
      schemaVersion: SCHEMA_VERSION,
      supportedSchemaVersion: SCHEMA_VERSION,
      integrity: 'ok',
      journalMode: 'wal',
      counts: { people: 2, interactions: 1, moods: 1 },
      problems: [],
    });
    expect(hash(s.db)).toBe(before);
    const text = s.run(['doctor']).stdout;
    expect(text).toContain('file 0600 · folder 0700');
    expect(text).toContain('All is well.');
  });

  it('exits 1 with what to do when the journal is readable by others', () => {
    s.run(['log', 'Sam']);
    chmodSync(s.db, 0o644);
    const r = s.run(['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`chmod 600 "${s.db}"`);
    expect(s.run(['doctor', '--json']).json().problems[0]).toMatchObject({ check: 'file permissions' });
  });

  it('exits 1 when others can change the folder', () => {
    s.run(['log', 'Sam']);
    chmodSync(dirname(s.db), 0o777);
    const r = s.run(['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`chmod 700 "${dirname(s.db)}"`);
  });

  it('exits 1 on a damaged file, pointing at the newest backup', () => {
    s.run(['log', 'Sam']);
    const backup = s.run(['backup', '--json']).json().path;
    const bytes = readFileSync(s.db);
    bytes.fill(0x41, 100, bytes.length);
    writeFileSync(s.db, bytes);
    const r = s.run(['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`connect restore "${backup}"`);
  });

  it('exits 1 on a file that is not SQLite at all', () => {
    s.run(['log', 'Sam']);
    writeFileSync(s.db, 'these are my notes, not a database\n'.repeat(200));
    expect(s.run(['doctor']).code).toBe(1);
  });

  it('notes an older journal it will upgrade, and refuses a newer one, untouched either way', () => {
    if (SCHEMA_VERSION >= 2) {
      writeOldJournal(s.db, SCHEMA_VERSION - 1);
      const before = hash(s.db);
      const old = s.run(['doctor']);
      expect(old.code).toBe(0);
      expect(old.stdout).toContain(`the next change upgrades it to ${SCHEMA_VERSION}`);
      expect(hash(s.db)).toBe(before);
    }
    makeNewer(s.db, SCHEMA_VERSION + 1);
    const before = hash(s.db);
    const r = s.run(['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('written by a newer connect');
    expect(hash(s.db)).toBe(before);
  });
});
