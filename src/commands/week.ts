import { asWeekStart, dayKey, weekAround, weekOf } from '../core/calendar';
import { parseWhen } from '../core/when';
import { summariseWeek } from '../core/week';
import { latestCheckin, listCheckins } from '../db/checkins';
import { takeHelpLine } from '../db/help-line';
import { countOccurrencesKept, countTouchpointsDue, entriesBetween, weekSums } from '../db/reflection';
import { getSetting } from '../db/settings';
import { UsageError } from '../errors';
import type { Register } from '../program';
import { weekJson, weekLines } from '../render/week';

/** How many weeks before the chosen one it is compared with. */
const COMPARE_WEEKS = 4;

export const registerWeek: Register = (program, context) => {
  program
    .command('week')
    .description('one week: who, how, how it felt, mood through the week, touchpoints, and what stands out')
    .option('--last', 'last week instead of this one')
    .option('--of <date>', 'the week holding this day (2026-10-25, "3 weeks ago")')
    .addHelpText(
      'after',
      '\nExamples:\n  $ connect week\n  $ connect week --last\n  $ connect week --of 2026-10-25 --json\n\nWeeks start on Monday; connect config set week.start sunday changes that.',
    )
    .action((options: { last?: boolean; of?: string }) => {
      const ctx = context();
      if (options.last && options.of !== undefined) throw new UsageError('Pick one: --last or --of DATE, not both.');
      const day =
        options.of === undefined ? ctx.now : parseWhen(options.of, ctx.now, { flag: '--of', allowFuture: true });
      const journal = ctx.openRead();
      const weekStart = asWeekStart(getSetting(journal?.db ?? null, 'week.start'));
      const week = options.last ? weekAround(day, weekStart, -1) : weekOf(day, weekStart);
      const earlier = Array.from({ length: COMPARE_WEEKS }, (_, i) => weekAround(week.start, weekStart, -(i + 1)));
      // The week's check-ins, after the one before them (what the week's is compared with).
      const before = journal ? latestCheckin(journal.db, new Date(week.start.getTime() - 1)) : null;
      const checkins = journal
        ? [
            ...(before ? [before] : []),
            ...listCheckins(journal.db, { since: week.start, until: new Date(week.next.getTime() - 1) }),
          ]
        : [];
      const entries = journal ? entriesBetween(journal.db, week.start, week.next) : [];
      const none = {
        interactions: 0,
        smallMoments: 0,
        sharedActivities: 0,
        minutes: 0,
        qualitySum: 0,
        qualityCount: 0,
      };
      const summary = summariseWeek({
        week,
        entries,
        // The weeks before are only counted: their sums come from the journal, not their entries.
        previous: earlier.map((w) => ({ week: w, sums: journal ? weekSums(journal.db, w.start, w.next) : none })),
        touchpointsDue: journal
          ? countTouchpointsDue(journal.db, dayKey(week.days[0]), dayKey(week.days[6]), week.start, week.next)
          : 0,
        touchpointsKept: journal ? countOccurrencesKept(journal.db, week.start, week.next) : 0,
        now: ctx.now,
        checkins,
      });
      const helpLine = takeHelpLine(journal, ctx.now);
      if (ctx.json) return ctx.printJson({ ...weekJson(summary), helpLine });
      ctx.print([...weekLines(summary, weekStart, ctx.color, ctx.now), ...(helpLine ? ['', helpLine] : [])]);
    });
};
