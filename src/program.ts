import { Command } from 'commander';
import { registerConfig } from './commands/config';
import { registerDelete } from './commands/delete';
import { registerEdit } from './commands/edit';
import { registerHistory } from './commands/history';
import { registerLog } from './commands/log';
import { registerMood } from './commands/mood';
import { registerPeople } from './commands/people';
import { registerUndo } from './commands/undo';
import { registerWeek } from './commands/week';
import { registerPatterns } from './commands/patterns';
import { registerCalendar } from './commands/calendar';
import { registerRemind } from './commands/remind';
import { registerCheckin } from './commands/checkin';
import { registerTouchpoint } from './commands/touchpoint';
import { registerNext } from './commands/next';
import { registerNudge } from './commands/nudge';
import { registerShellInit } from './commands/shell-init';
import { registerExport } from './commands/export';
import { registerImport } from './commands/import';
import { registerBackup } from './commands/backup';
import { registerDoctor } from './commands/doctor';
import { Context, type Deps } from './context';
import { CRISIS_LINE } from './core/safety';

export type ContextFactory = () => Context;
export type Register = (program: Command, context: ContextFactory) => void;

const REGISTER: Register[] = [
  registerLog,
  registerMood,
  registerHistory,
  registerPeople,
  registerEdit,
  registerDelete,
  registerUndo,
  registerConfig,
  registerWeek,
  registerPatterns,
  registerCalendar,
  registerRemind,
  registerCheckin,
  registerTouchpoint,
  registerNext,
  registerNudge,
  registerShellInit,
  registerExport,
  registerImport,
  registerBackup,
  registerDoctor,
];

/** Builds the command line. Holds no logic: each command lives in src/commands/. */
export function buildProgram(deps: Deps, version: string): { program: Command; context: () => Context | undefined } {
  let current: Context | undefined;
  const program = new Command('connect')
    .description('A gentle journal of the connections that matter — quality over quantity, one step at a time.')
    .version(version, '-V, --version')
    .option('--db <path>', 'the journal file (default: $CONNECT_DB, then $XDG_DATA_HOME/connect/journal.db)')
    .option('--json', 'print one JSON document instead of text')
    .option('--no-color', 'plain text without colour (NO_COLOR works too)')
    .option('--no-input', 'never ask questions; a missing value is an error that names the flag')
    .showSuggestionAfterError(true)
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => deps.stdout.write(text),
      writeErr: (text) => deps.stderr.write(text),
    })
    .addHelpText(
      'after',
      `
Examples:
  $ connect log Sam --channel video --after 4     right after a call
  $ connect log                                    answer a few gentle questions
  $ connect history --person Sam
  $ connect people`,
    )
    .addHelpText('afterAll', `\n${CRISIS_LINE}`);

  program.hook('preAction', (_root, action) => {
    current = new Context(deps, action.optsWithGlobals());
  });
  const context = () => {
    if (!current) throw new Error('no context before an action');
    return current;
  };
  for (const register of REGISTER) register(program, context);
  return { program, context: () => current };
}
