import { Option } from 'commander';
import { completionNames } from '../db/completion-names';
import { UsageError } from '../errors';
import { parseShell } from '../core/vocabulary';
import { SHELLS } from '../core/types';
import type { Register } from '../program';
import { COMPLETION_BEGIN, COMPLETION_END, completionScript, completionTree } from '../render/completion';

const KINDS = ['people', 'touchpoints'] as const;

export const registerCompletion: Register = (program, context) => {
  program
    .command('completion')
    .description('print a Tab-completion script for bash, zsh or fish (add it to your shell start-up file)')
    .argument('[shell]', SHELLS.join(', '))
    // For the script itself, at each Tab: people or touchpoints from the journal, one a line.
    .addOption(new Option('--names <kind>').hideHelp())
    .addHelpText(
      'after',
      `
It completes commands, flags, their values, people’s names and touchpoint ids (with their titles in zsh and fish).
The script sits between "${COMPLETION_BEGIN.slice(2)}" and "${COMPLETION_END.slice(2)}" comments: to remove it, delete that block.

Examples:
  $ connect completion bash >> ~/.bashrc
  $ connect completion zsh >> ~/.zshrc
  $ connect completion fish >> ~/.config/fish/config.fish`,
    )
    .action((typed: string | undefined, options: { names?: string }) => {
      const ctx = context();
      if (options.names !== undefined) {
        const kind = KINDS.find((k) => k === options.names);
        if (!kind) throw new UsageError(`--names takes people or touchpoints; got "${options.names}".`);
        // Tab must never create a journal or say anything when there is none.
        const journal = ctx.openRead();
        const names = journal ? completionNames(journal.db, kind) : [];
        if (names.length > 0) ctx.print(names);
        return;
      }
      const shell = parseShell(typed, 'completion');
      // The script is generated from the whole command tree: dist/entry.js sends this run to the full command
      // line (dist/cli.js), so `program` holds every command.
      const script = completionScript(shell, completionTree(program));
      if (ctx.json) return ctx.printJson({ shell, script });
      ctx.print(script);
    });
};
