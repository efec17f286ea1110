import type Database from 'better-sqlite3';
import { addSummaries, UNDOABLE_TABLES } from './migrations';

/**
 * A large import's inserts without their per-row triggers, and with the same outcome. While new rows are added
 * (a "stretch"), the undo, summary, sync and nudge-staleness triggers that fire on inserts are lifted (and sync's
 * own `merging` flag is set, as a merge sets it); when the stretch ends, what those triggers would have written is
 * written set-wise: one undo statement per table for the rows it added, the summaries of its entries added at
 * once, the people of its new links marked stale, and the sync stamps and clock worked out as the triggers tick
 * them, one change at a time.
 * Anything else an import writes (a row it updates, a person merged on the way in) runs with every trigger in
 * place, between stretches, so that the order of changes, and so the clock and undo, stay as they were.
 */

/** The travelling tables in the order an import writes them, with the lists whose rows stamp each one. */
export interface StampedTable {
  table: string;
  key: string;
  children: { table: string; parent: string }[];
}

/** The nudge's triggers that mark the people of each new link as stale: set-wise, the people of the new links. */
const STALE_ON_INSERT = [
  { table: 'entry_people', trigger: 'nudge_stale_link_insert' },
  { table: 'touchpoint_people', trigger: 'nudge_stale_touchpoint_people_insert' },
];

/** Past this many returns to per-row writing, an import that mixes new and known rows stays per-row. */
const MAX_STRETCHES = 100;

/** Entries are summed this many at a time, and rows stamped this many. */
const SUM_ROWS = 25_000;
const STAMP_ROWS = 20_000;

