import { preparedOnce } from './prepared';
import type Database from 'better-sqlite3';
import type { DayTotal } from '../core/calendar';
import type { Entry } from '../core/types';
import type { WeekSums } from '../core/week';
import { ENTRY_COLUMNS, jsonRow, rowsOf, toEntry, type EntryRow } from './entries';

/**
 * Live entries in [from, to), oldest first. Reflection reads many entries at once, so people come from one
 * joined query rather than a sub-select per entry (100k entries: ~0.5 s instead of ~4 s).
 */
function entriesIn(db: Database.Database, from: number, to: number): Entry[] {
  const rows = rowsOf<EntryRow>(
    db
      .prepare(
        `SELECT ${jsonRow(ENTRY_COLUMNS)} FROM entries e LEFT JOIN touchpoints t ON t.id = e.touchpoint_id
         WHERE e.deleted_at IS NULL AND e.at >= ? AND e.at < ? ORDER BY e.at, e.id`,
      )
      .pluck()
      .all(from, to) as string[],
  );
  const names = new Map<number, string[]>();
  const links = db
    .prepare(
      // Through entries' time index: entry_people is indexed by person, and scanning it all costs more every year.
      `SELECT ep.entry_id, p.name FROM entries e
         JOIN entry_people ep ON ep.entry_id = e.id JOIN people p ON p.id = ep.person_id
       WHERE e.deleted_at IS NULL AND e.at >= ? AND e.at < ? ORDER BY ep.entry_id, ep.position`,
    )
    .raw()
    .all(from, to) as [number, string][];
  for (const link of links) {
    const list = names.get(link[0]);
    if (list) list.push(link[1]);
    else names.set(link[0], [link[1]]);
  }
  return rows.map((row) => toEntry(row, names.get(row[0]) ?? []));
}

/** Live entries in [from, to), oldest first. */
export function entriesBetween(db: Database.Database, from: Date, to: Date): Entry[] {
  return entriesIn(db, from.getTime(), to.getTime());
}

/** Live entries from `since` (or the beginning), oldest first. */
export function entriesSince(db: Database.Database, since: Date | null): Entry[] {
  return entriesIn(db, since ? since.getTime() : Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
}

/**
 * Live, unpaused touchpoints whose next due date (YYYY-MM-DD) falls between two days, both included, and
 * that no entry in [from, to) has kept yet: the ones still open that week, whether or not keeping one has
 * already moved its date on.
 */
export function countTouchpointsDue(
  db: Database.Database,
  firstDay: string,
  lastDay: string,
  from: Date,
  to: Date,
): number {
  return db
    .prepare(
      `SELECT count(*) FROM touchpoints t
       WHERE t.deleted_at IS NULL AND t.paused = 0 AND substr(t.next_due, 1, 10) BETWEEN ? AND ?
         AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.touchpoint_id = t.id AND e.deleted_at IS NULL AND e.at >= ? AND e.at < ?)`,
    )
    .pluck()
    .get(firstDay, lastDay, from.getTime(), to.getTime()) as number;
}

/**
 * The touchpoint occurrences kept by live entries in [from, to): one per occurrence, however many entries point
 * at it (two devices' entries merged by an import, say); an entry without a recorded occurrence counts as one.
 */
export function countOccurrencesKept(db: Database.Database, from: Date, to: Date): number {
  return db
    .prepare(
      `SELECT count(DISTINCT e.touchpoint_id || ' ' || coalesce(CASE WHEN json_valid(e.keeping) THEN json_extract(e.keeping, '$.occurrence') END, 'entry ' || e.id))
       FROM entries e WHERE e.deleted_at IS NULL AND e.type = 'interaction' AND e.touchpoint_id IS NOT NULL AND e.at >= ? AND e.at < ?`,
    )
    .pluck()
    .get(from.getTime(), to.getTime()) as number;
}

/**
 * How many live interactions fall in [from, to), and their minutes: summed by SQLite from the (type, at) index,
 * so a year of a big journal costs its days, not its rows.
 */
export function interactionTotal(db: Database.Database, from: Date, to: Date): DayTotal {
  // The calendar asks for every day in turn.
  const [interactions, minutes] = preparedOnce(
    db,
    `SELECT count(*), coalesce(sum(minutes), 0) FROM entries
     WHERE deleted_at IS NULL AND type = 'interaction' AND at >= ? AND at < ?`,
  )
    .raw()
    .get(from.getTime(), to.getTime()) as [number, number];
  return { interactions, minutes };
}

/** The sums a week's counts come from, over the live interactions in [from, to). */
export function weekSums(db: Database.Database, from: Date, to: Date): WeekSums {
  const [interactions, smallMoments, sharedActivities, minutes, qualitySum, qualityCount] = db
    .prepare(
      `SELECT count(*), count(*) FILTER (WHERE small = 1), count(activity), coalesce(sum(minutes), 0),
              coalesce(sum(quality), 0), count(quality)
       FROM entries WHERE deleted_at IS NULL AND type = 'interaction' AND at >= ? AND at < ?`,
    )
    .raw()
    .get(from.getTime(), to.getTime()) as number[];
  return { interactions, smallMoments, sharedActivities, minutes, qualitySum, qualityCount };
}
