import { UsageError } from '../errors';
import { deleteEntry, findEntry } from '../db/entries';
import { releaseTouchpoint } from '../db/touchpoints';
import type { Register } from '../program';
import { formatStamp } from '../core/dates';
import { describeInteraction } from '../render/entries';
import { entryJson } from '../render/json';
import { touchpointJson, touchpointName } from '../render/next';
import type { Entry } from '../core/types';

const describe = (entry: Entry, now: Date) =>
  `${entry.type === 'mood' ? 'the mood check-in' : describeInteraction(entry)} from ${formatStamp(entry.at, now)}`;

export const registerDelete: Register = (program, context) => {
  program
    .command('delete')
    .argument('<id>', 'the entry id, as history shows it')
    .description('delete an entry (connect undo brings it back)')
    .option('-y, --yes', 'do not ask first')
    .addHelpText('after', '\nExamples:\n  $ connect delete 3f2a9c1e\n  $ connect delete 3f2a --yes')
    .action(async (id: string, options: { yes?: boolean }) => {
      const ctx = context();
      const existing = ctx.openRead();
      if (!existing) throw new UsageError(`No entry with id ${id}; the journal is empty so far.`);
      const { entry } = findEntry(existing.db, id);
      if (!options.yes) {
        if (!ctx.interactive) throw new UsageError(`Deleting needs a yes: connect delete ${id} --yes`);
        if (!(await ctx.prompts().confirmDelete(describe(entry, ctx.now)))) return ctx.print('Kept it.');
      }
      const journal = ctx.openWrite();
      const released = journal.write(ctx.now, `deleted ${describe(entry, ctx.now)}`, () => {
        const { rowId } = findEntry(journal.db, entry.id);
        deleteEntry(journal.db, ctx.now, rowId);
        // The touchpoint it kept is open again, unless something has moved it on since.
        return releaseTouchpoint(journal.db, ctx.now, rowId);
      });
      if (ctx.json)
        return ctx.printJson({ deleted: entryJson(entry), reopened: released && touchpointJson(released, ctx.now) });
      ctx.print([
        `Deleted ${describe(entry, ctx.now)}. connect undo brings it back.`,
        ...(released ? [`That leaves your ${touchpointName(released)} open again.`] : []),
      ]);
    });
};
