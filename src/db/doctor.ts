import Database from 'better-sqlite3';
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { listBackups, type BackupListing } from './backup';
import { APPLICATION_ID, damageMark, damageMarkPath, journalFile, SCHEMA_VERSION } from './journal';
import { nativeBindingPath } from './native';

/** What `connect doctor` found. Gathered through a read-only connection: nothing is ever written. */
export interface DoctorReport {
  path: string;
  exists: boolean;
  folder: string;
  fileMode: string | null;
  folderMode: string | null;
  bytes: number | null;
  schemaVersion: number | null;
  supportedSchemaVersion: number;
  integrity: string | null;
  /** `full`: PRAGMA integrity_check; `quick`: PRAGMA quick_check (a large journal, unless asked for the full one). */
  integrityCheck: 'full' | 'quick' | null;
  journalMode: string | null;
  counts: Record<string, number> | null;
  backups: BackupListing;
  problems: { check: string; message: string; fix: string }[];
  notes: string[];
}

/**
 * Up to this size the full integrity check runs (well under a second); above it, the quick one, which reads every
 * page but skips matching each index against its table: on a million rows (250 MB) 0.6 s against 5 s.
 */
export const FULL_CHECK_UP_TO_BYTES = 64 * 1024 * 1024;

export interface ExamineOptions {
  /** Always run the full integrity check (`connect doctor --full`). */
  full?: boolean;
  fullCheckUpTo?: number;
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

const COUNTS: [string, string, string][] = [
  ['people', 'people', 'deleted_at IS NULL'],
  ['interactions', 'entries', "deleted_at IS NULL AND type = 'interaction'"],
  ['moods', 'entries', "deleted_at IS NULL AND type = 'mood'"],
  ['touchpoints', 'touchpoints', 'deleted_at IS NULL'],
  ['checkins', 'checkins', '1'],
  ['settings', 'settings', '1'],
];

function count(db: Database.Database, table: string, where: string): number | null {
  const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table);
  if (!exists) return null;
  try {
    return db.prepare(`SELECT count(*) FROM "${table}" WHERE ${where}`).pluck().get() as number;
  } catch {
    // A column a newer connect added or renamed: count every row instead.
    return db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
  }
}

function checkPermissions(report: DoctorReport, uid: number | null): void {
  const folder = statSync(report.folder);
  report.folderMode = octal(folder.mode);
  const mine = uid === null || folder.uid === uid;
  const sticky = (folder.mode & 0o1000) !== 0;
  if (mine && !sticky && (folder.mode & 0o022) !== 0) {
    report.problems.push({
      check: 'folder permissions',
      message: `Others can change what is in ${report.folder} (${report.folderMode}).`,
      fix: `chmod 700 "${report.folder}"`,
    });
  } else if (mine && !sticky && (folder.mode & 0o077) !== 0) {
    report.notes.push(
      `Others can list ${report.folder} (${report.folderMode}); the journal itself stays private. chmod 700 "${report.folder}" hides the names too.`,
    );
  }
  try {
    accessSync(report.folder, constants.W_OK | constants.X_OK);
  } catch {
    report.problems.push({
      check: 'folder permissions',
      message: `${report.folder} is read-only for you: SQLite keeps its -wal and -shm files beside the journal, so connect can neither save nor read it there.`,
      fix: `chmod u+wx "${report.folder}", or move the journal to a folder of your own.`,
    });
  }
  if (!report.exists) return;
  const file = statSync(report.path);
  report.fileMode = octal(file.mode);
  report.bytes = file.size;
  if ((file.mode & 0o077) !== 0) {
    report.problems.push({
      check: 'file permissions',
      message: `Others can read the journal (${report.fileMode}); it should be yours alone (0600).`,
      fix: `chmod 600 "${report.path}"`,
    });
  }
  if (uid !== null && file.uid !== uid) {
    report.problems.push({
      check: 'owner',
      message: `The journal belongs to another user (uid ${file.uid}).`,
      fix: `Copy it somewhere of your own, or chown it to you.`,
    });
  }
  try {
    accessSync(report.path, constants.R_OK | constants.W_OK);
  } catch {
    report.problems.push({
      check: 'file permissions',
      message: 'The journal is not readable and writable for you, so nothing new can be saved.',
      fix: `chmod 600 "${report.path}"`,
    });
  }
}

/** True when a read-only connection cannot go on because the last write was interrupted and needs tidying. */
const needsRecovery = (error: unknown) =>
  String((error as { code?: unknown })?.code ?? '').startsWith('SQLITE_READONLY');

/**
 * After an interrupted write, SQLite tidies up on the next open that may write. Doctor never writes to the
 * journal, so it tidies and checks a private copy of the files instead.
 */
