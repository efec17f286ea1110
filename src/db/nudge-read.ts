import type Database from 'better-sqlite3';

/** The journal's mark (PRAGMA application_id); repeated from journal.ts so the nudge need not load it. */
const CONNECT_APPLICATION_ID = 0x436e6e63;

export type PlannedKind = 'touchpoint' | 'rhythm';

export interface PlannedNudge {
  /** The file carries connect's mark; anything else is left alone. */
  isJournal: boolean;
  /** The stored `nudge.every`, or null for the default. */
  every: string | null;
  /** The first planned line that applies today, if any. */
  kind: PlannedKind | null;
  text: string | null;
}

/**
 * What the nudge may say on `today` (YYYY-MM-DD) and how often it may speak, in ONE query over the small
 * nudge_plan table (kept fresh by every write), so it costs the same on a young journal and a huge one.
 * Throws on a journal without the plan (not a connect journal, or one from before schema 4).
 */
export function readPlannedNudge(db: Database.Database, today: string): PlannedNudge {
  const row = db
    .prepare(
      `SELECT (SELECT application_id FROM pragma_application_id) AS app, s.value AS every, p.kind AS kind, p.text AS text
       FROM (SELECT 1) AS one
       LEFT JOIN settings AS s ON s.key = 'nudge.every'
       LEFT JOIN (
         SELECT kind, text FROM nudge_plan
         WHERE from_day <= @today AND (until_day IS NULL OR until_day >= @today)
         ORDER BY priority, rank, from_day DESC, id
         LIMIT 1
       ) AS p`,
    )
    .get({ today }) as { app: number; every: string | null; kind: PlannedKind | null; text: string | null };
  return { isJournal: row.app === CONNECT_APPLICATION_ID, every: row.every, kind: row.kind, text: row.text };
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
