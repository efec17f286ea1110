import { buildInteraction, buildMood, parsePeople, type RawInteraction, type RawMood } from '../core/entry-input';
import { UsageError } from '../errors';
import { findEntry, updateInteraction, updateMood } from '../db/entries';
import { resolveOrCreate } from '../db/people';
import type { Register } from '../program';
import { historyLines } from '../render/entries';
import { entryJson } from '../render/json';
import { keepTouchpoints, keptByName, resolveTouchpointInput, unlinkTouchpoint } from '../db/touchpoints';
import { addInteractionFlags, meantPeople } from './log';

type EditOptions = Omit<RawInteraction, 'people'> &
  Omit<RawMood, 'when' | 'note'> & { people?: string; noSmall?: boolean };

const INTERACTION_ONLY = [
  'people',
  'channel',
  'activity',
  'small',
  'minutes',
  'before',
  'after',
  'felt',
  'quality',
  'initiated',
  'touchpoint',
] as const;

export const registerEdit: Register = (program, context) => {
  addInteractionFlags(program.command('edit').argument('<id>', 'the entry id, as history shows it'))
    .description('change an entry; only the flags given change, and "" or none clears a value')
    .option('--people <names>', 'who it was with, comma-separated (replaces the list)')
    .option('--not-small', 'it was not a small moment after all')
    .option('--mood <n>', 'for a mood check-in: the mood, 1 to 5')
    .option('--energy <n>', 'for a mood check-in: the energy, 1 to 5')
    .option('--new', 'add a name in --people that is close to someone already here as someone new')
    .addHelpText(
      'after',
      '\nExamples:\n  $ connect edit 3f2a9c1e --after 5\n  $ connect edit 3f2a --people "Sam, Alex" --note ""\n  $ connect edit 9b01 --mood 4 --energy 3',
    )
    .action(async (id: string, options: EditOptions & { notSmall?: boolean; new?: boolean }) => {
      const ctx = context();
      const journal = ctx.openRead();
      if (!journal) throw new UsageError(`No entry with id ${id}; the journal is empty so far.`);
      // Who --people means is settled before anything changes: a name close to someone's is asked about.
      if (options.people !== undefined)
        options.people = (
          await meantPeople(ctx, parsePeople([options.people]), { addAnyway: Boolean(options.new) })
        ).join(', ');
      // The journal opened to find names serves for the write too: the schema is read once.
      const writable = ctx.openWrite();
      const stored = writable.write(ctx.now, `edited an entry`, () => {
        const found = findEntry(writable.db, id);
        if (found.entry.type === 'mood') {
          const misplaced = INTERACTION_ONLY.filter((key) => options[key as keyof EditOptions] !== undefined);
          if (misplaced.length > 0) {
            throw new UsageError(
              `${id} is a mood check-in; it takes --mood, --energy, --note and --when, not --${misplaced[0]}.`,
            );
          }
          return updateMood(
            writable.db,
            ctx.now,
            found.rowId,
            buildMood(
              { mood: options.mood, energy: options.energy, note: options.note, when: options.when },
              ctx.now,
              found.entry,
            ),
          );
        }
        if (options.mood !== undefined || options.energy !== undefined) {
          throw new UsageError(`${id} is an interaction; use --before and --after for its mood.`);
        }
        const raw: RawInteraction = {
          ...options,
          people: options.people === undefined ? undefined : [options.people],
          small: options.notSmall ? false : options.small,
        };
        const input = buildInteraction(raw, ctx.now, found.entry);
        const { people } = resolveOrCreate(writable.db, ctx.now, input.people);
        // --touchpoint given (an id, "" or --no-touchpoint): what it kept before is open again, as a delete would leave it.
        // So too when who, when or how changes on an entry that kept one by matching (not by name): it is matched afresh.
        const relinking = options.touchpoint !== undefined;
        const reshaped = [options.people, options.when, options.channel, options.activity].some((v) => v !== undefined);
        const linked = found.entry.touchpointId !== null;
        const rematching = !relinking && linked && reshaped && !keptByName(writable.db, found.rowId);
        if ((relinking || rematching) && linked) unlinkTouchpoint(writable.db, ctx.now, found.rowId);
        const resolved = relinking
          ? resolveTouchpointInput(writable.db, input)
          : rematching
            ? { ...input, touchpointId: null }
            : input;
        const updated = updateInteraction(writable.db, ctx.now, found.rowId, resolved, people);
        // Only a newly linked entry keeps a touchpoint: naming one, or changing who, when or how on one that kept
        // none by name. Editing a note keeps nothing (and an entry logged with --no-touchpoint stays unlinked).
        const linking =
          options.touchpoint !== false &&
          (relinking ? input.touchpointId !== null : (!linked || rematching) && reshaped);
        return linking ? keepTouchpoints(writable.db, ctx.now, updated).stored : updated;
      });
      if (ctx.json) return ctx.printJson(entryJson(stored.entry));
      ctx.print(['Updated:', ...historyLines(stored.entry, ctx.now, ctx.color)]);
    });
};
