import type Database from 'better-sqlite3';
import type { Entry } from '../core/types';
import { listEntries } from './entries';

/** Live entries in [from, to), oldest first. */
export function entriesBetween(db: Database.Database, from: Date, to: Date): Entry[] {
  return listEntries(db, { since: from, until: new Date(to.getTime() - 1), ascending: true });
}

/** Live entries from `since` (or the beginning), oldest first. */
export function entriesSince(db: Database.Database, since: Date | null): Entry[] {
  return listEntries(db, { since: since ?? undefined, ascending: true });
}

/**
 * Live, unpaused touchpoints whose next due date (YYYY-MM-DD) falls between two days, both included, and
 * that no entry in [from, to) has kept yet: the ones still open that week, whether or not keeping one has
 * already moved its date on.
 */
export function countTouchpointsDue(db: Database.Database, firstDay: string, lastDay: string, from: Date, to: Date): number {
  return db
    .prepare(
      `SELECT count(*) FROM touchpoints t
       WHERE t.deleted_at IS NULL AND t.paused = 0 AND substr(t.next_due, 1, 10) BETWEEN ? AND ?
         AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.touchpoint_id = t.id AND e.deleted_at IS NULL AND e.at >= ? AND e.at < ?)`,
    )
    .pluck()
    .get(firstDay, lastDay, from.getTime(), to.getTime()) as number;
}

export interface InteractionMoment {
  at: Date;
  minutes: number | null;
}

/** When each live interaction happened from `since` on: all the calendar needs, without people or notes. */
export function interactionMoments(db: Database.Database, since: Date): InteractionMoment[] {
  const rows = db
    .prepare("SELECT at, minutes FROM entries WHERE deleted_at IS NULL AND type = 'interaction' AND at >= ? ORDER BY at")
    .all(since.getTime()) as { at: number; minutes: number | null }[];
  return rows.map((row) => ({ at: new Date(row.at), minutes: row.minutes }));
}
