import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_NOW, DEFAULT_TZ, type RunResult } from '../support/result';
import { runSync } from '../support/sync-run';

export { DEFAULT_NOW, DEFAULT_TZ, type RunResult };

const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'connect.js');

/** Whether a program (a shell, timeout) is on this machine's PATH: the tests that need one skip without it. */
export const onPath = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;

let sharedBin: string | undefined;
/**
 * bin/connect.js in a copy of the built program that any user can read: tests that drop to another user (to
 * see file modes honoured as root would not) must work from a clone in a folder only its owner can enter.
 */
export function binForOtherUsers(): string {
  if (sharedBin) return sharedBin;
  const dir = mkdtempSync(join(tmpdir(), 'connect-shared-'));
  for (const part of [
    'bin',
    'dist',
    'package.json',
    'node_modules/better-sqlite3/package.json',
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  ]) {
    mkdirSync(join(dir, part, '..'), { recursive: true });
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  }
  chmodSync(dir, 0o755);
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  sharedBin = join(dir, 'bin', 'connect.js');
  return sharedBin;
}

export interface RunOptions {
  /** Run the real binary in a process of its own, even where the sandbox runs in-process. */
  real?: boolean;
  env?: Record<string, string | undefined>;
  input?: string;
  now?: string;
  /** Run as another user (tests of permissions when the suite runs as root). */
  uid?: number;
  /** Stop the process after this many ms (a test of something that must never wait forever). */
  timeout?: number;
}

export interface Sandbox {
  dir: string;
  db: string;
  env: Record<string, string>;
  /** Runs the built binary with this sandbox's journal, clock and time zone. */
  run: (args: string[], options?: RunOptions) => RunResult;
  /** What to pass to child_process.spawn to run the binary asynchronously (several at once). */
  spawnArgs: (args: string[]) => { command: string; args: string[]; env: Record<string, string> };
  cleanup: () => void;
}

/**
 * A temp folder with its own journal path, HOME and XDG folders, a fixed clock and TZ. Its runs are in-process
 * (fast) unless `real` is set, a run asks for `real`, `uid` or `input`: then the built binary runs in a process.
 */
export function sandbox(options: { now?: string; tz?: string; real?: boolean } = {}): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'connect-test-'));
  const db = join(dir, 'data', 'journal.db');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: join(dir, 'home'),
    XDG_DATA_HOME: join(dir, 'xdg-data'),
    XDG_STATE_HOME: join(dir, 'xdg-state'),
    XDG_CACHE_HOME: join(dir, 'xdg-cache'),
    CONNECT_DB: db,
    CONNECT_NOW: options.now ?? DEFAULT_NOW,
    TZ: options.tz ?? DEFAULT_TZ,
    NO_COLOR: '1',
  };
  const run: Sandbox['run'] = (args, runOptions = {}) => {
    const merged: Record<string, string | undefined> = {
      ...env,
      ...(runOptions.now ? { CONNECT_NOW: runOptions.now } : {}),
      ...runOptions.env,
    };
    const childEnv = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >;
    const ids = runOptions.uid === undefined ? {} : { uid: runOptions.uid, gid: runOptions.uid };
    if (
      !options.real &&
      !runOptions.real &&
      runOptions.uid === undefined &&
      runOptions.input === undefined &&
      runOptions.timeout === undefined
    ) {
      const result = runSync(args, childEnv);
      return { ...result, json: () => JSON.parse(result.stdout) };
    }
    const bin = runOptions.uid === undefined ? BIN : binForOtherUsers();
    const result = spawnSync(process.execPath, [bin, ...args], {
      env: childEnv,
      input: runOptions.input ?? '',
      encoding: 'utf8',
      timeout: runOptions.timeout,
      ...ids,
    });
    const stdout = result.stdout ?? '';
    return {
      code: result.status ?? -1,
      stdout,
      stderr: result.stderr ?? '',
      json: () => JSON.parse(stdout),
    };
  };
  const spawnArgs = (args: string[]) => ({ command: process.execPath, args: [BIN, ...args], env });
  return { dir, db, env, run, spawnArgs, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
