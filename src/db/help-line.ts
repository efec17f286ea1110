import type Database from 'better-sqlite3';
import { decideHelpLine, helpLineResting, lowMoodWindowStart, type MoodReading } from '../core/help-line';
import { checkinsOfLatestDays } from './checkins';
import type { Journal } from './journal';

/**
 * Mood check-ins' moods and interactions' moods after, from the low-mood window up to now: only what it needs, as
 * one JSON array (a busy journal has thousands in the window, and handing them over a value at a time costs more).
 */
function recentMoods(db: Database.Database, now: Date): MoodReading[] {
  const json = db
    .prepare(
      `SELECT json_group_array(json_array(at, value)) FROM (
         SELECT at, CASE type WHEN 'mood' THEN mood ELSE mood_after END AS value FROM entries
         WHERE deleted_at IS NULL AND at >= ? AND at <= ? AND value IS NOT NULL ORDER BY at, id)`,
    )
    .pluck()
    .get(lowMoodWindowStart(now).getTime(), now.getTime()) as string;
  return (JSON.parse(json) as [number, number][]).map(([at, value]) => ({ at: new Date(at), value }));
}

export function helpLineLastShown(db: Database.Database): Date | null {
  const at = db.prepare('SELECT last_shown FROM help_line WHERE id = 1').pluck().get() as number | undefined;
  return at === undefined ? null : new Date(at);
}

export function recordHelpLineShown(db: Database.Database, now: Date): void {
  db.prepare(
    'INSERT INTO help_line(id, last_shown) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET last_shown = excluded.last_shown',
  ).run(now.getTime());
}

/**
 * The professional-help line if it is due now, noting that it was shown; null otherwise.
 * No journal, no line: it is never a reason to create one.
 */
export function takeHelpLine(journal: Journal | null, now: Date): string | null {
  if (!journal) return null;
  const { db } = journal;
  const lastShown = helpLineLastShown(db);
  // Shown this week already: nothing to read.
  if (helpLineResting(now, lastShown)) return null;
  const line = decideHelpLine({
    now,
    moods: recentMoods(db, now),
    // checkinsStayHeavy looks at the latest check-in of each of the two latest days with any.
    checkins: checkinsOfLatestDays(db, now, 2),
    lastShown,
  });
  if (!line) return null;
  try {
    // Its own small transaction: not a step for `connect undo`, and not one of the command's writes.
    db.transaction(() => recordHelpLineShown(db, now)).immediate();
  } catch {
    // A journal we cannot write to (read-only, busy) still deserves the line; it may simply come again sooner.
  }
  return line;
}
