// Runs connect in-process: the real program, commands and journal, with fake Deps (clock, output, terminal,
// prompts). Most command behaviour is tested here; test/e2e keeps what only a real process shows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_COMMANDS } from '../../src/all-commands';
import type { Prompts } from '../../src/context';
import { runConnect } from '../../src/execute';
import * as wrap from '../../src/render/wrap';
import { DEFAULT_NOW, DEFAULT_TZ, type RunResult } from './result';

export { DEFAULT_NOW, DEFAULT_TZ, type RunResult };

export interface RunOptions {
  now?: string;
  tz?: string;
  env?: Record<string, string | undefined>;
  /** Pretend stdin and stdout are terminals (colour off unless FORCE_COLOR) and answer questions with these. */
  prompts?: Partial<Prompts>;
  /** Pretend stdout is a terminal (for colour and terminal-only output), without questions. */
  tty?: boolean;
  /** Pretend stdout is a terminal this many columns wide (text wraps to it). */
  columns?: number;
}

export interface Journal {
  dir: string;
  db: string;
  env: Record<string, string>;
  /** Runs `connect ARGS` against this journal, in-process. */
  run: (args: string[], options?: RunOptions) => Promise<RunResult>;
  cleanup: () => void;
}

/** Calls fn with process.env.TZ set to `tz` (Node re-reads it on assignment), then puts it back. */
async function inZone<T>(tz: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return await fn();
  } finally {
    process.env.TZ = before;
  }
}

/** A temp folder with its own journal path, HOME and XDG folders; each run has a fixed clock and TZ. */
export function journal(options: { now?: string; tz?: string } = {}): Journal {
  const dir = mkdtempSync(join(tmpdir(), 'connect-unit-'));
  const db = join(dir, 'data', 'journal.db');
  const env: Record<string, string> = {
    HOME: join(dir, 'home'),
    XDG_DATA_HOME: join(dir, 'xdg-data'),
    XDG_CACHE_HOME: join(dir, 'xdg-cache'),
    CONNECT_DB: db,
    NO_COLOR: '1',
  };
  const run: Journal['run'] = async (args, runOptions = {}) => {
    const tz = runOptions.tz ?? options.tz ?? DEFAULT_TZ;
    // TZ in the environment too, as a process started in that zone has it.
    const runEnv = { ...env, TZ: tz, CONNECT_NOW: runOptions.now ?? options.now ?? DEFAULT_NOW, ...runOptions.env };
    let stdout = '';
    let stderr = '';
    const terminal = Boolean(runOptions.prompts || runOptions.tty || runOptions.columns);
    const io = {
      stdout: {
        write: (text: string) => {
          stdout += text;
        },
        isTTY: () => terminal,
        columns: () => runOptions.columns,
      },
      stderr: {
        write: (text: string) => {
          stderr += text;
        },
        isTTY: () => terminal,
      },
      stdinIsTTY: () => Boolean(runOptions.prompts),
      loadPrompts: () => {
        if (!runOptions.prompts) throw new Error('a question was asked where none was expected');
        return runOptions.prompts as Prompts;
      },
      loadWrap: () => wrap,
    };
    const code = await inZone(tz, () => runConnect(args, runEnv, io, ALL_COMMANDS));
    return { code, stdout, stderr, json: () => JSON.parse(stdout) };
  };
  return { dir, db, env, run, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
