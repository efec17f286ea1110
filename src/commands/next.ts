import { lastWeekSince, planNext } from '../core/next';
import type { MoodEntry } from '../core/types';
import { RHYTHM_WINDOW } from '../core/people-stats';
import { parseCount } from '../core/vocabulary';
import { listEntries, recentContacts } from '../db/entries';
import { takeHelpLine } from '../db/help-line';
import { listPeople } from '../db/people';
import { listTouchpoints } from '../db/touchpoints';
import type { Register } from '../program';
import { nextLines, suggestionJson } from '../render/next';

const DEFAULT_COUNT = 3;
/** Mood check-ins older than this say nothing about how things are now. */
const RECENT_MS = 8 * 86_400_000;

export const registerNext: Register = (program, context) => {
  program
    .command('next')
    .description('the next touchpoint or small step to make, ranked, each with its reason')
    .option('--count <n>', `how many suggestions (default ${DEFAULT_COUNT})`)
    .addHelpText('after', '\nExamples:\n  $ connect next\n  $ connect next --count 5\n  $ connect next --json')
    .action((options: { count?: string }) => {
      const ctx = context();
      const count = options.count === undefined ? DEFAULT_COUNT : parseCount(options.count, '--count', 50);
      const journal = ctx.openRead();
      const touchpoints = journal ? listTouchpoints(journal.db) : [];
      const listed = journal ? listPeople(journal.db) : [];
      const contacts = (person: { rowId: number }, since?: Date) =>
        recentContacts(journal!.db, person.rowId, { limit: RHYTHM_WINDOW, until: ctx.now, since });
      const moods = journal
        ? (listEntries(journal.db, {
            type: 'mood',
            since: new Date(ctx.now.getTime() - RECENT_MS),
            until: ctx.now,
            ascending: true,
          }) as MoodEntry[])
        : [];
      // Everyone's contacts of the past week say how things are now; the rest of a history is read only when the
      // touchpoints leave places on the list, and only for the people without a touchpoint.
      const since = lastWeekSince(ctx.now);
      const lastWeek = listed.flatMap((person) => contacts(person, since));
      const plan = planNext({ now: ctx.now, touchpoints, moods, count, lastWeek });
      const suggestions =
        plan.list ??
        plan.finish(
          listed
            .filter((person) => plan.wants(person.name))
            .map((person) => ({ name: person.name, interactions: contacts(person) })),
        );
      // next's JSON is an array of suggestions: the help line stays out of it (and is not used up by it).
      if (ctx.json) return ctx.printJson(suggestions.items.map(suggestionJson));
      const helpLine = takeHelpLine(journal, ctx.now);
      ctx.print([...nextLines(suggestions, ctx.now, ctx.color), ...(helpLine ? ['', helpLine] : [])]);
    });
};
