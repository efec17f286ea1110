import { resolve } from 'node:path';
import { UsageError } from '../errors';
import { checkBackupFor, restoreJournal } from '../db/restore';
import type { Register } from '../program';
import { keptLines, restoredLines } from '../render/restore';

export const registerRestore: Register = (program, context) => {
  program
    .command('restore')
    .argument('<backup>', 'a backup made by connect backup (or before an upgrade or a restore)')
    .description('put a backup back in place of the journal; the journal as it was is saved first')
    .option('-y, --yes', 'do not ask first')
    .addHelpText(
      'after',
      `
The backup is checked first (a connect journal, undamaged, not from a newer connect). The journal as it is now
is saved beside your backups, then the backup takes its place in one step. connect doctor lists your backups.

Examples:
  $ connect restore ~/.local/share/connect/backups/journal-2026-11-26T11-00-00+0100.db
  $ connect restore ~/Documents/connect-journal.db --yes --json`,
    )
    .action(async (backup: string, options: { yes?: boolean }) => {
      const ctx = context();
      const from = resolve(backup);
      // Checked before anything is asked: a file that cannot be restored is refused at once.
      const checked = checkBackupFor(ctx.journalPath, from);
      if (!options.yes) {
        if (!ctx.interactive) throw new UsageError(`Restoring needs a yes: connect restore "${backup}" --yes`);
        if (!(await ctx.prompts().confirmRestore(from))) return ctx.print(keptLines());
      }
      const result = await restoreJournal(ctx.journalPath, from, ctx.now, checked);
      // Opened as any write opens it: an older backup is upgraded, and what the nudge may say is worked out again.
      ctx.openWrite().refreshDerived(ctx.now);
      if (ctx.json)
        return ctx.printJson({
          path: ctx.journalPath,
          from: from,
          savedAs: result.savedAs,
          schemaVersion: result.restored.schemaVersion,
          entries: result.restored.entries,
        });
      ctx.print(restoredLines(result, from, ctx.color));
    });
};
