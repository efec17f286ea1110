import type Database from 'better-sqlite3';
import type { NudgePlan, PlanLine } from '../core/nudge';
import { nativeBindingPath } from './native';

/** The journal's mark (PRAGMA application_id); repeated from journal.ts so the nudge need not load it. */
const CONNECT_APPLICATION_ID = 0x436e6e63;

/** Opens a journal only to read it, never creating one and never waiting for a busy one. */
export function openQuietly(path: string): Database.Database {
  const BetterSqlite3 = require('better-sqlite3') as typeof Database;
  const nativeBinding = nativeBindingPath();
  // Not `readonly`: a read-only connection to a WAL journal leaves -wal and -shm files behind, while
  // the last ordinary connection tidies them away on close. Only SELECTs run here; fileMustExist keeps
  // it from ever creating a journal. timeout 0: a busy journal means no nudge this time, never a wait.
  return new BetterSqlite3(path, { fileMustExist: true, timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
}

/**
 * What the nudge needs, read from the small nudge_plan table (kept fresh by every write), so it costs the
 * same on a young journal and a huge one. The lines come in the order the nudge weighs them. Null when the
 * file is not a connect journal; throws on one without the plan (from before schema 4).
 */
export function readNudgePlan(db: Database.Database): NudgePlan | null {
  const head = db
    .prepare(
      `SELECT (SELECT application_id FROM pragma_application_id) AS app,
              (SELECT value FROM settings WHERE key = 'nudge.every') AS every`,
    )
    .get() as { app: number; every: string | null };
  if (head.app !== CONNECT_APPLICATION_ID) return null;
  const lines = db
    .prepare(
      'SELECT kind, from_day AS fromDay, until_day AS untilDay, priority, rank, text FROM nudge_plan ORDER BY priority, rank, from_day DESC, id',
    )
    .all() as PlanLine[];
  return { every: head.every, lines };
}

/**
 * For a connect journal that has no plan yet (written before schema 4): its `nudge.every`, or null for
 * the default. undefined when the file is not a connect journal at all.
 */
export function readSettingOnly(db: Database.Database): string | null | undefined {
  if (db.pragma('application_id', { simple: true }) !== CONNECT_APPLICATION_ID) return undefined;
  const value = db.prepare("SELECT value FROM settings WHERE key = 'nudge.every'").pluck().get() as string | undefined;
  return value ?? null;
}

/**
 * What the nudge needs from the journal at `path`: null when there is none, it cannot be read, or it is not a
 * connect journal. A connect journal from before the plan existed still gets a gentle reminder.
 */
export function consultJournal(path: string): NudgePlan | null {
  let db: Database.Database | undefined;
  try {
    db = openQuietly(path);
    try {
      return readNudgePlan(db);
    } catch {
      const every = readSettingOnly(db);
      return every === undefined ? null : { every, lines: [] };
    }
  } catch {
    return null;
  } finally {
    try {
      db?.close();
    } catch {
      // closing a journal we only read cannot lose anything
    }
  }
}
