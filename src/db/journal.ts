import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { RuntimeError } from '../errors';
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
  /** Called before a journal is upgraded to a newer schema (to take a backup). */
  beforeMigrate?: (db: Database.Database, path: string, from: number) => void;
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

function connect(path: string, readonly = false): Database.Database {
  const nativeBinding = nativeBindingPath();
  // timeout: SQLite's busy timeout, how long to wait for another connect process's write to finish.
  return new Database(path, { fileMustExist: true, readonly, timeout: 5000, ...(nativeBinding ? { nativeBinding } : {}) });
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
    throw new RuntimeError(`${path} is an SQLite file but not a connect journal; it was left untouched.`, 'Point --db or CONNECT_DB at a connect journal, or at a new file.');
  }
  if (version > SCHEMA_VERSION) {
    throw new RuntimeError(
      `The journal at ${path} was written by a newer connect (schema ${version}; this one knows up to ${SCHEMA_VERSION}). It was left untouched.`,
      'Update connect to open it.',
    );
  }
  return version;
}

/** Brings the journal up to `target` (the newest schema unless a test asks for an older one); true when it did. */
export function migrate(db: Database.Database, path: string, options: OpenOptions = {}, target = SCHEMA_VERSION): boolean {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from >= target) return false;
  if (from > 0) options.beforeMigrate?.(db, path, from);
  for (const migration of MIGRATIONS.filter((m) => m.version <= target)) {
    const step = db.transaction(() => {
      // Read again inside the lock: another process may have migrated meanwhile.
      const current = db.pragma('user_version', { simple: true }) as number;
      if (current >= migration.version) return;
      if (current === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
      migration.up(db);
      if (migration.version === SCHEMA_VERSION) {
        installUndoTriggers(db);
        discardOpenUndoRecords(db);
      }
      db.pragma(`user_version = ${migration.version}`);
    });
    step.immediate();
  }
  return true;
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

/** Opens an existing journal for reading; null when there is none yet (nothing is created). */
export function openForReading(path: string, options: OpenOptions = {}): Journal | null {
  if (!existsSync(path)) return null;
  const db = connect(path);
  try {
    configure(db);
    const version = checkIdentity(db, path);
    if (version < SCHEMA_VERSION) {
      if (version === 0) return null; // an empty file: nothing written yet
      return opened(db, path, options, migrate(db, path, options));
    }
    return new Journal(db, path, options);
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens the journal for writing, creating it (0600, in a 0700 folder) on first use. */
export function openForWriting(path: string, options: OpenOptions = {}): { journal: Journal; created: boolean } {
  let created = false;
  if (!existsSync(path)) {
    const folder = dirname(path);
    if (!existsSync(folder)) {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      chmodSync(folder, 0o700);
    }
    try {
      closeSync(openSync(path, 'wx', 0o600));
      chmodSync(path, 0o600);
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
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    return { journal: opened(db, path, options, migrate(db, path, options)), created };
  } catch (error) {
    db.close();
    throw error;
  }
}
