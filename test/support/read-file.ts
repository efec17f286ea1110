// Reading a journal file as another process would: its own read-only connection, closed once read.
import Database from 'better-sqlite3';

/** What `read` gets from the SQLite file at `path`, through a read-only connection of its own. */
export function readFile<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
