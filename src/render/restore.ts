import type { ChalkInstance } from 'chalk';
import type { RestoreResult } from '../db/restore';

/** What `connect restore` says once the backup is in place, and how to take it back. */
export function restoredLines(result: RestoreResult, backupPath: string, c: ChalkInstance): string[] {
  const n = result.restored.entries;
  const lines = [`Restored your journal from ${backupPath} (${n} ${n === 1 ? 'entry' : 'entries'}).`];
  if (result.savedAs) lines.push(c.dim(`Your journal as it was is kept at ${result.savedAs}; connect restore "${result.savedAs}" brings it back.`));
  return lines;
}

export const keptLines = (): string[] => ['Kept your journal as it is.'];