function* slices(
  range: { start: number; end: number } | null,
  size: number,
): Generator<{ start: number; end: number }> {
  if (!range) return;
  for (let start = range.start; start < range.end; start += size)
    yield { start, end: Math.min(start + size, range.end) };
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export class BulkWrites {
  private lifted: { name: string; sql: string }[] = [];
  private starts = new Map<string, number>();
  private inStretch = false;
  private stretches = 0;
  private readonly merging: number;
  private readonly maxRowid: Map<string, Database.Statement>;

  constructor(
    private readonly db: Database.Database,
    private readonly stamped: StampedTable[],
  ) {
    this.merging = db.prepare('SELECT merging FROM sync_clock').pluck().get() as number;
    const tables = UNDOABLE_TABLES.filter((t) =>
      db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(t),
    );
    this.maxRowid = new Map(
      tables.map((t) => [t, db.prepare(`SELECT coalesce(max(rowid), 0) FROM ${ident(t)}`).pluck()]),
    );
  }

  /** About to insert a new row and its own lists: starts a stretch unless one is running. */
  inserting(): void {
    if (this.inStretch || this.stretches >= MAX_STRETCHES) return;
    this.stretches += 1;
    for (const [table, max] of this.maxRowid) this.starts.set(table, max.get() as number);
    this.lifted = this.db
      .prepare(
        `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN (${[...this.maxRowid.keys()].map(literal).join(', ')})
         AND (name LIKE 'undo\\_%\\_insert' ESCAPE '\\' OR name LIKE 'summary\\_%\\_insert' ESCAPE '\\'
           OR name LIKE 'sync\\_%\\_insert' ESCAPE '\\' OR name IN (${STALE_ON_INSERT.map((t) => literal(t.trigger)).join(', ')}))
         ORDER BY name`,
      )
      .all() as { name: string; sql: string }[];
    for (const { name } of this.lifted) this.db.exec(`DROP TRIGGER ${ident(name)}`);
    this.db.prepare('UPDATE sync_clock SET merging = 1').run();
    this.inStretch = true;
  }

  /** About to write something other than a new row: the stretch so far is written out and the triggers put back. */
  writingOther(): void {
    if (!this.inStretch) return;
    this.inStretch = false;
    this.db.prepare('UPDATE sync_clock SET merging = ?').run(this.merging);
    const ends = new Map([...this.maxRowid].map(([table, max]) => [table, max.get() as number]));
    const added = (table: string) => {
      const start = this.starts.get(table) ?? 0;
      const end = ends.get(table) ?? 0;
      return end > start ? { start, end } : null;
    };
    // A slice at a time: what SQLite sorts and counts stays in bounded memory, and stamps and sums carry over exactly.
    if (this.merging === 0) {
      this.db.exec('CREATE TEMP TABLE bulk_stamps (row INTEGER PRIMARY KEY, key, physical INTEGER, counter INTEGER)');
      for (const spec of this.stamped) {
        for (const slice of slices(added(spec.table), STAMP_ROWS)) this.stamp(spec, slice);
      }
      this.db.exec('DROP TABLE temp.bulk_stamps');
    }
    for (const { table, trigger } of STALE_ON_INSERT) {
      const range = added(table);
      if (range && this.lifted.some((t) => t.name === trigger))
        this.db
          .prepare(
            `INSERT OR IGNORE INTO nudge_stale_people SELECT person_id FROM ${ident(table)} WHERE rowid > ? AND rowid <= ?`,
          )
          .run(range.start, range.end);
    }
    for (const slice of slices(added('entries'), SUM_ROWS))
      addSummaries(this.db, `e.id > ${slice.start} AND e.id <= ${slice.end}`);
    // Undone newest first, like the per-row statements: the new rows go before anything changed earlier returns.
    const record = this.db.prepare('INSERT INTO undo_log(statement) VALUES (?)');
    for (const table of this.maxRowid.keys()) {
      const range = added(table);
      if (range) record.run(`DELETE FROM ${ident(table)} WHERE rowid > ${range.start} AND rowid <= ${range.end}`);
    }
    for (const { sql } of this.lifted) this.db.exec(sql);
    this.lifted = [];
  }

  /**
   * The stamps the sync triggers would have left on the rows of `spec.table` added in this stretch, and the
   * clock after them, worked out in SQL. Each row is one tick for itself and one for each row of its lists (all
   * at the row's updated time); a tick moves the clock to the larger time, and counts on from 0 after a time
   * larger than the clock's, or else on from the last count. So a row whose time passes every time before it
   * (and the clock's) starts a run whose count is the ticks since its start, less one (`base` is the ticks before
   * the latest such start); the rows before the first one count on from the clock's count. The stamps go in in
   * key order, so their table is filled a page at a time.
   */
  private stamp(spec: StampedTable, range: { start: number; end: number }): void {
    const ticks = [
      '1',
      ...spec.children.map((c) => `(SELECT count(*) FROM ${ident(c.table)} c WHERE c.${ident(c.parent)} = t.rowid)`),
    ].join(' + ');
    this.db
      .prepare(
        `INSERT INTO temp.bulk_stamps(row, key, physical, counter)
         WITH ticked AS (
           SELECT t.rowid AS row, t.${ident(spec.key)} AS key, coalesce(t.updated_at, 0) AS time, ${ticks} AS ticks
           FROM ${ident(spec.table)} t WHERE t.rowid > @start AND t.rowid <= @end
         ), summed AS (
           SELECT *, max(@physical, coalesce(max(time) OVER earlier, @physical)) AS clock, sum(ticks) OVER upto AS total
           FROM ticked
           WINDOW upto AS (ORDER BY row ROWS UNBOUNDED PRECEDING),
             earlier AS (ORDER BY row ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
         ), based AS (
           SELECT *, max(CASE WHEN time > clock THEN total - ticks END) OVER (ORDER BY row ROWS UNBOUNDED PRECEDING) AS base
           FROM summed
         )
         SELECT row, key, max(clock, time), CASE WHEN base IS NULL THEN @counter + total ELSE total - base - 1 END
         FROM based`,
      )
      .run({ ...this.clock(), ...range });
    this.db
      .prepare(
        `INSERT INTO sync_stamps(tbl, key, physical, counter, device, gone, local)
         SELECT ${literal(spec.table)}, s.key, s.physical, s.counter, c.device, 0, 1 FROM temp.bulk_stamps s, sync_clock c
         WHERE s.key IS NOT NULL ORDER BY s.key
         ON CONFLICT(tbl, key) DO UPDATE SET physical = excluded.physical, counter = excluded.counter,
           device = excluded.device, gone = excluded.gone, local = 1`,
      )
      .run();
    this.db.exec(
      `UPDATE sync_clock SET (physical, counter) = (SELECT physical, counter FROM temp.bulk_stamps ORDER BY row DESC LIMIT 1)
       WHERE EXISTS (SELECT 1 FROM temp.bulk_stamps);
       DELETE FROM temp.bulk_stamps;`,
    );
  }

  private clock(): { physical: number; counter: number } {
    return this.db.prepare('SELECT physical, counter FROM sync_clock').get() as { physical: number; counter: number };
  }
}
