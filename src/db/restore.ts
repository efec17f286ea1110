import type Database from 'better-sqlite3';
import {
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors';
import { backupFolder, stamp } from './backup';
import { createPrivateFile, ensurePrivateFolder, refuseJournalFiles } from './files';
import { APPLICATION_ID, connect, damageMarkPath, journalFile, SCHEMA_VERSION } from './journal';

const open = connect;

export interface BackupCheck {
  schemaVersion: number;
  entries: number;
}

/** Opens a backup read-only and checks it through: a connect journal, not newer than this connect, undamaged. */
export function checkBackup(path: string): BackupCheck {
  let kind: 'missing' | 'file';
  try {
    kind = journalFile(path);
  } catch (error) {
    throw new UsageError(
      `Cannot restore from ${path}: ${(error as Error).message}`,
      'connect doctor lists your backups.',
    );
  }
  if (kind === 'missing') throw new UsageError(`There is no file at ${path}.`, 'connect doctor lists your backups.');
  let db: Database.Database;
  try {
    db = open(path, true);
  } catch (error) {
    throw new UsageError(
      `${path} could not be opened as a journal (${(error as Error).message}); nothing was changed.`,
    );
  }
  try {
    const check = (() => {
      try {
        return String(db.pragma('quick_check', { simple: true }));
      } catch (error) {
        return (error as Error).message;
      }
    })();
    if (check === 'file is not a database')
      throw new UsageError(
        `${path} is not an SQLite file, so it is not a backup of a journal; nothing was changed.`,
        'connect import reads exports (JSON); connect restore takes a .db backup.',
      );
    if (check !== 'ok')
      throw new UsageError(
        `${path} is damaged too (${check.slice(0, 200)}); nothing was changed.`,
        'Pick an older backup: connect doctor lists them.',
      );
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (applicationId !== APPLICATION_ID || schemaVersion === 0)
      throw new UsageError(`${path} is an SQLite file but not a connect journal; nothing was changed.`);
    if (schemaVersion > SCHEMA_VERSION) {
      throw new UsageError(
        `${path} was written by a newer connect (schema ${schemaVersion}; this one knows up to ${SCHEMA_VERSION}); nothing was changed.`,
        'Update connect, then restore it.',
      );
    }
    const entries = db.prepare('SELECT count(*) FROM entries WHERE deleted_at IS NULL').pluck().get() as number;
    return { schemaVersion, entries };
  } finally {
    db.close();
  }
}

/** A backup about to take the journal's place: never one of the journal's own files, and checked through. */
export function checkBackupFor(journalPath: string, backupPath: string): BackupCheck {
  refuseJournalFiles(backupPath, journalPath, 'connect restore');
  return checkBackup(backupPath);
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Saves the journal as it is now, beside its backups, before it is replaced: through SQLite when it can still
 * be read, or byte for byte (with its -wal) when it is damaged. Returns the copy's path.
 */
async function saveCurrent(journalPath: string, now: Date): Promise<string> {
  const folder = backupFolder(journalPath);
  ensurePrivateFolder(folder);
  const stem = basename(journalPath).replace(/\.(db|sqlite3?)$/i, '') || 'journal';
  let target = join(folder, `${stem}-before-restore-${stamp(now)}.db`);
  for (let n = 2; existsSync(target); n += 1) target = join(folder, `${stem}-before-restore-${stamp(now)}-${n}.db`);
  let db: Database.Database | null = null;
  try {
    db = open(journalPath, false);
    if (db.pragma('quick_check', { simple: true }) !== 'ok') throw new Error('damaged');
    createPrivateFile(target);
    await db.backup(target);
    const copy = open(target, false);
    copy.pragma('journal_mode = DELETE');
    copy.close();
  } catch {
    // Damaged: keep every byte as it is, the -wal beside it, so nothing that could still be rescued is lost.
    rmSync(target, { force: true });
    for (const suffix of ['', '-wal']) {
      if (!existsSync(journalPath + suffix)) continue;
      copyFileSync(journalPath + suffix, target + suffix, constants.COPYFILE_EXCL);
      chmodSync(target + suffix, 0o600);
    }
  } finally {
    db?.close();
  }
  chmodSync(target, 0o600);
  return target;
}

export interface RestoreResult {
  /** Where the journal as it was is now kept (null when there was none). */
  savedAs: string | null;
  restored: BackupCheck;
}

/**
 * Puts a checked backup in the journal's place: the current journal is saved first, the backup is copied in
 * beside it under a temporary name and renamed over it in one step, so the journal is always either the old
 * one or the new one. Restoring the saved copy takes it back.
 */
export async function restoreJournal(
  journalPath: string,
  backupPath: string,
  now: Date,
  checked?: BackupCheck,
): Promise<RestoreResult> {
  const restored = checked ?? checkBackupFor(journalPath, backupPath);
  const exists = journalFile(journalPath) === 'file';
  ensurePrivateFolder(dirname(journalPath));
  const staged = `${journalPath}.${process.pid}.restoring`;
  createPrivateFile(staged);
  try {
    // A consistent copy through SQLite, made one self-contained file (no -wal beside it).
    const source = open(backupPath, true);
    try {
      await source.backup(staged);
    } finally {
      source.close();
    }
    const copy = open(staged, false);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    chmodSync(staged, 0o600);
    syncFile(staged);
    const savedAs = exists ? await saveCurrent(journalPath, now) : null;
    if (exists) {
      // Fold the old -wal into its file, then remove it: a -wal left beside the new file would be read into it.
      try {
        const old = open(journalPath, false);
        try {
          old.pragma('wal_checkpoint(TRUNCATE)');
        } finally {
          old.close();
        }
      } catch {
        // Damaged: its -wal is kept in the saved copy.
      }
      for (const suffix of ['-wal', '-shm']) rmSync(journalPath + suffix, { force: true });
    }
    renameSync(staged, journalPath);
    syncFile(dirname(journalPath));
    rmSync(damageMarkPath(journalPath), { force: true });
    return { savedAs, restored };
  } finally {
    // Still there only when something failed before the swap: the journal is as it was.
    rmSync(staged, { force: true });
  }
}
