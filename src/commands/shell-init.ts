import { UsageError } from '../errors';
import { RC_FILES, SHELLS, shellSnippet, type Shell } from '../nudge/shell-snippets';
import type { Register } from '../program';

function readShell(typed: string): Shell {
  const shell = typed.trim().toLowerCase();
  if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`shell-init takes one of ${SHELLS.join(', ')}; got "${typed}".`, 'For example: connect shell-init bash >> ~/.bashrc');
  return shell as Shell;
}

export const registerShellInit: Register = (program, context) => {
  program
    .command('shell-init')
    .description('print the lines that show the nudge when a shell starts (add them to your shell start-up file)')
    .argument('<shell>', SHELLS.join(', '))
    .addHelpText(
      'after',
      `
The lines sit between "${'>>>'} connect shell-init" and "${'<<<'} connect shell-init" comments: to remove them,
delete that block. Once the nudge has spoken, the shells after it start no extra process at all.

Examples:
  $ connect shell-init bash >> ${RC_FILES.bash}
  $ connect shell-init zsh >> ${RC_FILES.zsh}
  $ connect shell-init fish >> ${RC_FILES.fish}`,
    )
    .action((typed: string) => {
      const ctx = context();
      const shell = readShell(typed);
      const snippet = shellSnippet(shell);
      if (ctx.json) return ctx.printJson({ shell, file: RC_FILES[shell], snippet });
      ctx.print(snippet);
    });
};
