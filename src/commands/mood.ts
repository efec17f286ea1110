import { buildMood, type RawMood } from '../core/entry-input';
import { insertMood } from '../db/entries';
import type { Register } from '../program';
import { isNow } from '../core/when';
import { moodNotedLines } from '../render/entries';
import { entryJson } from '../render/json';

export const registerMood: Register = (program, context) => {
  program
    .command('mood')
    .argument('[mood]', 'how you feel right now, 1 (very low) to 5 (very good)')
    .description('a mood check-in, with or without a conversation to go with it')
    .option('--energy <n>', 'energy, 1 (very low) to 5 (very good)')
    .option('--note <text>', 'a few words')
    .option('--when <when>', 'when: "this morning", "yesterday 9pm" (default: now)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ connect mood 3\n  $ connect mood 2 --energy 1 --note "long week"\n  $ connect mood --energy 4 --when "this morning"',
    )
    .action((mood: string | undefined, options: Omit<RawMood, 'mood'>) => {
      const ctx = context();
      const input = buildMood({ ...options, mood }, ctx.now);
      const journal = ctx.openWrite();
      const { entry } = journal.write(ctx.now, 'noted a mood check-in', () => insertMood(journal.db, ctx.now, input));
      if (ctx.json) return ctx.printJson(entryJson(entry));
      ctx.print(moodNotedLines(entry, !isNow(options.when), ctx.now, ctx.color));
    });
};
