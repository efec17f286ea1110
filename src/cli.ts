import { resolveJournalPath } from './db/paths';
import type { Deps, Prompts } from './context';
import { readClock } from './clock';
import { execute, journalHooks } from './execute';
import { allWritten, isTerminal, writeOut } from './output';
import type { Register } from './program';

/**
 * The one place that touches the process: argv, env, clock, streams and the exit code. `commands` is every
 * command (dist/cli.js) or the single one a per-command bundle carries (dist/command-<name>.js).
 */
export async function run(commands: readonly Register[]): Promise<void> {
  const env = process.env;
  const stderr = { write: (text: string) => writeOut(2, text), isTTY: () => isTerminal(2) };
  const journalPath = resolveJournalPath(undefined, env);
  const now = readClock(env);
  if (!now) {
    stderr.write(`connect: CONNECT_NOW must be an ISO 8601 instant like 2026-11-26T10:00:00Z; got "${env.CONNECT_NOW}".\n`);
    process.exitCode = 2;
    return;
  }
  const deps: Deps = {
    env,
    now,
    stdout: { write: (text) => writeOut(1, text), isTTY: () => isTerminal(1) },
    stderr,
    stdinIsTTY: () => isTerminal(0),
    // Inquirer is its own bundle: only runs that ask questions pay for loading it.
    loadPrompts: () => require('./prompts.js') as Prompts,
    journal: journalHooks(now),
  };
  process.exitCode = await execute(process.argv.slice(2), deps, commands, journalPath);
  // All is written and the journal closed: end now, rather than wait while Node takes down the whole heap piece
  // by piece (a few milliseconds on every run). 'exit' listeners still run. Output still on its way in Node's
  // stream (a full pipe) is left to drain first.
  if (allWritten()) process.exit();
}
