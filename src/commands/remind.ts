import { CLOSING_LINES, REMINDERS, reminderForDay } from '../core/reminders';
import { CRISIS_LINE } from '../core/safety';
import { takeHelpLine } from '../db/help-line';
import type { Register } from '../program';
import { dateJson } from '../render/json';
import { remindLines } from '../render/reminders';

export const registerRemind: Register = (program, context) => {
  program
    .command('remind')
    .description('one of the post’s gentle reminders about connection (a different one each day)')
    .option('--all', 'all of them, with the closing lines')
    .addHelpText('after', '\nExamples:\n  $ connect remind\n  $ connect remind --all\n  $ connect remind --json')
    .action((options: { all?: boolean }) => {
      const ctx = context();
      const all = Boolean(options.all);
      const today = reminderForDay(ctx.now);
      const helpLine = takeHelpLine(ctx.openRead(), ctx.now);
      if (ctx.json) {
        return ctx.printJson({
          date: dateJson(ctx.now),
          reminder: today,
          reminders: all ? REMINDERS : [today],
          closingLines: all ? CLOSING_LINES : [],
          crisisLine: all ? CRISIS_LINE : null,
          helpLine,
        });
      }
      ctx.print(remindLines(today, all, helpLine, ctx.color));
    });
};
