import { parseShell } from '../core/vocabulary';
import { SHELLS } from '../core/types';
import { RC_FILES, shellSnippet } from '../nudge/shell-snippets';
import type { Register } from '../program';

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
      const shell = parseShell(typed, 'shell-init');
      const snippet = shellSnippet(shell);
      if (ctx.json) return ctx.printJson({ shell, file: RC_FILES[shell], snippet });
      ctx.print(snippet);
    });
};
