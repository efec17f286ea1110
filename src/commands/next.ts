import { lastWeekSince, planNext, touchpointsLeaveRoom, weighed } from '../core/next';
import { RHYTHM_WINDOW, type Contact } from '../core/people-stats';
import type { MoodEntry } from '../core/types';
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
      // Everyone's contacts of the past week say how things are now. The rest of a history is read only when the
      // touchpoints leave places on the list, and only for the people without a touchpoint; when they surely will,
      // those histories are read first, and their past weeks are taken from them rather than read apart (the latest
      // RHYTHM_WINDOW contacts hold every one of the past week's, or that week's latest RHYTHM_WINDOW).
      const since = lastWeekSince(ctx.now);
      const wanted = weighed(touchpoints);
      const histories = new Map<number, Contact[]>();
      if (touchpointsLeaveRoom(touchpoints, count))
        for (const person of listed) if (wanted(person.name)) histories.set(person.rowId, contacts(person));
      const lastWeek = listed.flatMap((person) => {
        const history = histories.get(person.rowId);
        return history ? history.filter((e) => e.at.getTime() >= since.getTime()) : contacts(person, since);
      });
      const plan = planNext({ now: ctx.now, touchpoints, moods, count, lastWeek });
      const suggestions =
        plan.list ??
        plan.finish(
          listed
            .filter((person) => wanted(person.name))
            .map((person) => ({ name: person.name, interactions: histories.get(person.rowId) ?? contacts(person) })),
        );
      // next's JSON is an array of suggestions: the help line stays out of it (and is not used up by it).
      if (ctx.json) return ctx.printJson(suggestions.items.map(suggestionJson));
      const helpLine = takeHelpLine(journal, ctx.now);
      ctx.print([...nextLines(suggestions, ctx.now, ctx.color), ...(helpLine ? ['', helpLine] : [])]);
    });
};
