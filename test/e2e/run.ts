import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = join(__dirname, '..', '..', 'bin', 'connect.js');
export const DEFAULT_NOW = '2026-11-26T10:00:00Z';
export const DEFAULT_TZ = 'Europe/Berlin';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws if it is not exactly one JSON document). */
  json: <T = any>() => T;
}

export interface RunOptions {
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

/** A temp folder with its own journal path, HOME and XDG folders, a fixed clock and TZ. */
export function sandbox(options: { now?: string; tz?: string } = {}): Sandbox {
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
    const merged: Record<string, string | undefined> = { ...env, ...(runOptions.now ? { CONNECT_NOW: runOptions.now } : {}), ...runOptions.env };
    const childEnv = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const ids = runOptions.uid === undefined ? {} : { uid: runOptions.uid, gid: runOptions.uid };
    const result = spawnSync(process.execPath, [BIN, ...args], { env: childEnv, input: runOptions.input ?? '', encoding: 'utf8', timeout: runOptions.timeout, ...ids });
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