function inspectCopy(report: DoctorReport, full: boolean): void {
  const folder = mkdtempSync(join(tmpdir(), 'connect-doctor-'));
  try {
    const copy = join(folder, 'journal.db');
    for (const suffix of ['', '-wal'])
      if (existsSync(report.path + suffix)) copyFileSync(report.path + suffix, copy + suffix);
    report.notes.push(
      'The last change to the journal was interrupted; the next connect command tidies that up. A copy was checked instead.',
    );
    inspect(report, full, copy);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function inspect(report: DoctorReport, full: boolean, path = report.path): void {
  const nativeBinding = nativeBindingPath();
  const readonly = path === report.path;
  let db: Database.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (error) {
    if (readonly && needsRecovery(error)) return inspectCopy(report, full);
    report.problems.push({
      check: 'open',
      message: `The journal could not be opened: ${(error as Error).message}.`,
      fix: restoreHint(report),
    });
    return;
  }
  try {
    db.pragma('busy_timeout = 5000');
    try {
      db.pragma('schema_version', { simple: true });
    } catch (error) {
      if (readonly && needsRecovery(error)) {
        db.close();
        return inspectCopy(report, full);
      }
      throw error;
    }
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    report.schemaVersion = version;
    report.journalMode = String(db.pragma('journal_mode', { simple: true }));
    if (applicationId !== APPLICATION_ID && version > 0) {
      report.problems.push({
        check: 'identity',
        message: 'This SQLite file is not a connect journal.',
        fix: 'Point --db or CONNECT_DB at a connect journal.',
      });
      return;
    }
    report.integrityCheck = full ? 'full' : 'quick';
    const rows = db.pragma(full ? 'integrity_check' : 'quick_check') as Record<string, string>[];
    report.integrity = rows.map((r) => Object.values(r)[0]).join('; ');
    if (report.integrity !== 'ok') {
      report.problems.push({
        check: 'integrity',
        message: `SQLite found damage: ${report.integrity.slice(0, 300)}`,
        fix: restoreHint(report),
      });
    }
    const orphans = (db.pragma('foreign_key_check') as unknown[]).length;
    if (orphans > 0) {
      report.problems.push({
        check: 'references',
        message: `${orphans} row(s) point at something that is not there.`,
        fix: restoreHint(report),
      });
    }
    if (version > SCHEMA_VERSION) {
      report.problems.push({
        check: 'schema version',
        message: `The journal was written by a newer connect (schema ${version}; this one knows up to ${SCHEMA_VERSION}).`,
        fix: 'Update connect; this one leaves the journal untouched.',
      });
    } else if (version === 0) {
      report.notes.push('The journal file is empty so far; the first connect log sets it up.');
    } else if (version < SCHEMA_VERSION) {
      report.notes.push(
        `The journal uses schema ${version}; the next change upgrades it to ${SCHEMA_VERSION}, after saving a backup in ${report.backups.folder}.`,
      );
    }
    if (version > 0 && report.journalMode !== 'wal') {
      report.notes.push(
        `The journal is in ${report.journalMode} mode; the next change switches it to WAL, which lets reading and writing overlap safely.`,
      );
    }
    report.counts = {};
    for (const [name, table, where] of COUNTS) {
      const n = count(db, table, where);
      if (n !== null) report.counts[name] = n;
    }
  } catch (error) {
    report.problems.push({
      check: 'read',
      message: `The journal could not be read: ${(error as Error).message}.`,
      fix: restoreHint(report),
    });
  } finally {
    if (db.open) db.close();
  }
}

function restoreHint(report: DoctorReport): string {
  const latest = report.backups.latest;
  return latest
    ? `connect restore "${latest}" puts your newest backup in its place (the damaged file is kept beside your backups).`
    : `Keep a copy of the file aside; connect export --out rescue.json saves what can still be read.`;
}

/** Looks at the journal without changing it (and without creating it when it is not there). */
export function examineJournal(path: string, uid: number | null, options: ExamineOptions = {}): DoctorReport {
  const report: DoctorReport = {
    path,
    exists: false,
    folder: dirname(path),
    fileMode: null,
    folderMode: null,
    bytes: null,
    schemaVersion: null,
    supportedSchemaVersion: SCHEMA_VERSION,
    integrity: null,
    integrityCheck: null,
    journalMode: null,
    counts: null,
    backups: listBackups(path),
    problems: [],
    notes: [],
  };
  try {
    report.exists = journalFile(path) === 'file';
  } catch (error) {
    // Cannot be reached, or not a regular file (a folder, a pipe): said so, and never opened.
    report.exists = existsSync(path);
    const { message, hint } = error as { message: string; hint?: string };
    report.problems.push({ check: 'path', message, fix: hint ?? 'Point --db or CONNECT_DB at a journal file.' });
    return report;
  }
  if (existsSync(report.folder)) checkPermissions(report, uid);
  if (!report.exists) {
    report.notes.push(
      `There is no journal yet. It will be created at ${path} (private: 0600, in a 0700 folder) by the first connect log or connect mood.`,
    );
    return report;
  }
  const mark = damageMark(path);
  if (mark !== null) {
    report.problems.push({
      check: 'damage',
      message: `SQLite reported this journal damaged (${mark}), so connect writes nothing more to it.`,
      fix: `${restoreHint(report)} If you have repaired the file yourself, delete ${damageMarkPath(path)}.`,
    });
  }
  const full = options.full === true || (report.bytes ?? 0) <= (options.fullCheckUpTo ?? FULL_CHECK_UP_TO_BYTES);
  inspect(report, full);
  return report;
}
