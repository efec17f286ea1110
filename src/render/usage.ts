// Commander's own mistakes-in-typing (an unknown command or flag, a missing value), said in connect's voice:
// what was wrong, the valid choices, and a "did you mean" when one is close.
import { isNearMiss } from '../core/people-match';
import { joinNames } from './entries';

export interface CommandFacts {
  /** "connect", "connect people". */
  path: string;
  /** Its subcommands. */
  commands: string[];
  args: { name: string; description: string }[];
  options: { long: string; description: string }[];
  /** The words it was given (for "too many"). */
  given: string[];
}

const quoted = (message: string, pattern: RegExp) => pattern.exec(message)?.[1] ?? '';

/** "did you mean week?" from commander's own suggestion, or from the close ones among `choices`. */
function didYouMean(message: string, typed: string, choices: string[]): string {
  const suggested = /\(Did you mean (.+?)\?\)/.exec(message)?.[1];
  const close = suggested
    ? [suggested]
    : choices.filter((choice) => isNearMiss(typed, choice) || choice.startsWith(typed));
  return close.length ? ` — did you mean ${joinNames(close.slice(0, 3), 'or')}?` : '.';
}

/** The message and hint for a commander error `code`; commander's own message is read for the names in it. */
export function usageMessage(facts: CommandFacts, message: string, code: string | undefined): [string, string] {
  const help = `${facts.path} --help shows what it takes, with examples.`;
  const commandList = facts.commands.length ? `The commands: ${facts.commands.join(', ')}.` : help;
  switch (code) {
    case 'commander.unknownCommand': {
      const typed = quoted(message, /unknown command '(.+?)'/);
      return [`${facts.path} has no command "${typed}"${didYouMean(message, typed, facts.commands)}`, commandList];
    }
    case 'commander.unknownOption': {
      const flag = quoted(message, /unknown option '(.+?)'/);
      return [
        `${facts.path} has no option ${flag}${didYouMean(
          message,
          flag,
          facts.options.map((o) => o.long),
        )}`,
        help,
      ];
    }
    case 'commander.missingArgument': {
      const name = quoted(message, /missing required argument '(.+?)'/);
      const arg = facts.args.find((a) => a.name === name);
      return [`${facts.path} needs <${name}>${arg?.description ? `: ${arg.description}` : ''}.`, help];
    }
    case 'commander.optionMissingArgument': {
      const flag = quoted(message, /option '(\S+)/).replace(/,$/, '');
      const option = facts.options.find((o) => flag.split(/[ ,]+/).includes(o.long) || o.long === flag);
      return [`${option?.long ?? flag} needs a value${option ? `: ${option.description}` : ''}.`, help];
    }
    case 'commander.excessArguments': {
      const extra = facts.given.slice(facts.args.length);
      const typed = extra[0] ?? '';
      if (facts.commands.length)
        return [`${facts.path} has no command "${typed}"${didYouMean('', typed, facts.commands)}`, commandList];
      const takes =
        facts.args.length === 0 ? 'takes no words after it' : `takes ${facts.args.map((a) => `<${a.name}>`).join(' ')}`;
      return [
        `${facts.path} ${takes}; "${extra.join(' ')}" is more than it expects.`,
        `Quote a value with spaces, like --note "a long walk". ${help}`,
      ];
    }
    default: {
      const text = message.replace(/^error: /, '').trim();
      return [`${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.?]$/.test(text) ? '' : '.'}`, help];
    }
  }
}
