import { parseWhen } from '../core/when';
import { UsageError } from '../errors';
import { parseChannel, parseCount } from '../core/vocabulary';
import { countEntries, listEntries } from '../db/entries';
import { requirePerson } from '../db/people';
import type { Register } from '../program';
import { historyLines, moreLine } from '../render/entries';
import { entryJson } from '../render/json';

interface HistoryOptions {
  person?: string;
  since?: string;
  until?: string;
  channel?: string;
  limit?: string;
  all?: boolean;
}

/** Text shows this many unless asked for more; --json gives everything unless --limit is given. */
const TEXT_LIMIT = 20;

/** How far history counts what it does not show (a million-row journal must not wait for the count). */
const COUNT_UP_TO = 10_000;

export const registerHistory: Register = (program, context) => {
  program
    .command('history')
    .description('your entries, newest first')
    .option('--person <name>', 'only entries with this person')
    .option('--since <when>', 'from this day or time on ("last month", 2026-10-01)')
    .option('--until <when>', 'up to this day or time')
    .option('--channel <channel>', 'only this channel')
    .option('--limit <n>', `at most this many entries (text shows ${TEXT_LIMIT} unless told; --json all)`)
    .option('--all', 'every entry that matches')
    .addHelpText(
      'after',
      '\nExamples:\n  $ connect history\n  $ connect history --person Sam --since "last month"\n  $ connect history --channel video --limit 5 --json',
    )
    .action((options: HistoryOptions) => {
      const ctx = context();
      const filter = {
        since:
          options.since === undefined
            ? undefined
            : parseWhen(options.since, ctx.now, { flag: '--since', reading: 'start', allowFuture: true }),
        until:
          options.until === undefined
            ? undefined
            : parseWhen(options.until, ctx.now, { flag: '--until', reading: 'end', allowFuture: true }),
        channel: options.channel === undefined ? undefined : parseChannel(options.channel),
      };
      if (options.all && options.limit !== undefined)
        throw new UsageError('--all and --limit ask for different things; give one of them.');
      const limit =
        options.limit !== undefined
          ? parseCount(options.limit, '--limit', 1_000_000)
          : options.all || ctx.json
            ? undefined
            : TEXT_LIMIT;
      const journal = ctx.openRead();
      const personRowId =
        journal && options.person !== undefined ? requirePerson(journal.db, options.person).rowId : undefined;
      if (!journal && options.person !== undefined) {
        throw new UsageError(`No one called "${options.person}" in the journal yet.`, 'connect log NAME adds them.');
      }
      const entries = journal ? listEntries(journal.db, { ...filter, personRowId, limit }) : [];
      if (ctx.json) return ctx.printJson(entries.map(entryJson));
      if (entries.length === 0) {
        return ctx.print(
          journal
            ? 'Nothing here for those filters.'
            : [
                'Your journal is empty so far.',
                'Right after your next conversation: connect log NAME (or just connect log).',
              ],
        );
      }
      const total =
        journal && limit !== undefined && entries.length === limit
          ? countEntries(journal.db, { ...filter, personRowId }, COUNT_UP_TO)
          : entries.length;
      ctx.print([
        ...entries.flatMap((entry) => historyLines(entry, ctx.now, ctx.color)),
        ...moreLine(entries.length, total, ctx.color, COUNT_UP_TO),
      ]);
    });
};
