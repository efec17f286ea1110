import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors';
import { getSetting } from '../db/settings';
import { syncJournal, syncStatus } from '../db/sync';
import type { Register } from '../program';
import { syncJson, syncLines, syncStatusJson, syncStatusLines } from '../render/sync';

/** The sync folder: the one given, or sync.dir; it must be a folder that is there. */
function folderOf(given: string | undefined, stored: string): string {
  const dir = given ?? (stored === '' ? undefined : stored);
  if (dir === undefined)
    throw new UsageError(
      'connect sync needs a folder: connect sync DIR, or connect config set sync.dir DIR once.',
      'DIR is a folder an engine such as Syncthing, Dropbox or git carries between your devices.',
    );
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw new UsageError(`${dir} is not a folder; connect sync takes the path of an existing folder.`);
  return resolve(dir);
}

export const registerSync: Register = (program, context) => {
  const sync = program
    .command('sync')
    .argument('[dir]', 'the folder a sync engine carries (default: sync.dir)')
    .description('write this device’s changes to a synced folder and merge the other devices’ changes')
    .addHelpText(
      'after',
      `
Each device writes only its own files (DIR/connect/<device>/); the newer change to a row wins, and
connect undo takes a whole merge back. DIR is only as private as the engine that carries it.

Examples:
  $ connect config set sync.dir ~/Sync/connect
  $ connect sync
  $ connect sync ~/journal-repo --json
  $ connect sync status`,
    )
    .action((dir: string | undefined) => {
      const ctx = context();
      const existing = ctx.openRead();
      const root = folderOf(dir, getSetting(existing?.db ?? null, 'sync.dir'));
      const journal = ctx.openWrite();
      const outcome = syncJournal(journal, root, ctx.now, (received) => {
        const rows = Object.values(received.rows).reduce((a, b) => a + b, 0) + received.removed;
        return `sync with ${root} (${rows} ${rows === 1 ? 'change' : 'changes'} from other devices)`;
      });
      if (ctx.json) return ctx.printJson(syncJson(outcome, root));
      ctx.print(syncLines(outcome, root, ctx.color));
    });

  sync
    .command('status')
    .description('the devices seen, when each last synced, and what waits')
    .action(() => {
      const ctx = context();
      const journal = ctx.openRead();
      const stored = getSetting(journal?.db ?? null, 'sync.dir');
      const root = stored === '' ? null : folderOf(stored, stored);
      const status = journal
        ? syncStatus(journal.db, root)
        : { device: null, lastSync: null, waitingOut: 0, devices: [], waitingIn: 0 };
      if (ctx.json) return ctx.printJson(syncStatusJson(status, root));
      ctx.print(syncStatusLines(status, root, ctx.now, ctx.color));
    });
};
