import { CommanderError } from 'commander';
import { readClock } from './clock';
import { showControls } from './core/control-chars';
import type { Deps } from './context';
import { backupBeforeMigrate } from './db/backup';
import { describeDatabaseError, describeFileError } from './db/errors';
import { markDamaged, type OpenOptions } from './db/journal';
import { resolveJournalPath } from './db/paths';
import { refreshNudgePlan } from './db/nudge-plan';
import { CancelledError, RuntimeError, UsageError } from './errors';
import { buildProgram, type Register } from './program';

declare const CONNECT_VERSION: string;
/** The version the build writes in; tests running the source see the package's own. */
const version = typeof CONNECT_VERSION === 'string' ? CONNECT_VERSION : 'dev';

/** What every real run does around a journal write: the nudge plan inside it, a backup first. */
export function journalHooks(now: Date): OpenOptions {
  return {
    // Every write also works out what the shell start-up nudge may say, so the nudge only looks it up.
    afterWrite: [refreshNudgePlan],
    // A copy before any upgrade, kept beside the journal (only the newest few).
    beforeMigrate: (db, path, from) => backupBeforeMigrate(db, path, from, now),
    // An upgrade may change what the nudge would say (schema 7 worked out touchpoint keeping again).
    afterMigrate: (journal) => journal.refreshDerived(now),
  };
}

function report(error: unknown, deps: Pick<Deps, 'env' | 'stderr'>, journalPath: string): number {
  // Messages quote what was typed or read: shown, never interpreted, by the terminal.
  const write = (text: string) => deps.stderr.write(showControls(text));
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help); only the exit code is ours.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof Error && error.name === 'ExitPromptError') error = new CancelledError();
  const known =
    error instanceof UsageError || error instanceof RuntimeError || error instanceof CancelledError
      ? error
      : (describeDatabaseError(error, journalPath) ?? describeFileError(error));
  const stack = deps.env.CONNECT_DEBUG === '1' && error instanceof Error ? error.stack : undefined;
  if (known) {
    write(`connect: ${known.message}\n`);
    if ('hint' in known && known.hint) write(`  ${known.hint}\n`);
    if (stack) write(`${stack}\n`);
    return known.exitCode;
  }
  write(`connect: something unexpected went wrong: ${error instanceof Error ? error.message : String(error)}\n`);
  write(stack ? `${stack}\n` : '  Run again with CONNECT_DEBUG=1 to see the details.\n');
  return 1;
}

/**
 * One run of connect: `args` are the words after `connect`. Returns the exit code; never throws and never
 * touches the process, so tests run it in-process with their own Deps.
 */
export async function execute(
  args: readonly string[],
  deps: Deps,
  commands: readonly Register[],
  fallbackJournalPath = '',
): Promise<number> {
  let context: ReturnType<typeof buildProgram>['context'] = () => undefined;
  try {
    const built = buildProgram(deps, version, commands);
    context = built.context;
    // A bare `connect` shows the help, calmly, rather than an error.
    await built.program.parseAsync(args.length > 0 ? [...args] : ['--help'], { from: 'user' });
    context()?.close();
    return 0;
  } catch (error) {
    const ctx = context();
    ctx?.discardNewJournal();
    // Once SQLite has said the journal is damaged, nothing more is written to it (see openForWriting).
    if (ctx) markDamaged(ctx.journalPath, error, deps.now);
    return report(error, deps, ctx?.journalPath ?? fallbackJournalPath);
  }
}

/** What a run is given from outside besides its arguments and environment. */
export type RunIO = Pick<Deps, 'stdout' | 'stderr' | 'stdinIsTTY' | 'loadPrompts' | 'loadWrap'>;

/**
 * A real run of connect from its arguments, environment and I/O: the clock from CONNECT_NOW, the journal's
 * hooks, then execute(). cli.ts calls it with the process's own; tests with theirs.
 */
export async function runConnect(
  args: readonly string[],
  env: Record<string, string | undefined>,
  io: RunIO,
  commands: readonly Register[],
): Promise<number> {
  const journalPath = resolveJournalPath(undefined, env);
  const now = readClock(env);
  if (!now) {
    const error = new UsageError(
      `CONNECT_NOW must be an ISO 8601 instant like 2026-11-26T10:00:00Z; got "${env.CONNECT_NOW}".`,
    );
    return report(error, { env, stderr: io.stderr }, journalPath);
  }
  return execute(args, { env, now, ...io, journal: journalHooks(now) }, commands, journalPath);
}
