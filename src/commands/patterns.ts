import { NO_ENTRIES, patternsFrom } from '../core/patterns';
import { parseWhen } from '../core/when';
import { listCheckins } from '../db/checkins';
import { patternSource } from '../db/summaries';
import type { Register } from '../program';
import { patternsJson, patternsLines } from '../render/patterns';

export const registerPatterns: Register = (program, context) => {
  program
    .command('patterns')
    .description('which people, channels, shared activities and small moments tend to go with feeling better')
    .option('--since <when>', 'only entries from this day on ("3 months ago", 2026-09-01)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ connect patterns\n  $ connect patterns --since "3 months ago"\n  $ connect patterns --json\n\nEach pattern shows how many entries it rests on; under 5, nothing is said.',
    )
    .action((options: { since?: string }) => {
      const ctx = context();
      const since =
        options.since === undefined
          ? null
          : parseWhen(options.since, ctx.now, { flag: '--since', reading: 'start', allowFuture: true });
      const journal = ctx.openRead();
      // From the summary tables the writes keep current (db/summaries.ts); core/patterns findPatterns is the same
      // computation over the entries themselves.
      const source = journal ? patternSource(journal.db, since, ctx.now) : NO_ENTRIES;
      const checkins = journal ? listCheckins(journal.db, { since: since ?? undefined }) : [];
      const result = patternsFrom(source, { since, now: ctx.now, checkins });
      if (ctx.json) return ctx.printJson(patternsJson(result));
      ctx.print(patternsLines(result, ctx.color, ctx.now));
    });
};
