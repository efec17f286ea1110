// connect sync with real engines and real processes: three clones of a git repository as the sync folder, and
// processes killed with SIGKILL in the middle of a sync.
import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syncDevices } from '../support/sync-devices';
import { BIN, sandbox, type Sandbox } from './run';

const { device, folder, removeLater, cleanup } = syncDevices(() => sandbox(), 'connect-sync-e2e-');
afterEach(cleanup);

const exportOf = (s: Sandbox) => s.run(['export', '--format', 'json']).stdout;

describe('git as the sync engine', () => {
  it('three clones of one bare repository converge, each device committing only its own files', () => {
    const root = folder();
    const home = join(root, 'home');
    mkdirSync(home);
    // No network: the remote is a folder; who commits comes from the environment, not any config file.
    const gitEnv = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: join(home, 'gitconfig'),
      GIT_AUTHOR_NAME: 'connect test',
      GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'connect test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
      GIT_TERMINAL_PROMPT: '0',
    };
    writeFileSync(gitEnv.GIT_CONFIG_GLOBAL, '[init]\n\tdefaultBranch = main\n[pull]\n\trebase = true\n');
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const bare = join(root, 'journal.git');
    git(root, 'init', '--bare', '-q', bare);
    const seed = join(root, 'seed');
    git(root, 'clone', '-q', bare, seed);
    writeFileSync(join(seed, 'README'), 'connect sync folder\n');
    git(seed, 'add', 'README');
    git(seed, 'commit', '-q', '-m', 'start');
    git(seed, 'push', '-q', 'origin', 'HEAD:main');
    const clones = [0, 1, 2].map((i) => {
      const clone = join(root, `clone-${i}`);
      git(root, 'clone', '-q', bare, clone);
      return clone;
    });
    const devices = [device(), device(), device()];
    /** What the shell snippet or a cron job would run on each device: pull, sync, commit and push its files. */
    const syncDevice = (i: number, now: string) => {
      git(clones[i], 'pull', '-q');
      const result = devices[i].run(['sync', clones[i], '--json'], { now });
      expect(result.code, result.stderr).toBe(0);
      git(clones[i], 'add', 'connect');
      if (git(clones[i], 'status', '--porcelain').trim() !== '') {
        git(clones[i], 'commit', '-q', '-m', `connect sync from device ${i}`);
        git(clones[i], 'push', '-q', 'origin', 'HEAD:main');
      }
      return result.json();
    };
    devices[0].run(['log', 'Sam', '--channel', 'call', '--note', 'laptop']);
    devices[1].run(['log', 'Ana', '--channel', 'text', '--note', 'desktop']);
    devices[2].run(['touchpoint', 'add', 'Call Sam', '--every', 'week', '--with', 'Sam']);
    let minute = 10;
    const at = () => {
      minute += 1;
      return `2026-11-26T10:${String(minute).padStart(2, '0')}:00Z`;
    };
    for (let round = 0; round < 2; round += 1) for (const i of [0, 1, 2]) syncDevice(i, at());
    devices[1].run(['log', 'Sam', '--channel', 'in-person', '--note', 'lunch'], { now: at() });
    devices[2].run(['people', 'rename', 'Ana', 'Anna'], { now: at() });
    for (let round = 0; round < 2; round += 1) for (const i of [0, 1, 2]) syncDevice(i, at());
    const exports = devices.map(exportOf);
    expect(exports[1]).toBe(exports[0]);
    expect(exports[2]).toBe(exports[0]);
    const notes = devices[0]
      .run(['history', '--json'])
      .json()
      .map((e: { note: string }) => e.note)
      .sort();
    expect(notes).toEqual(['desktop', 'laptop', 'lunch']);
    // Each device's commits touch only its own folder.
    const log = git(clones[0], 'log', '--name-only', '--format=%s', 'origin/main');
    for (const i of [0, 1, 2]) {
      const id = devices[i].run(['sync', 'status', '--json']).json().device;
      const blocks = log.split(`connect sync from device ${i}`).slice(1);
      for (const block of blocks) {
        const files = block.split('\n\n')[0].trim().split('\n').filter(Boolean);
        for (const file of files) expect(file.startsWith(`connect/${id}/`)).toBe(true);
      }
    }
  }, 120_000);
});

/** Runs the built binary; SIGKILL after `killAfter` ms. */
function start(s: Sandbox, args: string[], killAfter: number): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: s.env, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfter);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
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

