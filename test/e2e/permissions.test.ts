// What only a real process as an ordinary user shows: permissions, a read-only folder, a pipe for a journal.
// The suite runs as root here, which file modes do not stop, so these run as uid 65534 (nobody); run as an
// ordinary user, they run as that user and need no change of owner.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type RunOptions, type Sandbox } from './run';

const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;
/** Run as an ordinary user: nobody when the suite is root, else the user running it. */
const ordinary: RunOptions = asRoot ? { uid: NOBODY } : {};
/** Hands a path to that ordinary user (a no-op when the suite is not root). */
const giveAway = (path: string) => {
  if (asRoot) chownSync(path, NOBODY, NOBODY);
};

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
  // The sandbox folder must be enterable by the ordinary user; its cache folder theirs.
  chmodSync(s.dir, 0o755);
  mkdirSync(join(s.dir, 'xdg-cache'), { recursive: true });
  giveAway(join(s.dir, 'xdg-cache'));
});
afterEach(() => {
  for (const folder of [dirname(s.db), join(s.dir, 'ro')]) {
    try {
      chmodSync(folder, 0o700);
    } catch {
      // not made by this test
    }
  }
  s.cleanup();
});

const UNEXPECTED = /something unexpected/;

describe('a journal you cannot reach is never "empty"', () => {
  beforeEach(() => {
    expect(s.run(['log', 'Sam', '--after', '4']).code).toBe(0);
    chmodSync(dirname(s.db), 0o700);
    if (!asRoot) chmodSync(dirname(s.db), 0o000);
  });
  it('history: exit 1, says it cannot be reached, not that the journal is empty', () => {
    const r = s.run(['history'], ordinary);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot be reached/);
    expect(r.stdout).not.toMatch(/empty/);
  });
  it('export: exit 1 and no export at all, so a backup script keeps its good copy', () => {
    const r = s.run(['export'], ordinary);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  });
  it('doctor: exit 1, says so, does not say there is no journal', () => {
    const r = s.run(['doctor', '--json'], ordinary);
    expect(r.code).toBe(1);
    expect(r.json().problems[0].message).toMatch(/cannot be reached/);
    expect(r.stdout).not.toMatch(/There is no journal yet/);
  });
});

describe('a read-only folder', () => {
  it('doctor does not say "All is well" when nothing can be saved', () => {
    expect(s.run(['log', 'Sam']).code).toBe(0);
    for (const path of [s.db, dirname(s.db)]) giveAway(path);
    chmodSync(dirname(s.db), 0o500);
    const r = s.run(['doctor', '--json'], ordinary);
    expect(r.code).toBe(1);
    expect(r.json().problems.map((p: { check: string }) => p.check)).toContain('folder permissions');
    expect(s.run(['doctor'], ordinary).stdout).not.toContain('All is well');
  });
  it('a new journal there: exit 1 with what to do, not "something unexpected"', () => {
    const ro = join(s.dir, 'ro');
    mkdirSync(ro);
    giveAway(ro);
    chmodSync(ro, 0o500);
    const r = s.run(['log', 'Sam'], { ...ordinary, env: { CONNECT_DB: join(ro, 'journal.db') } });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(UNEXPECTED);
    expect(r.stderr).toMatch(/not allowed|permission/);
  });
  it('export --out into it: exit 1 with what to do, and nothing written', () => {
    expect(s.run(['log', 'Sam']).code).toBe(0);
    for (const path of [s.db, dirname(s.db)]) giveAway(path);
    const ro = join(s.dir, 'ro');
    mkdirSync(ro);
    giveAway(ro);
    chmodSync(ro, 0o500);
    const r = s.run(['export', '--out', join(ro, 'journal.json')], ordinary);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(UNEXPECTED);
    expect(r.stderr).toMatch(/not allowed/);
  });
});

describe('a journal path that is not a regular file', () => {
  it('doctor --db on a named pipe answers at once (exit 1) instead of waiting on it', () => {
    const fifo = join(s.dir, 'journal.fifo');
    execFileSync('mkfifo', [fifo]);
    const r = s.run(['doctor', '--db', fifo], { timeout: 15_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/not a regular file/);
    expect(s.run(['history', '--db', fifo], { timeout: 15_000 }).code).toBe(1);
    expect(s.run(['log', 'Sam', '--db', fifo], { timeout: 15_000 }).code).toBe(1);
  });
});

describe('side files are never followed', () => {
  it('the damage mark is not written through a symlink', () => {
    expect(s.run(['log', 'Sam']).code).toBe(0);
    const target = join(s.dir, 'precious.txt');
    writeFileSync(target, 'keep me');
    execFileSync('ln', ['-s', target, `${s.db}.damaged`]);
    // A mark that is a symlink still stops writes (it is there), but nothing is written through it.
    expect(s.run(['log', 'Alex']).code).toBe(1);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });
});
