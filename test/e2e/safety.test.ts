import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from './run';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
  mkdirSync(dirname(s.db), { recursive: true });
});
afterEach(() => s.cleanup());

const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const APPLICATION_ID = 0x436e6e63;

describe('a journal connect cannot trust', () => {
  it('reports a damaged file with exit 1 and leaves it byte for byte', () => {
    writeFileSync(s.db, 'this is not a database, just some words '.repeat(200));
    const before = hash(s.db);
    for (const args of [['log', 'Sam'], ['history'], ['people']]) {
      const r = s.run(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('looks damaged or is not an SQLite file');
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    }
    expect(hash(s.db)).toBe(before);
  });

  it('refuses a journal from a newer connect with exit 1, untouched, with no files added', () => {
    const db = new Database(s.db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.exec('CREATE TABLE future_things (id INTEGER PRIMARY KEY)');
    db.pragma('user_version = 99');
    db.close();
    const before = hash(s.db);
    const files = readdirSync(dirname(s.db));
    for (const args of [['log', 'Sam'], ['history']]) {
      const r = s.run(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('was written by a newer connect (schema 99');
      expect(r.stderr).toContain('Update connect');
    }
    expect(hash(s.db)).toBe(before);
    expect(readdirSync(dirname(s.db))).toEqual(files);
  });

  it("refuses another program's SQLite file rather than adding tables to it", () => {
    const db = new Database(s.db);
    db.exec('CREATE TABLE recipes (name TEXT)');
    db.close();
    const before = hash(s.db);
    const r = s.run(['log', 'Sam']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not a connect journal');
    expect(hash(s.db)).toBe(before);
  });

  it('says so, exit 1, when the journal cannot be written', () => {
    expect(s.run(['log', 'Sam']).code).toBe(0);
    const before = s.run(['history', '--json']).stdout;
    const asRoot = process.getuid?.() === 0;
    // Root ignores file modes, so the write is attempted as an unprivileged user instead.
    chmodSync(s.dir, 0o755);
    chmodSync(dirname(s.db), 0o755);
    chmodSync(s.db, asRoot ? 0o644 : 0o444);
    const r = s.run(['log', 'Alex'], asRoot ? { uid: 65534 } : {});
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/read-only|could not be opened or written/);
    chmodSync(s.db, 0o600);
    expect(s.run(['history', '--json']).stdout).toBe(before);
  });
});

describe('two terminals at once', () => {
  const runAsync = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const { command, args: argv, env } = s.spawnArgs(args);
      const child = spawn(command, argv, { env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it('loses nothing when several processes create and write the journal together', async () => {
    expect(existsSync(s.db)).toBe(false);
    const results = await Promise.all(
      ['Sam', 'Alex', 'Mum', 'Jo', 'Ana', 'Lee'].map((name) =>
        runAsync(['log', name, '--channel', 'call', '--after', '4']),
      ),
    );
    for (const r of results) expect(r).toMatchObject({ code: 0, stderr: '' });
    const history = s.run(['history', '--json']).json();
    expect(history).toHaveLength(6);
    expect(s.run(['people', '--json']).json()).toHaveLength(6);
    // The journal is created in one transaction: no process saw it half-made and backed it up "before an upgrade".
    expect(existsSync(join(dirname(s.db), 'backups'))).toBe(false);
  });
});
