import { userInfo } from 'node:os';
import { RuntimeError } from '../errors';
import { examineJournal } from '../db/doctor';
import type { Register } from '../program';
import { doctorLines } from '../render/doctor';

export const registerDoctor: Register = (program, context) => {
  program
    .command('doctor')
    .description('check the journal: where it is, its permissions, schema version and integrity (changes nothing)')
    .option('--full', 'the full integrity check, whatever the size (a journal over 64 MB gets the quick one)')
    .addHelpText('after', '\nExamples:\n  $ connect doctor\n  $ connect doctor --full\n  $ connect doctor --json')
    .action((options: { full?: boolean }) => {
      const ctx = context();
      const report = examineJournal(ctx.journalPath, currentUid(), { full: options.full });
      const ok = report.problems.length === 0;
      if (ctx.json) ctx.printJson({ ok, ...report });
      else ctx.print(doctorLines(report));
      // The report is out; the exit code says that something needs care.
      if (!ok)
        throw new RuntimeError(
          `${report.problems.length === 1 ? 'One thing needs' : `${report.problems.length} things need`} care; what to do is above.`,
        );
    });
};

function currentUid(): number | null {
  const uid = userInfo().uid;
  return uid >= 0 ? uid : null;
}
