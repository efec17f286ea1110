import { Command } from 'commander';
import { Context, type Deps } from './context';
import { showControls } from './core/control-chars';
import { CRISIS_LINE } from './core/safety';
import { UsageError } from './errors';
import { usageMessage, type CommandFacts } from './render/usage';

/** Every command of connect: commander's own errors become connect's usage errors (exit 2, in its voice). */
class ConnectCommand extends Command {
  override createCommand(name?: string): Command {
    return new ConnectCommand(name);
  }

  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    throw new UsageError(...usageMessage(this.facts(), message, errorOptions?.code));
  }

  private facts(): CommandFacts {
    const names: string[] = [];
    for (let command: Command | null = this; command; command = command.parent) names.unshift(command.name());
    const options: CommandFacts['options'] = [];
    for (let command: Command | null = this; command; command = command.parent) {
      for (const option of command.options)
        if (option.long && !option.hidden) options.push({ long: option.long, description: option.description });
    }
    return {
      path: names.join(' '),
      commands: this.commands.map((command) => command.name()),
      args: this.registeredArguments.map((arg) => ({ name: arg.name(), description: arg.description })),
      options,
      given: this.args,
    };
  }
}

export type ContextFactory = () => Context;
export type Register = (program: Command, context: ContextFactory) => void;

/**
 * Builds the command line with the given commands (all of them, or the one a per-command bundle carries).
 * Holds no logic: each command lives in src/commands/.
 */
export function buildProgram(
  deps: Deps,
  version: string,
  commands: readonly Register[],
): { program: Command; context: () => Context | undefined } {
  let current: Context | undefined;
  const program = new ConnectCommand('connect')
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
      // Commander quotes what was typed (an unknown option): shown, never interpreted.
      writeErr: (text) => deps.stderr.write(showControls(text)),
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
  for (const register of commands) register(program, context);
  return { program, context: () => current };
}
