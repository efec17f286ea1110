import { resolve } from 'node:path';
import { restoreJournal } from '../db/restore';
import type { Register } from '../program';
import { restoredLines } from '../render/restore';

export const registerRestore: Register = (program, context) => {
  program
    .command('restore')
    .argument('<backup>', 'a backup made by connect backup (or before an upgrade or a restore)')
    .description('put a backup back in place of the journal; the journal as it was is saved first')
    .addHelpText(
      'after',
      `
The backup is checked first (a connect journal, undamaged, not from a newer connect). The journal as it is now
is saved beside your backups, then the backup takes its place in one step. connect doctor lists your backups.

Examples:
  $ connect restore ~/.local/share/connect/backups/journal-2026-11-26T11-00-00+0100.db
  $ connect restore ~/Documents/connect-journal.db --json`,
    )
    .action(async (backup: string) => {
      const ctx = context();
      const result = await restoreJournal(ctx.journalPath, resolve(backup), ctx.now);
      // Opened as any write opens it: an older backup is upgraded, and what the nudge may say is worked out again.
      ctx.openWrite().refreshDerived(ctx.now);
      if (ctx.json) return ctx.printJson({ path: ctx.journalPath, from: resolve(backup), savedAs: result.savedAs, schemaVersion: result.restored.schemaVersion, entries: result.restored.entries });
      ctx.print(restoredLines(result, resolve(backup), ctx.color));
    });
};
