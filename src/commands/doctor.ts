import { userInfo } from 'node:os';
import { RuntimeError } from '../errors';
import { examineJournal, type DoctorReport } from '../db/doctor';
import type { Register } from '../program';

function lines(report: DoctorReport): string[] {
  const out = [`Journal: ${report.path}`];
  if (report.exists) {
    out.push(
      `  file ${report.fileMode ?? '?'} · folder ${report.folderMode ?? '?'} · ${report.bytes ?? 0} bytes · ${report.journalMode ?? '?'} mode`,
    );
    out.push(
      `  schema ${report.schemaVersion ?? '?'} (this connect knows up to ${report.supportedSchemaVersion}) · integrity ${report.integrity ?? 'not checked'}`,
    );
    if (report.counts && Object.keys(report.counts).length > 0)
      out.push(
        `  ${Object.entries(report.counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(' · ')}`,
      );
  }
  out.push(
    `Backups: ${report.backups.count === 0 ? `none yet (connect backup saves one to ${report.backups.folder})` : `${report.backups.count} in ${report.backups.folder}, newest ${report.backups.latest}`}`,
  );
  for (const note of report.notes) out.push(`Note: ${note}`);
  if (report.problems.length === 0) out.push(report.exists ? 'All is well.' : 'Nothing to fix.');
  for (const problem of report.problems)
    out.push(`Needs care (${problem.check}): ${problem.message}`, `  What to do: ${problem.fix}`);
  return out;
}

export const registerDoctor: Register = (program, context) => {
  program
    .command('doctor')
    .description('check the journal: where it is, its permissions, schema version and integrity (changes nothing)')
    .addHelpText('after', '\nExamples:\n  $ connect doctor\n  $ connect doctor --json')
    .action(() => {
      const ctx = context();
      const report = examineJournal(ctx.journalPath, currentUid());
      const ok = report.problems.length === 0;
      if (ctx.json) ctx.printJson({ ok, ...report });
      else ctx.print(lines(report));
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
