import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reminderForDay } from '../../src/core/reminders';
import { BIN, sandbox, type Sandbox } from './run';
import { HARSH } from '../tone';

const SUNDAY = '2026-11-29T09:00:00Z';
const MONDAY = '2026-11-30T09:00:00Z';
const ADDON = 'better_sqlite3.node';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const mirror = () => `${s.db}.nudge-plan`;
/** Every file in the sandbox but the test's own hooks and connect's code cache. */
const files = () => (readdirSync(s.dir, { recursive: true }) as string[]).filter((f) => !f.startsWith('hook') && !f.startsWith('xdg-cache')).sort();
const ok = (args: string[], now?: string) => expect(s.run(args, now ? { now } : {}).code).toBe(0);

interface Spoken {
  kind: string | null;
  text: string | null;
  /** better-sqlite3's addon was loaded: the nudge asked the journal, not the mirror. */
  sqlite: boolean;
}

/** `connect nudge --force --json`, noting whether SQLite was loaded (Node's module cache at exit). */
function nudge(now = '2026-11-26T10:00:00Z', env: Record<string, string> = {}): Spoken {
  const hook = join(s.dir, 'hook-loads.cjs');
  const record = join(s.dir, 'hook-loaded.json');
  writeFileSync(hook, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const r = spawnSync(process.execPath, ['--require', hook, BIN, 'nudge', '--force', '--json'], { env: { ...s.env, CONNECT_NOW: now, ...env }, encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stderr).toBe('');
  expect(r.stdout).not.toMatch(HARSH);
  const loaded = JSON.parse(readFileSync(record, 'utf8')) as string[];
  rmSync(record);
  return { ...(JSON.parse(r.stdout) as { kind: string | null; text: string | null }), sqlite: loaded.some((file) => file.endsWith(ADDON)) };
}

/** What the nudge says from the mirror, then with the mirror gone (from SQLite); both must agree. */
function bothWays(now: string): { kind: string | null; text: string | null } {
  const fromMirror = nudge(now);
  expect(fromMirror.sqlite).toBe(false);
  rmSync(mirror());
  const fromJournal = nudge(now);
  expect(fromJournal.sqlite).toBe(true);
  // ...which leaves the mirror again, and that answers the same once more.
  expect(existsSync(mirror())).toBe(true);
  const again = nudge(now);
  expect(again.sqlite).toBe(false);
  expect({ ...fromMirror, sqlite: null }).toEqual({ ...fromJournal, sqlite: null });
  expect({ ...again, sqlite: null }).toEqual({ ...fromJournal, sqlite: null });
  return { kind: fromMirror.kind, text: fromMirror.text };
}

function weekly(name: string, lastDay: string, count: number, flags: string[]): void {
  const last = new Date(`${lastDay}T18:00:00Z`).getTime();
  for (let i = count - 1; i >= 0; i--) ok(['log', name, '--channel', 'call', ...flags], new Date(last - i * 7 * 86_400_000).toISOString());
}

/** A Sunday-call touchpoint with Sam, and Mum: a weekly call that tends to lift the mood, last one four weeks ago. */
function story(): void {
  weekly('Mum', '2026-10-29', 6, ['--before', '2', '--after', '4', '--quality', '5']);
  ok(['touchpoint', 'add', 'Sunday call', '--every', 'week on sunday', '--with', 'Sam']);
}

/** Changes the journal the way another program would: straight through SQLite, no connect involved. */
function behindItsBack(sql: string): void {
  const db = new Database(s.db);
  db.exec(sql);
  db.close();
}

describe('the mirror a write leaves beside the journal', () => {
  it('is written after a write, owner-only, and says where the journal stood', () => {
    ok(['log', 'Sam']);
    expect(existsSync(mirror())).toBe(true);
    expect(statSync(mirror()).mode & 0o777).toBe(0o600);
    const written = JSON.parse(readFileSync(mirror(), 'utf8'));
    const journal = statSync(s.db, { bigint: true });
    expect(written.signature.journal).toEqual({ dev: String(journal.dev), ino: String(journal.ino), size: String(journal.size), mtimeNs: String(journal.mtimeNs), ctimeNs: String(journal.ctimeNs) });
    expect(written.signature.wal).toBeNull();
    expect(files()).toEqual(['data', 'data/journal.db', 'data/journal.db.nudge-plan']);
  });

  it('is not written by commands that only read, and never without a journal', () => {
    ok(['history']);
    ok(['week']);
    expect(files()).toEqual([]);
    ok(['log', 'Sam']);
    rmSync(mirror());
    ok(['history']);
    ok(['people']);
    expect(existsSync(mirror())).toBe(false);
  });

  it('is refreshed by every write, undo included, and the nudge answers from it', () => {
    story();
    expect(nudge(SUNDAY)).toEqual({ kind: 'touchpoint', text: 'Today: Sunday call with Sam. One conversation is enough.', sqlite: false });
    ok(['log', 'Sam', '--channel', 'call'], MONDAY);
    const kept = nudge(MONDAY);
    expect(kept.sqlite).toBe(false);
    expect(kept.text).not.toContain('Sam');
    ok(['undo'], MONDAY);
    expect(nudge(MONDAY)).toEqual({ kind: 'touchpoint', text: 'It’s been a little while since Sunday call with Sam — whenever suits, today works too.', sqlite: false });
  });

  it('is not part of a backup or an export', () => {
    ok(['log', 'Sam']);
    const copy = join(s.dir, 'copies', 'copy.db');
    ok(['backup', copy]);
    expect(readdirSync(dirname(copy))).toEqual(['copy.db']);
    const exported = s.run(['export']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).not.toContain('nudge-plan');
    expect(exported.stdout).not.toContain('mtimeNs');
  });
});

describe('the nudge says the same from the mirror as from the journal', () => {
  beforeEach(story);

  it('a touchpoint due today', () => {
    expect(bothWays(SUNDAY).text).toBe('Today: Sunday call with Sam. One conversation is enough.');
  });

  it('a touchpoint whose day has just gone by', () => {
    expect(bothWays(MONDAY).text).toBe('It’s been a little while since Sunday call with Sam — whenever suits, today works too.');
  });

  it('someone whose rhythm has gone quiet and whom time with tends to feel good', () => {
    ok(['touchpoint', 'pause', s.run(['touchpoint', 'list', '--json']).json()[0].id]);
    const said = bothWays(SUNDAY);
    expect(said.kind).toBe('rhythm');
    expect(said.text).toContain('Mum');
  });

  it('the gentle reminder when nothing else applies', () => {
    ok(['touchpoint', 'remove', s.run(['touchpoint', 'list', '--json']).json()[0].id]);
    ok(['people', 'archive', 'Mum']);
    expect(bothWays(SUNDAY)).toEqual({ kind: 'reminder', text: reminderForDay(new Date(SUNDAY)) });
  });

  it('nudge.every from the mirror: "off" stays quiet unless forced, "12 hours" waits twelve hours', () => {
    ok(['config', 'set', 'nudge.every', 'off']);
    expect(s.run(['nudge']).stdout).toBe('');
    expect(readFileSync(`${s.db}.nudge`, 'utf8').trim()).toBe(String(Date.parse('2026-11-26T23:00:00Z') / 1000));
    ok(['config', 'set', 'nudge.every', '12 hours']);
    rmSync(`${s.db}.nudge`);
    expect(nudge('2026-11-26T08:00:00Z').sqlite).toBe(false);
    expect(readFileSync(`${s.db}.nudge`, 'utf8').trim()).toBe(String(Date.parse('2026-11-26T20:00:00Z') / 1000));
  });
});

describe('a change made behind the mirror’s back is noticed: the nudge says what the journal says', () => {
  beforeEach(story);
  const TEA = 'Today: Tea with Ana. One conversation is enough.';

  it('a write by another program through SQLite', () => {
    expect(nudge(SUNDAY).text).toContain('Sunday call');
    behindItsBack(`UPDATE nudge_plan SET text = '${TEA}' WHERE kind = 'touchpoint'`);
    expect(nudge(SUNDAY)).toEqual({ kind: 'touchpoint', text: TEA, sqlite: true });
    // Having read the journal, the nudge leaves a mirror that matches it.
    expect(nudge(SUNDAY)).toEqual({ kind: 'touchpoint', text: TEA, sqlite: false });
  });

  it('a write of the same size whose modification time is then set back', () => {
    const before = statSync(s.db);
    const same = 'Today: Sunday call with Kim. One conversation is enough.';
    behindItsBack(`UPDATE nudge_plan SET text = '${same}' WHERE kind = 'touchpoint'`);
    utimesSync(s.db, before.atime, before.mtime);
    expect(statSync(s.db).size).toBe(before.size);
    expect(Math.abs(statSync(s.db).mtimeMs - before.mtimeMs)).toBeLessThan(1);
    expect(nudge(SUNDAY)).toEqual({ kind: 'touchpoint', text: same, sqlite: true });
  });

  it('a change still in the -wal of a program that keeps the journal open', () => {
    expect(nudge(SUNDAY)).toEqual({ kind: 'touchpoint', text: 'Today: Sunday call with Sam. One conversation is enough.', sqlite: false });
    const holder = new Database(s.db);
    try {
      holder.exec(`UPDATE nudge_plan SET text = '${TEA}' WHERE kind = 'touchpoint'`);
      // The journal file itself is untouched until the holder lets go: only its -wal says anything changed.
      expect(statSync(`${s.db}-wal`).size).toBeGreaterThan(0);
      expect(nudge(SUNDAY)).toEqual({ kind: 'touchpoint', text: TEA, sqlite: true });
    } finally {
      holder.close();
    }
    // Letting go folds the -wal into the journal: read once more, then mirrored again.
    expect(nudge(SUNDAY)).toEqual({ kind: 'touchpoint', text: TEA, sqlite: true });
    expect(nudge(SUNDAY)).toEqual({ kind: 'touchpoint', text: TEA, sqlite: false });
  });

  it('a write made while another program has the journal open (its -wal stays): the nudge still reads the journal', () => {
    const holder = new Database(s.db);
    try {
      holder.prepare('SELECT count(*) FROM settings').get();
      ok(['config', 'set', 'nudge.every', 'off']);
      expect(existsSync(`${s.db}-wal`)).toBe(true);
      const r = s.run(['nudge'], { now: SUNDAY });
      expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
      expect(nudge(SUNDAY).sqlite).toBe(true);
    } finally {
      holder.close();
    }
  });

  it('another journal copied over it (a restored backup), even with its times kept', () => {
    const other = join(s.dir, 'other.db');
    const otherSandbox = { ...s.env, CONNECT_DB: other };
    expect(spawnSync(process.execPath, [BIN, 'config', 'set', 'nudge.every', 'off'], { env: otherSandbox }).status).toBe(0);
    const before = statSync(s.db);
    copyFileSync(other, s.db);
    utimesSync(s.db, before.atime, before.mtime);
    expect(nudge(SUNDAY)).toEqual({ kind: 'reminder', text: reminderForDay(new Date(SUNDAY)), sqlite: true });
  });

  it('another file moved into its place', () => {
    const other = join(s.dir, 'other.db');
    expect(spawnSync(process.execPath, [BIN, 'log', 'Lee'], { env: { ...s.env, CONNECT_DB: other } }).status).toBe(0);
    renameSync(other, s.db);
    expect(nudge(SUNDAY)).toEqual({ kind: 'reminder', text: reminderForDay(new Date(SUNDAY)), sqlite: true });
  });

  it('an SQLite file that is not a connect journal put in its place: silent, and it gets no mirror', () => {
    rmSync(s.db);
    const stranger = new Database(s.db);
    stranger.exec("CREATE TABLE settings(key TEXT, value TEXT); INSERT INTO settings VALUES ('nudge.every', '1 day')");
    stranger.close();
    rmSync(mirror());
    const r = s.run(['nudge', '--force']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(existsSync(mirror())).toBe(false);
  });

  it('the journal gone: silent, nothing created', () => {
    rmSync(s.db);
    const before = files();
    const r = s.run(['nudge', '--force']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(files()).toEqual(before);
  });
});

describe('writes racing each other', () => {
  /** Runs connect in the background; resolves with its exit code. */
  const inBackground = (args: string[]) =>
    new Promise<number | null>((resolve) => {
      const { command, args: argv, env } = s.spawnArgs(args);
      spawn(command, argv, { env, stdio: 'ignore' }).on('close', resolve);
    });

  it('whichever mirror is left, the nudge says what the journal says', async () => {
    ok(['log', 'Sam']);
    const codes = await Promise.all(
      ['Ana', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay'].map((name, i) =>
        i % 2 ? inBackground(['touchpoint', 'add', `Tea with ${name}`, '--every', 'week on sunday', '--with', name]) : inBackground(['config', 'set', 'nudge.every', `${i + 1} hours`]),
      ),
    );
    expect(codes).toEqual([0, 0, 0, 0, 0, 0]);
    const first = nudge(SUNDAY);
    rmSync(mirror(), { force: true });
    const fromJournal = nudge(SUNDAY);
    expect(fromJournal.sqlite).toBe(true);
    expect({ ...first, sqlite: null }).toEqual({ ...fromJournal, sqlite: null });
    expect(fromJournal.kind).toBe('touchpoint');
    const stamped = Number(readFileSync(`${s.db}.nudge`, 'utf8'));
    const every = s.run(['config', 'get', 'nudge.every']).stdout.trim();
    expect(stamped).toBe(Date.parse(SUNDAY) / 1000 + Number(every.split(' ')[0]) * 3600);
    expect(nudge(SUNDAY)).toEqual({ ...fromJournal, sqlite: false });
  });
});

describe('a mirror that cannot be trusted is simply not used', () => {
  beforeEach(story);
  const right = 'Today: Sunday call with Sam. One conversation is enough.';

  it.each([
    ['garbled', 'this is not json {'],
    ['empty', ''],
    ['cut short', '{"format":2,"signature":{"journal":{"dev":"1"'],
    ['another shape', '{"format":99,"signature":{},"every":null,"lines":[]}'],
    ['a line of the wrong shape', null],
  ])('%s', (_what, text) => {
    const written = JSON.parse(readFileSync(mirror(), 'utf8'));
    const junk = text ?? JSON.stringify({ ...written, lines: [[written.lines[0][0], 'Sunday', ...written.lines[0].slice(2)]] });
    writeFileSync(mirror(), junk);
    expect(nudge(SUNDAY)).toEqual({ kind: 'touchpoint', text: right, sqlite: true });
  });

  it('one that names other files (signed for another journal) is not believed', () => {
    const written = JSON.parse(readFileSync(mirror(), 'utf8'));
    writeFileSync(mirror(), JSON.stringify({ ...written, signature: { ...written.signature, journal: { ...written.signature.journal, ino: '1' } }, lines: [] }));
    expect(nudge(SUNDAY)).toEqual({ kind: 'touchpoint', text: right, sqlite: true });
  });

  it('a mirror that is a folder, or unreadable: the nudge still speaks, from the journal', () => {
    rmSync(mirror());
    const folder = mirror();
    mkdirSync(folder);
    expect(nudge(SUNDAY)).toEqual({ kind: 'touchpoint', text: right, sqlite: true });
    expect(files().filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('a journal reached through a symbolic link gets no mirror (its -wal lives beside the real file)', () => {
    const real = join(s.dir, 'real.db');
    renameSync(s.db, real);
    rmSync(mirror());
    symlinkSync(real, s.db);
    expect(nudge(SUNDAY)).toEqual({ kind: 'touchpoint', text: right, sqlite: true });
    ok(['log', 'Ana']);
    expect(existsSync(mirror())).toBe(false);
    expect(nudge(SUNDAY).sqlite).toBe(true);
  });
});
