import {
  CHECKIN_CHOICES,
  CHECKIN_ITEMS,
  checkAnswers,
  compareWithPrevious,
  describeScore,
  parseAnswers,
  type CheckinAnswers,
} from '../core/checkin';
import { insertCheckin, latestCheckin, listCheckins } from '../db/checkins';
import { UsageError } from '../errors';
import { checkinHistoryLines, checkinJson, checkinSavedLines } from '../render/checkins';
import type { Register } from '../program';
import { relativeDay } from '../render/entries';
import { instantJson } from '../render/json';

export const registerCheckin: Register = (program, context) => {
  program
    .command('checkin')
    .description('the three-item loneliness check-in, kept over time so you can see how it moves')
    .option('--answers <a,b,c>', 'the three answers: 1 hardly ever or never, 2 some of the time, 3 often')
    .option('--history', 'every check-in so far, with a small chart (nothing is asked or kept)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ connect checkin                  (asks the three questions)\n  $ connect checkin --answers 2,1,2\n  $ connect checkin --answers 1,1,2 --json\n  $ connect checkin --history',
    )
    .action(async (options: { answers?: string; history?: boolean }) => {
      const ctx = context();
      if (options.history) {
        if (options.answers !== undefined)
          throw new UsageError('--history shows the check-ins so far; --answers adds one. Give one of them.');
        const journal = ctx.openRead();
        const checkins = journal ? listCheckins(journal.db) : [];
        if (ctx.json) return ctx.printJson(checkins.map(checkinJson));
        return ctx.print(checkinHistoryLines(checkins, ctx.now, ctx.color));
      }
      let answers: CheckinAnswers;
      if (options.answers !== undefined) answers = parseAnswers(options.answers);
      else {
        ctx.requireInteractive(
          'pass --answers A,B,C, each 1 (hardly ever or never), 2 (some of the time) or 3 (often).',
        );
        answers = checkAnswers(await ctx.prompts().askCheckin(CHECKIN_ITEMS, CHECKIN_CHOICES));
      }
      const journal = ctx.openWrite();
      const { checkin, previous } = journal.write(ctx.now, 'noted a loneliness check-in', () => {
        const previous = latestCheckin(journal.db, ctx.now);
        return { checkin: insertCheckin(journal.db, ctx.now, answers), previous };
      });
      if (ctx.json) {
        return ctx.printJson({
          ...checkinJson(checkin),
          previous: previous ? { at: instantJson(previous.at), score: previous.score } : null,
        });
      }
      const comparison = compareWithPrevious(
        checkin.score,
        previous ? { score: previous.score, when: relativeDay(previous.at, ctx.now) } : null,
      );
      ctx.print(checkinSavedLines(describeScore(checkin.score), comparison, ctx.color));
    });
};
