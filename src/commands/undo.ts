import { revertLastGroup } from '../db/undo';
import type { Register } from '../program';
import { instantJson } from '../render/json';

export const registerUndo: Register = (program, context) => {
  program
    .command('undo')
    .description('take back the last change (again for the one before)')
    .addHelpText('after', '\nExamples:\n  $ connect undo\n  $ connect undo --json')
    .action(() => {
      const ctx = context();
      const existing = ctx.openRead();
      const nothing = () => (ctx.json ? ctx.printJson({ undone: null }) : ctx.print('Nothing to undo.'));
      if (!existing) return nothing();
      const journal = ctx.openWrite();
      const undone = journal.db
        .transaction(() => {
          const reverted = revertLastGroup(journal.db);
          // Derived state (the nudge plan) follows the journal back.
          if (reverted) journal.refreshDerived(ctx.now);
          return reverted;
        })
        .immediate();
      if (!undone) return nothing();
      if (ctx.json)
        return ctx.printJson({
          undone: undone.label,
          at: instantJson(undone.at),
          mergedAgainAtSync: undone.mergedAgain,
        });
      ctx.print(`Took back: ${undone.label}.`);
      // A merge that went out at a sync is every device's: saying so now spares a surprise at the next sync.
      for (const { person, into } of undone.mergedAgain)
        ctx.print(
          `${person} went to your other devices merged${into === null ? '' : ` into ${into}`} at a sync, and merges travel one way: the next sync merges them again.`,
        );
    });
};