describe('sync killed with SIGKILL at random moments', () => {
  it('leaves every journal healthy, and a later sync completes and converges', async () => {
    const dir = folder();
    const a = device();
    const b = device();
    // A few hundred entries, so that writing and merging take long enough to be interrupted.
    a.run(['log', 'Sam', '--note', 'seed']);
    const exported = JSON.parse(exportOf(a));
    const entry = exported.entries[0];
    exported.entries = Array.from({ length: 400 }, (_, i) => ({
      ...entry,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      note: `entry ${i}`,
    }));
    const file = join(dir, '..', `${dir.split('/').pop()}-seed.json`);
    writeFileSync(file, JSON.stringify(exported));
    removeLater(file);
    expect(a.run(['import', file]).code).toBe(0);
    b.run(['log', 'Ana', '--note', 'from b']);
    // How long each first sync takes whole here (on copies of the journals, into a folder of their own), so the
    // kills fall from process start to just past the end.
    const scratch = folder();
    const typical = (s: Sandbox) => {
      const copy = device();
      mkdirSync(dirname(copy.db), { recursive: true });
      for (const suffix of ['', '-wal']) if (existsSync(s.db + suffix)) copyFileSync(s.db + suffix, copy.db + suffix);
      const started = Date.now();
      expect(copy.run(['sync', scratch], { real: true }).code).toBe(0);
      return Date.now() - started;
    };
    const took = new Map([
      [a, typical(a)],
      [b, typical(b)],
    ]);
    const next = random(20261126);
    let killed = 0;
    for (let i = 0; i < 10; i += 1) {
      const who = i % 2 === 0 ? a : b;
      const outcome = await start(who, ['sync', dir], Math.floor(next() * 1.2 * (took.get(who) ?? 0)));
      if (outcome.signal === 'SIGKILL') killed += 1;
      else expect(outcome.code).toBe(0);
      for (const s of [a, b]) {
        const db = new Database(s.db, { fileMustExist: true });
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        } finally {
          db.close();
        }
        const doctor = s.run(['doctor']);
        expect(doctor.code, doctor.stdout).toBe(0);
      }
    }
    for (const s of [a, b, a]) expect(s.run(['sync', dir], { real: true }).code).toBe(0);
    expect(exportOf(b)).toBe(exportOf(a));
    expect(b.run(['history', '--all', '--json']).json()).toHaveLength(402);
    console.log(
      `sync SIGKILL test: ${killed} of 10 syncs killed (a first sync took ${[...took.values()].join(' and ')} ms)`,
    );
  }, 120_000);
});

describe('a sync folder that is read-only to the user', () => {
  // As root, file modes stop nothing: the runs go as nobody, as in permissions.test.ts.
  const asRoot = process.getuid?.() === 0;
  const NOBODY = 65534;
  const ordinary = asRoot ? { uid: NOBODY } : {};
  const giveAway = (path: string) => {
    if (asRoot) execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, path]);
  };

  it('writes nothing, keeps this device’s changes waiting, and still merges what it can read', () => {
    const s = device();
    const other = device();
    const dir = join(s.dir, 'ro');
    mkdirSync(dir);
    other.run(['log', 'Ana', '--note', 'from the other device']);
    expect(other.run(['sync', dir]).code).toBe(0);
    execFileSync('chmod', ['755', s.dir]);
    for (const path of [dirname(s.db), join(s.dir, 'xdg-cache'), dir]) {
      mkdirSync(path, { recursive: true });
      giveAway(path);
    }
    expect(s.run(['log', 'Sam', '--note', 'here'], ordinary).code).toBe(0);
    execFileSync('chmod', ['-R', 'a-w', dir]);
    try {
      const result = s.run(['sync', dir, '--json'], ordinary);
      expect(result.code, result.stderr).toBe(0);
      const outcome = result.json();
      expect(outcome.sent).toBeNull();
      expect(outcome.notSent).toBe('the sync folder is read-only to you');
      expect(outcome.received.files).toBe(1);
      const notes = s
        .run(['history', '--json'], ordinary)
        .json()
        .map((e: { note: string }) => e.note)
        .sort();
      expect(notes).toEqual(['from the other device', 'here']);
      expect(s.run(['sync', 'status', '--json'], ordinary).json().waitingOut).toBeGreaterThan(0);
    } finally {
      execFileSync('chmod', ['-R', 'u+w', dir]);
    }
    const later = s.run(['sync', dir, '--json'], ordinary);
    expect(later.json().sent.rows).toBeGreaterThan(0);
  });
});
