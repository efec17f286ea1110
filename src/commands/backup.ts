import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { RuntimeError } from '../errors';
import { backupJournal, backupFolder, newBackupPath } from '../db/backup';
import { refuseJournalFiles } from '../db/files';
import type { Register } from '../program';
import { instantJson } from '../render/json';
import { backupSavedLines } from '../render/restore';

export const registerBackup: Register = (program, context) => {
  program
    .command('backup')
    .argument('[file]', 'where to save the copy (default: a dated file in the backups folder beside the journal)')
    .description('save a consistent copy of the journal, even while it is in use')
    .addHelpText(
      'after',
      `
Backups are private (0600). Without FILE they go to a "backups" folder beside the journal.

Examples:
  $ connect backup
  $ connect backup ~/Documents/connect-journal.db`,
    )
    .action(async (file: string | undefined) => {
      const ctx = context();
      const journal = ctx.openRead({ whole: true });
      if (!journal) {
        throw new RuntimeError(
          `There is no journal at ${ctx.journalPath} yet, so there is nothing to back up.`,
          'It is created by the first connect log or connect mood.',
        );
      }
      let target = file === undefined ? newBackupPath(journal.path, ctx.now) : resolve(file);
      if (file !== undefined && existsSync(target) && statSync(target).isDirectory())
        target = join(target, basename(newBackupPath(journal.path, ctx.now)));
      refuseJournalFiles(target, journal.path, 'connect backup');
      const result = await backupJournal(journal.db, target);
      if (ctx.json)
        return ctx.printJson({
          path: result.path,
          bytes: result.bytes,
          at: instantJson(ctx.now),
          folder: backupFolder(journal.path),
        });
      ctx.print(backupSavedLines(result.path, result.bytes, ctx.color));
    });
};
