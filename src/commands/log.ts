import type { Command } from 'commander';
import { buildInteraction, type RawInteraction } from '../core/entry-input';
import { insertInteraction } from '../db/entries';
import { listPeople, resolveOrCreate } from '../db/people';
import type { Register } from '../program';
import { describeInteraction, interactionDetails, joinNames } from '../render/entries';
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
    .action(async (people: string[], options: Omit<RawInteraction, 'people'>) => {
      const ctx = context();
      let raw: RawInteraction = { ...options, people };
      const nothingGiven = people.length === 0 && !options.small;
      if (nothingGiven && ctx.interactive) {
        const known = ctx.openRead();
        const names = known ? listPeople(known.db).map((p) => p.name) : [];
        raw = { ...(await ctx.prompts().askInteraction(names, ctx.now)), ...definedOnly(options) };
      }
      // Everything typed is checked before the journal is opened: bad input changes nothing.
      const input = buildInteraction(raw, ctx.now);
      const journal = ctx.openWrite();
      const keeping = options.touchpoint !== false;
      const { stored, created, kept, occurrence } = journal.write(
        ctx.now,
        (result) => `logged ${describeInteraction(result.stored.entry)}`,
        () => {
          const { people: resolved, created } = resolveOrCreate(journal.db, ctx.now, input.people);
          const inserted = insertInteraction(journal.db, ctx.now, resolveTouchpointInput(journal.db, input), resolved);
          return { ...(keeping ? keepTouchpoints(journal.db, ctx.now, inserted) : { stored: inserted, kept: null, occurrence: null }), created };
        },
      );
      const entry = stored.entry;
      if (ctx.json) return ctx.printJson(entryJson(entry));
      const details = interactionDetails(entry).filter((d) => d.startsWith('mood'));
      const lines = [`Logged ${describeInteraction(entry)}${details.length ? ` — ${details.join(', ')}` : ''}.`];
      if (kept && occurrence) lines.push(keptLine(kept, occurrence, ctx.now));
      if (created.length > 0) lines.push(ctx.color.dim(`${joinNames(created)} ${created.length === 1 ? 'is' : 'are'} new to your journal.`));
      lines.push(ctx.color.dim(`id ${entry.id.slice(0, 8)} · connect undo takes it back`));
      ctx.print(lines);
    });
};

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
