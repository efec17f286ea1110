import { resolveJournalPath } from './db/paths';
import type { Deps, Prompts, Wrap } from './context';
import { UsageError } from './errors';
import { execute, journalHooks } from './execute';
import { allWritten, isTerminal, terminalColumns, writeOut } from './output';
import type { Register } from './program';

/** CONNECT_NOW replaces the clock (tests, demos); anything but an ISO instant is a usage error. */
function readClock(env: Record<string, string | undefined>): Date {
  const fixed = env.CONNECT_NOW;
  if (fixed === undefined || fixed === '') return new Date();
  const now = new Date(fixed);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(fixed) || Number.isNaN(now.getTime())) {
    throw new UsageError(`CONNECT_NOW must be an ISO 8601 instant like 2026-11-26T10:00:00Z; got "${fixed}".`);
  }
  return now;
}

/**
 * The one place that touches the process: argv, env, clock, streams and the exit code. `commands` is every
 * command (dist/cli.js) or the single one a per-command bundle carries (dist/command-<name>.js).
 */
export async function run(commands: readonly Register[]): Promise<void> {
  const env = process.env;
  const stderr = { write: (text: string) => writeOut(2, text), isTTY: () => isTerminal(2) };
  const journalPath = resolveJournalPath(undefined, env);
  let now: Date;
  try {
    now = readClock(env);
  } catch (error) {
    stderr.write(`connect: ${(error as Error).message}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
    return;
  }
  const deps: Deps = {
    env,
    now,
    stdout: { write: (text) => writeOut(1, text), isTTY: () => isTerminal(1), columns: () => terminalColumns(env) },
    stderr,
    stdinIsTTY: () => isTerminal(0),
    // Inquirer is its own bundle: only runs that ask questions pay for loading it.
    loadPrompts: () => require('./prompts.js') as Prompts,
    // string-width sets up Intl.Segmenter when loaded (tens of milliseconds): only runs printing to a terminal pay.
    loadWrap: () => require('./wrap.js') as Wrap,
    journal: journalHooks(now),
  };
  process.exitCode = await execute(process.argv.slice(2), deps, commands, journalPath);
  // All is written and the journal closed: end now, rather than wait while Node takes down the whole heap piece
  // by piece (a few milliseconds on every run). 'exit' listeners still run. Output still on its way in Node's
  // stream (a full pipe) is left to drain first.
  if (allWritten()) process.exit();
}
