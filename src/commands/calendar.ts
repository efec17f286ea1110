import { asWeekStart, calendarGrid, dayKey } from '../core/calendar';
import { parseCount } from '../core/vocabulary';
import { interactionTotal } from '../db/reflection';
import { getSetting } from '../db/settings';
import type { Register } from '../program';
import { calendarLines } from '../render/charts';
import { dateJson } from '../render/json';

export const registerCalendar: Register = (program, context) => {
  program
    .command('calendar')
    .description('a calendar of your connections over recent months, one mark per day')
    .option('--months <n>', 'how many months back (1 to 12)', '4')
    .addHelpText(
      'after',
      '\nExamples:\n  $ connect calendar\n  $ connect calendar --months 12\n  $ connect calendar --json\n\nEach level has its own mark, so it reads without colour too.',
    )
    .action((options: { months: string }) => {
      const ctx = context();
      const months = parseCount(options.months, '--months', 12);
      const journal = ctx.openRead();
      const weekStart = asWeekStart(getSetting(journal?.db ?? null, 'week.start'));
      const none = { interactions: 0, minutes: 0 };
      const grid = calendarGrid((from, to) => (journal ? interactionTotal(journal.db, from, to) : none), {
        now: ctx.now,
        months,
        weekStart,
      });
      if (ctx.json) {
        return ctx.printJson({
          from: dateJson(grid.first),
          to: dateJson(grid.last),
          weekStart,
          connectedDays: grid.days.filter((d) => d.interactions > 0).length,
          interactions: grid.days.reduce((sum, d) => sum + d.interactions, 0),
          days: grid.days.map((d) => ({ date: dayKey(d.date), interactions: d.interactions, minutes: d.minutes })),
        });
      }
      ctx.print(calendarLines(grid, weekStart, ctx.color, ctx.now));
    });
};
