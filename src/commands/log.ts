import type { Command } from 'commander';
import { buildInteraction, type RawInteraction } from '../core/entry-input';
import { insertInteraction } from '../db/entries';
import { findPerson, listPeople, nearPeople, resolveOrCreate } from '../db/people';
import type { Context } from '../context';
import { isNow } from '../core/when';
import { UsageError } from '../errors';
import type { Register } from '../program';
import { describeInteraction, loggedLines, nearMissMessage } from '../render/entries';
import { entryJson } from '../render/json';
import { keepTouchpoints, resolveTouchpointInput } from '../db/touchpoints';
import { keptLine } from '../render/next';

export function addInteractionFlags(command: Command): Command {
  return command
    .option('--when <when>', 'when it happened: "2 hours ago", "yesterday 6pm", 2026-11-20 (default: now)')
    .option('--channel <channel>', 'in-person, video, call, voice-message, text or online')
    .option('--activity <text>', 'a shared activity: walk, book club, exercise class, volunteering…')
    .option('--small', 'a brief, low-pressure moment (a neighbour, a coworker, a barista)')
    .option('--minutes <n>', 'how long it lasted')
    .option('--before <n>', 'mood before, 1 (very low) to 5 (very good)')
    .option('--after <n>', 'mood after, 1 to 5')
    .option('--felt <list>', 'how it felt: safe, nonjudgmental, available (comma-separated)')
    .option('--quality <n>', 'how connected it felt, 1 to 5')
    .option('--initiated <who>', 'who reached out: me, them or mutual')
    .option('--note <text>', 'a few words to remember it by')
    .option('--touchpoint <id>', 'the touchpoint this keeps (otherwise matched by its people, channel and activity)')
    .option('--no-touchpoint', 'keep no touchpoint with this one');
}

export const registerLog: Register = (program, context) => {
  addInteractionFlags(program.command('log').argument('[people...]', 'who it was with (names or aliases)'))
    .description('record a conversation or a shared moment, right after it happened')
    .addHelpText(
      'after',
      `
Examples:
  $ connect log Sam --channel video --after 4
  $ connect log Sam Alex --activity walk --before 2 --after 4 --felt safe,available
  $ connect log --small --note "chatted with the barista"
  $ connect log Mum --channel call --when "yesterday 6pm" --minutes 40
  $ connect log                      (asks a few gentle questions)`,
    )
    .option('--new', 'add a name that is close to someone already here as someone new, without asking')
    .action(async (people: string[], options: Omit<RawInteraction, 'people'> & { new?: boolean }) => {
      const ctx = context();
      const { new: addAnyway, ...flags } = options;
      let raw: RawInteraction = { ...flags, people };
      let confirmedNew: string[] = [];
      const nothingGiven = people.length === 0 && !flags.small;
      if (nothingGiven && ctx.interactive) {
        const known = ctx.openRead();
        const { confirmedNew: agreed, ...answers } = await ctx
          .prompts()
          .askInteraction(known ? listPeople(known.db, { includeArchived: true }) : [], ctx.now);
        raw = { ...answers, ...definedOnly(flags) };
        confirmedNew = agreed;
      }
      // Everything typed is checked before the journal is opened: bad input changes nothing.
      const built = buildInteraction(raw, ctx.now, undefined, { emptyIsError: true });
      const input = {
        ...built,
        people: await meantPeople(ctx, built.people, { addAnyway: Boolean(addAnyway), confirmedNew }),
      };
      const journal = ctx.openWrite();
      const keeping = options.touchpoint !== false;
      const { stored, created, kept, occurrence, archived } = journal.write(
        ctx.now,
        (result) => `logged ${describeInteraction(result.stored.entry)}`,
        () => {
          const { people: resolved, created } = resolveOrCreate(journal.db, ctx.now, input.people);
          const inserted = insertInteraction(journal.db, ctx.now, resolveTouchpointInput(journal.db, input), resolved);
          const outcome = keeping
            ? keepTouchpoints(journal.db, ctx.now, inserted)
            : { stored: inserted, kept: null, occurrence: null };
          return { ...outcome, created, archived: resolved.filter((p) => p.archived).map((p) => p.name) };
        },
      );
      if (ctx.json) return ctx.printJson(entryJson(stored.entry));
      const keptWords = kept && occurrence ? keptLine(kept, occurrence, ctx.now) : null;
      ctx.print(
        loggedLines(stored.entry, ctx.now, ctx.color, {
          echoWhen: !isNow(raw.when),
          kept: keptWords,
          created,
          archived,
        }),
      );
    });
};

/**
 * The people typed names mean. A name that is no one's but close to someone's (a typo, a surname, the start
 * of a name, someone archived) is asked about on a terminal; elsewhere it stops the run, naming who it may
 * be and --new. `confirmedNew` were already agreed to in the guided log.
 */
export async function meantPeople(
  ctx: Context,
  names: string[],
  options: { addAnyway: boolean; confirmedNew?: string[] },
): Promise<string[]> {
  if (options.addAnyway || names.length === 0) return names;
  const journal = ctx.openRead();
  if (!journal) return names;
  const meant: string[] = [];
  for (const name of names) {
    const close =
      options.confirmedNew?.includes(name) || findPerson(journal.db, name)
        ? []
        : nearPeople(journal.db, name).map((p) => p.name);
    if (close.length === 0) meant.push(name);
    else if (ctx.interactive) meant.push(await ctx.prompts().askWhichPerson(name, close));
    else throw new UsageError(...nearMissMessage(name, close));
  }
  return meant;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
