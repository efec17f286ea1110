import { CommanderError } from 'commander';
import { backupBeforeMigrate } from './db/backup';
import { describeDatabaseError } from './db/errors';
import { refreshNudgePlan } from './db/nudge-plan';
import { mirrorNudgePlan } from './db/nudge-mirror';
import { resolveJournalPath } from './db/paths';
import type { Deps, Prompts } from './context';
import { CancelledError, RuntimeError, UsageError } from './errors';
import { allWritten, isTerminal, writeOut } from './output';
import { buildProgram, type Register } from './program';

declare const CONNECT_VERSION: string;

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

function report(error: unknown, env: Record<string, string | undefined>, journalPath: string): number {
  const write = (text: string) => writeOut(2, text);
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help); only the exit code is ours.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof Error && error.name === 'ExitPromptError') error = new CancelledError();
  const known =
    error instanceof UsageError || error instanceof RuntimeError || error instanceof CancelledError
      ? error
      : describeDatabaseError(error, journalPath);
  if (known) {
    write(`connect: ${known.message}\n`);
    if ('hint' in known && known.hint) write(`  ${known.hint}\n`);
    if (env.CONNECT_DEBUG === '1' && error instanceof Error) write(`${error.stack}\n`);
    return known.exitCode;
  }
  write(`connect: something unexpected went wrong: ${error instanceof Error ? error.message : String(error)}\n`);
  write(env.CONNECT_DEBUG === '1' && error instanceof Error ? `${error.stack}\n` : '  Run again with CONNECT_DEBUG=1 to see the details.\n');
  return 1;
}

/**
 * The one place that touches the process: argv, env, clock, streams and the exit code. `commands` is every
 * command (dist/cli.js) or the single one a per-command bundle carries (dist/command-<name>.js).
 */
export async function run(commands: readonly Register[]): Promise<void> {
  const env = process.env;
  let journalPath = '';
  let context: ReturnType<typeof buildProgram>['context'] = () => undefined;
  try {
    journalPath = resolveJournalPath(undefined, env);
    const now = readClock(env);
    const deps: Deps = {
      env,
      now,
      stdout: { write: (text) => writeOut(1, text), isTTY: () => isTerminal(1) },
      stderr: { write: (text) => writeOut(2, text), isTTY: () => isTerminal(2) },
      stdinIsTTY: () => isTerminal(0),
      // Inquirer is its own bundle: only runs that ask questions pay for loading it.
      loadPrompts: () => require('./prompts.js') as Prompts,
      // Every write also works out what the shell start-up nudge may say, so the nudge only looks it up.
      journal: {
        afterWrite: [refreshNudgePlan],
        // ...and, once the journal is closed, leaves that beside it so the nudge need not open SQLite.
        afterClose: [mirrorNudgePlan],
        // A copy before any upgrade, kept beside the journal (only the newest few).
        beforeMigrate: (db, path, from) => void backupBeforeMigrate(db, path, from, now),
      },
    };
    const built = buildProgram(deps, CONNECT_VERSION, commands);
    context = built.context;
    // A bare `connect` shows the help, calmly, rather than an error.
    await built.program.parseAsync(process.argv.length > 2 ? process.argv : [...process.argv, '--help']);
    context()?.close();
  } catch (error) {
    const ctx = context();
    ctx?.discardNewJournal();
    process.exitCode = report(error, env, ctx?.journalPath ?? journalPath);
  }
  // All is written and the journal closed: end now, rather than wait while Node takes down the whole heap piece
  // by piece (a few milliseconds on every run). 'exit' listeners still run. Output still on its way in Node's
  // stream (a full pipe) is left to drain first.
  if (allWritten()) process.exit();
}

