import type Database from 'better-sqlite3';

/**
 * What Tab offers from the journal, read with two small queries and nothing parsed: people's names and
 * aliases (archived people left out), and live touchpoints as "id<TAB>title".
 */
export function completionNames(db: Database.Database, kind: 'people' | 'touchpoints'): string[] {
  if (kind === 'people') {
    return db
      .prepare(
        `SELECT name FROM people WHERE deleted_at IS NULL AND archived = 0
         UNION SELECT a.alias FROM person_aliases a JOIN people p ON p.id = a.person_id WHERE p.deleted_at IS NULL AND p.archived = 0
         ORDER BY 1 COLLATE NOCASE`,
      )
      .pluck()
      .all() as string[];
  }
  const rows = db
    .prepare(
      'SELECT substr(uuid, 1, 8) AS id, title FROM touchpoints WHERE deleted_at IS NULL ORDER BY next_due, title',
    )
    .raw()
    .all() as [string, string][];
  return rows.map(([id, title]) => `${id}\t${title.replace(/[\t\r\n]+/g, ' ')}`);
}
