import type { ChalkInstance } from 'chalk';
import type { RestoreResult } from '../db/restore';

/** What `connect backup` says once the copy is made and checked. */
export function backupSavedLines(path: string, bytes: number, c: ChalkInstance): string[] {
  const size =
    bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return [
    `Saved a copy of your journal to ${path} (${size}, readable by you only).`,
    c.dim(`To bring it back: connect restore "${path}"`),
  ];
}

/** What `connect restore` says once the backup is in place, and how to take it back. */
export function restoredLines(result: RestoreResult, backupPath: string, c: ChalkInstance): string[] {
  const n = result.restored.entries;
  const lines = [`Restored your journal from ${backupPath} (${n} ${n === 1 ? 'entry' : 'entries'}).`];
  if (result.savedAs)
    lines.push(
      c.dim(`Your journal as it was is kept at ${result.savedAs}; connect restore "${result.savedAs}" brings it back.`),
    );
  return lines;
}

export const keptLines = (): string[] => ['Kept your journal as it is.'];
