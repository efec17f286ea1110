import { nudge } from '../nudge/run';
import type { Register } from '../program';

/**
 * `connect nudge` reached through the full command line (`connect --db X nudge`, `connect help nudge`).
 * The usual `connect nudge` at shell start never gets here: bin → dist/entry.js sends it to dist/nudge.js.
 */
export const registerNudge: Register = (program, context) => {
  program
    .command('nudge')
    .description('one gentle line for the start of a shell, at most once per nudge.every (see shell-init)')
    .option('--force', 'speak even if it already has this time round')
    .addHelpText(
      'after',
      `
It says, first that applies: a touchpoint due today or whose day has passed; someone time with whom
tends to feel good and whom it has been a little while since; otherwise one of the gentle reminders.
It never asks, never complains and never creates a journal; problems show in connect doctor.

Examples:
  $ connect nudge
  $ connect nudge --force
  $ connect config set nudge.every "12 hours"`,
    )
    .action((options: { force?: boolean }) => {
      const ctx = context();
      const said = nudge({ journalPath: ctx.journalPath, now: ctx.now, force: Boolean(options.force) });
      if (ctx.json) return ctx.printJson({ kind: said?.kind ?? null, text: said?.text ?? null });
      if (said) ctx.print(said.text);
    });
};
