import type { DoctorReport } from '../db/doctor';

/** `connect doctor`: where the journal is, how it stands, its backups, and what needs care with what to do. */
export function doctorLines(report: DoctorReport): string[] {
  const out = [`Journal: ${report.path}`];
  if (report.exists) {
    out.push(
      `  file ${report.fileMode ?? '?'} · folder ${report.folderMode ?? '?'} · ${report.bytes ?? 0} bytes · ${report.journalMode ?? '?'} mode`,
    );
    out.push(
      `  schema ${report.schemaVersion ?? '?'} (this connect knows up to ${report.supportedSchemaVersion}) · integrity ${report.integrity ?? 'not checked'}${report.integrityCheck === 'quick' ? ' (quick check; connect doctor --full also matches every index to its table)' : ''}`,
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
