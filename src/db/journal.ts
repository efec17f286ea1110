import Database from 'better-sqlite3';
import { closeSync, constants, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { RuntimeError } from '../errors';
import { createPrivateFile } from './files';
import { MIGRATIONS } from './migrations';
import { nativeBindingPath } from './native';
import { closeUndoGroup, discardOpenUndoRecords, installUndoTriggers } from './undo';

/** Marks the file as a connect journal (PRAGMA application_id), so other SQLite files are not touched. */
export const APPLICATION_ID = 0x436e6e63;
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export type WriteHook = (journal: Journal, now: Date) => void;

export interface OpenOptions {
  /** Runs inside every write transaction, after the command's own changes (keeps derived state fresh). */
  afterWrite?: WriteHook[];
  /** Called before a journal is upgraded to a newer schema (to take a backup); returns the backup's path. */
  beforeMigrate?: (db: Database.Database, path: string, from: number) => string | undefined;
  /** Runs once a journal has been upgraded to a newer schema (derived state worked out again). */
  afterMigrate?: (journal: Journal) => void;
}

/** An open journal. Every command's writes go through `write`, one transaction each. */
export class Journal {
  constructor(
    readonly db: Database.Database,
    readonly path: string,
    private readonly options: OpenOptions = {},
  ) {}

  /** Runs `change` in one IMMEDIATE transaction and records it as one step for `connect undo`. */
  write<T>(now: Date, describe: string | ((result: T) => string), change: () => T): T {
    const run = this.db.transaction(() => {
      const result = change();
      for (const hook of this.options.afterWrite ?? []) hook(this, now);
      closeUndoGroup(this.db, typeof describe === 'string' ? describe : describe(result), now);
      return result;
    });
    return run.immediate();
  }

  /** Runs the afterWrite hooks on their own, for a change that is not a command's write (undo). */
  refreshDerived(now: Date): void {
    for (const hook of this.options.afterWrite ?? []) hook(this, now);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** A connection to an existing journal file (or a backup of one), with connect's busy timeout. */
export function connect(path: string, readonly = false): Database.Database {
  const nativeBinding = nativeBindingPath();
  // timeout: SQLite's busy timeout, how long to wait for another connect process's write to finish.
  return new Database(path, {
    fileMustExist: true,
    readonly,
    timeout: 5000,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
}

function versionOf(db: Database.Database): { version: number; applicationId: number; tables: number } {
  return db
    .prepare(
      `SELECT (SELECT user_version FROM pragma_user_version) AS version, (SELECT application_id FROM pragma_application_id) AS applicationId,
              (SELECT count(*) FROM sqlite_schema WHERE type = 'table') AS tables`,
    )
    .get() as { version: number; applicationId: number; tables: number };
}

/** Refuses files that are not connect journals, or are from a newer connect, before anything is written. */
function checkIdentity(db: Database.Database, path: string): number {
  const { version, applicationId, tables } = versionOf(db);
  if (applicationId !== APPLICATION_ID && (applicationId !== 0 || tables > 0 || version > 0)) {
    throw new RuntimeError(
      `${path} is an SQLite file but not a connect journal; it was left untouched.`,
      'Point --db or CONNECT_DB at a connect journal, or at a new file.',
    );
  }
  if (version > SCHEMA_VERSION) {
    throw new RuntimeError(
      `The journal at ${path} was written by a newer connect (schema ${version}; this one knows up to ${SCHEMA_VERSION}). It was left untouched.`,
      'Update connect to open it.',
    );
  }
  return version;
}

/**
 * Brings the journal up to `target` (the newest schema unless a test asks for an older one), every step in one
 * IMMEDIATE transaction: another process opening the journal meanwhile sees it either as it was or finished,
 * never half-way (which would have it take a backup of a journal being created).
 */
export function migrate(
  db: Database.Database,
  path: string,
  options: OpenOptions = {},
  target = SCHEMA_VERSION,
): boolean {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from >= target) return false;
  const backup = from > 0 ? options.beforeMigrate?.(db, path, from) : undefined;
  const upgrade = db.transaction(() => {
    // Read again inside the lock: another process may have migrated meanwhile.
    const current = db.pragma('user_version', { simple: true }) as number;
    const steps = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
    if (steps.length === 0) return false;
    if (current === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const migration of steps) migration.up(db);
    if (steps.some((m) => m.remakesTables) && (db.pragma('foreign_key_check') as unknown[]).length > 0)
      throw new Error('An upgrade left rows pointing at rows that are not there; it was taken back.');
    if (target === SCHEMA_VERSION) {
      installUndoTriggers(db);
      discardOpenUndoRecords(db);
    }
    db.pragma(`user_version = ${steps[steps.length - 1].version}`);
    return true;
  });
  // A step that makes a table anew drops the old one, which with foreign keys on would count every row pointing
  // at it as broken; they are off for the upgrade (they cannot change inside a transaction) and checked in it.
  const remaking = MIGRATIONS.some((m) => m.remakesTables && m.version > from && m.version <= target);
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  if (remaking) db.pragma('foreign_keys = OFF');
  let upgraded: boolean;
  try {
    upgraded = upgrade.immediate();
  } finally {
    if (remaking) db.pragma(`foreign_keys = ${foreignKeys}`);
  }
  // Another process upgraded it first, after taking its own copy: this one's copy is the same, and goes.
  if (!upgraded && backup) rmSync(backup, { force: true });
  return upgraded;
}

/** A journal ready for use, with what an upgrade made stale worked out again. */
function opened(db: Database.Database, path: string, options: OpenOptions, migrated: boolean): Journal {
  const journal = new Journal(db, path, options);
  if (migrated) options.afterMigrate?.(journal);
  return journal;
}

function configure(db: Database.Database): void {
  db.pragma('foreign_keys = ON');
}

/**
 * Whether there is a journal at `path`: 'missing' only when there truly is none. A journal that cannot be
 * reached (a folder on the way closed to you) or that is not a regular file (a folder, a pipe) is an error,
 * never an empty journal — and a pipe is never opened, so nothing waits on it.
 */
export function journalFile(path: string): 'missing' | 'file' {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'EACCES' || code === 'EPERM') {
      throw new RuntimeError(
        `The journal at ${path} cannot be reached: a folder on the way is not open to you. Nothing was read or changed.`,
        "Check the folders' permissions (ls -ld each one), or run connect as the user who owns them.",
      );
    }
    if (code === 'ENOTDIR')
      throw new RuntimeError(
        `The journal at ${path} cannot be reached: part of that path is a file, not a folder.`,
        'Point --db or CONNECT_DB at a file in a folder.',
      );
    throw error;
  }
  if (stat.isDirectory())
    throw new RuntimeError(`${path} is a folder, not a journal file.`, 'Point --db or CONNECT_DB at a file.');
  if (!stat.isFile())
    throw new RuntimeError(
      `${path} is not a regular file (a pipe, a socket or a device); connect only opens journal files.`,
      'Point --db or CONNECT_DB at a journal file.',
    );
  return 'file';
}

/** Beside the journal once SQLite has reported damage in it: from then on, nothing more is written to it. */
export const damageMarkPath = (journalPath: string) => `${journalPath}.damaged`;

/** What the damage mark says (when and by what it was found), or null when there is none. */
export function damageMark(journalPath: string): string | null {
  try {
    return readFileSync(damageMarkPath(journalPath), 'utf8').trim() || 'damage reported';
  } catch {
    return null;
  }
}

/**
 * Leaves the damage mark once SQLite has reported the journal damaged (SQLITE_CORRUPT), so that later writes are
 * refused even where they would not touch the damaged pages. Never follows a symlink, never throws.
 */
export function markDamaged(journalPath: string, error: unknown, now: Date): void {
  if (!String((error as { code?: unknown })?.code ?? '').startsWith('SQLITE_CORRUPT')) return;
  try {
    const fd = openSync(
      damageMarkPath(journalPath),
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
    try {
      writeSync(fd, `found on ${now.toISOString()}: ${(error as Error).message}\n`);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Already marked, or the folder cannot be written: the error itself is still reported.
  }
}

/**
 * How much of the journal file SQLite maps into memory for a command that reads parts of it: all of it, up to
 * SQLite's own limit (2 GB less 64 KB). Pages spread over the file (everyone's latest contacts, a week of a million
 * rows) are then read from the mapping instead of with a system call and a copy each.
 */
const MAPPED_BYTES = 0x7fff0000;

/** What a reading command does with the journal. */
export interface ReadingOptions {
  /**
   * Reads every page (export, backup): the file is read, not mapped, as every mapped page it touched would
   * count towards the process's memory (a million rows' export: 490 MB against 103 MB), for no gain in speed.
   */
  whole?: boolean;
}

/** Opens an existing journal for reading; null when there is none yet (nothing is created). */
export function openForReading(path: string, options: OpenOptions = {}, reading: ReadingOptions = {}): Journal | null {
  if (journalFile(path) === 'missing') return null;
  // A journal marked damaged is only ever read: nothing, not even the help line's date, is written to it.
  const db = connect(path, damageMark(path) !== null);
  try {
    configure(db);
    if (!reading.whole) db.pragma(`mmap_size = ${MAPPED_BYTES}`);
    const version = checkIdentity(db, path);
    if (version < SCHEMA_VERSION) {
      if (version === 0) {
        // An empty file (another process is creating the journal this moment): nothing written yet.
        db.close();
        return null;
      }
      return opened(db, path, options, migrate(db, path, options));
    }
    return new Journal(db, path, options);
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Once SQLite has reported damage (the mark beside the journal), nothing more is written to it. */
function refuseIfDamaged(path: string): void {
  const mark = damageMark(path);
  if (mark !== null) {
    throw new RuntimeError(
      `The journal at ${path} was found damaged (${mark}); connect writes nothing more to it, so nothing was changed.`,
      `connect doctor checks it and names your newest backup; connect restore BACKUP brings one back. If you have repaired the file yourself, delete ${damageMarkPath(path)}.`,
    );
  }
}

/** WAL, so two terminals can log at once; FULL, so "Logged" is printed only once the entry is on disk. */
function setUpForWriting(db: Database.Database): void {
  if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Statement journals (one per write that fires triggers) and temporary tables stay in memory rather than in a
  // temporary file: an import of a million rows wrote two million times to one. Reads keep the default, so that
  // sorting a whole journal (an export) may spill to a file instead of holding it all.
  db.pragma('temp_store = MEMORY');
}

/**
 * A journal already opened for reading in this run, made ready for writing in place: one connection instead of
 * a second one (opening a journal is most of what a small command costs), with openForWriting's own checks.
 */
export function makeWritable(journal: Journal): Journal {
  refuseIfDamaged(journal.path);
  setUpForWriting(journal.db);
  return journal;
}

/** Opens the journal for writing, creating it (0600, in a 0700 folder) on first use. */
export function openForWriting(path: string, options: OpenOptions = {}): { journal: Journal; created: boolean } {
  let created = false;
  refuseIfDamaged(path);
  if (journalFile(path) === 'missing') {
    try {
      createPrivateFile(path);
      created = true;
    } catch (error) {
      // Another process created it a moment ago: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const db = connect(path);
  try {
    configure(db);
    checkIdentity(db, path);
    setUpForWriting(db);
    return { journal: opened(db, path, options, migrate(db, path, options)), created };
  } catch (error) {
    db.close();
    throw error;
  }
}
