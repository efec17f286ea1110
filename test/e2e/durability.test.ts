import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/db/journal';
import { makeNewer } from './old-journal';
import { BIN, sandbox, type Sandbox } from './run';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary without waiting on the event loop; `killAfter` sends SIGKILL after that many ms. */
function start(args: string[], killAfter?: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...s.env, CONNECT_DEBUG: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = killAfter === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfter);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A small deterministic random source, so a failing run can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Reads the journal as the next connect command would find it (SQLite tidies an interrupted write on open). */
function inJournal<T>(read: (db: Database.Database) => T): T {
  const db = new Database(s.db, { fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const notes = () =>
  inJournal((db) => db.prepare('SELECT note FROM entries WHERE deleted_at IS NULL').pluck().all() as string[]);
const integrity = () => inJournal((db) => db.pragma('integrity_check', { simple: true }));

describe('many processes at once', () => {
  it.each([
    ['into an existing journal', true],
    ['into a journal that does not exist yet', false],
  ])(
    '6 × 4 connect log runs in parallel all land (%s)',
    async (_, existing) => {
      if (existing) expect(s.run(['log', 'Sam', '--note', 'first']).code).toBe(0);
      const workers = Array.from({ length: 6 }, async (_, w) => {
        const results: Outcome[] = [];
        for (let i = 0; i < 4; i += 1) results.push(await start(['log', `Friend ${w}`, '--note', `w${w}-${i}`]));
        return results;
      });
      const results = (await Promise.all(workers)).flat();
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      const logged = notes().filter((n) => /^w\d-\d$/.test(n));
      expect(logged.sort()).toEqual(Array.from({ length: 24 }, (_, k) => `w${Math.floor(k / 4)}-${k % 4}`).sort());
      expect(integrity()).toBe('ok');
    },
    180_000,
  );
});

describe('processes killed with SIGKILL mid-write', () => {
  it('leave a healthy journal holding every entry whose process said it was logged', async () => {
    expect(s.run(['log', 'Sam', '--note', 'before']).code).toBe(0);
    const seed = 20261126;
    const next = random(seed);
    // How long a log takes here with four running at once, so the kills land before, during and after the write.
    const t0 = Date.now();
    await Promise.all([0, 1, 2, 3].map((k) => start(['log', 'Sam', '--note', `timing ${k}`])));
    const typical = Date.now() - t0;
    const confirmed: string[] = [];
    let killed = 0;
    const loops = Array.from({ length: 4 }, async (_, loop) => {
      for (let i = 0; i < 12; i += 1) {
        const note = `k${loop}-${i}`;
        const r = await start(['log', `Friend ${loop}`, '--note', note], Math.floor(next() * typical * 1.6));
        if (r.stdout.includes('Logged')) confirmed.push(note);
        else if (r.signal === 'SIGKILL') killed += 1;
        else expect.fail(`log ${note} neither finished nor was killed: ${r.code} ${r.stderr}`);
      }
    });
    await Promise.all(loops);
    expect(integrity()).toBe('ok');
    const doctor = s.run(['doctor']);
    expect(doctor.code, `${doctor.stdout}${doctor.stderr}`).toBe(0);
    const present = new Set(notes());
    for (const note of confirmed) expect(present.has(note), `${note} was confirmed (seed ${seed})`).toBe(true);
    expect(present.has('before')).toBe(true);
    // The journal still takes new entries afterwards.
    expect(s.run(['log', 'Sam', '--note', 'after']).code).toBe(0);
    expect(confirmed.length + killed).toBe(48);
    // Both kinds happened, so the test saw kills mid-way and entries that made it.
    expect(confirmed.length).toBeGreaterThan(0);
    expect(killed).toBeGreaterThan(0);
    console.info(
      `SIGKILL test: ${confirmed.length} confirmed, ${killed} killed (four logs at once took ~${typical} ms here)`,
    );
  }, 240_000);

  it('an import killed at any moment is all there or not there at all', async () => {
    const daylio = join(__dirname, '../fixtures/daylio.csv');
    const next = random(7);
    const t = Date.now();
    await start(['history']);
    const typical = Date.now() - t;
    for (let round = 0; round < 8; round += 1) {
      const t0 = Date.now();
      const r = await start(['import', daylio, '--from', 'daylio'], Math.floor(next() * typical * 2.5));
      // Killed while the journal was being set up, it may hold no tables yet: that is nothing imported.
      const countMoods = (db: Database.Database) =>
        db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'entries'").get()
          ? (db.prepare("SELECT count(*) FROM entries WHERE type = 'mood'").pluck().get() as number)
          : 0;
      const moods = existsSync(s.db) ? inJournal(countMoods) : 0;
      expect([0, 32], `round ${round} after ${Date.now() - t0} ms (${r.signal ?? r.code})`).toContain(moods);
      if (r.code === 0) expect(moods).toBe(32);
      if (existsSync(s.db)) expect(integrity()).toBe('ok');
      const doctor = s.run(['doctor']);
      expect(doctor.code, doctor.stdout).toBe(0);
    }
  }, 120_000);
});

describe('a journal from a newer connect', () => {
  it('is refused by every command and left byte for byte as it was', () => {
    s.run(['log', 'Sam', '--note', 'from the future']);
    makeNewer(s.db, SCHEMA_VERSION + 1);
    const hash = () => createHash('sha256').update(readFileSync(s.db)).digest('hex');
    const before = hash();
    const file = join(s.dir, 'in.json');
    require('node:fs').writeFileSync(file, JSON.stringify({ format: 'connect-journal', formatVersion: 1, people: [] }));
    const commands = [
      ['log', 'Alex'],
      ['mood', '3'],
      ['history'],
      ['people'],
      ['undo'],
      ['export'],
      ['import', file],
      ['backup'],
      ['config', 'set', 'week.start', 'sunday'],
    ];
    for (const args of commands) {
      const r = s.run(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toContain('newer connect');
    }
    expect(s.run(['doctor']).code).toBe(1);
    expect(hash()).toBe(before);
    expect(existsSync(`${s.db}-wal`) ? readFileSync(`${s.db}-wal`).length : 0).toBe(0);
  });
});
