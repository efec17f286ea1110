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

/** Entries are summed this many at a time. */
const SUM_ROWS = 25_000;

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
  /** The stamps being written, by rowid past `start`, for bulk_stamp() in SQL. */
  private stamps: { start: number; physicals: Float64Array; counters: Float64Array } | null = null;
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
    db.function('bulk_stamp', { deterministic: true }, (row, which) => {
      const stamps = this.stamps as NonNullable<typeof this.stamps>;
      const at = Number(row) - stamps.start - 1;
      return which === 0 ? stamps.physicals[at] : stamps.counters[at];
    });
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
    if (this.merging === 0) {
      for (const spec of this.stamped) {
        const range = added(spec.table);
        if (range) this.stamp(spec, range);
      }
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
    // A slice at a time: what SQLite sorts stays in bounded memory, and the sums carry over exactly.
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
   * clock after them. Each row is one tick for itself and one for each row of its lists (all at the row's updated
   * time); a tick moves the clock to the larger time, and counts on from 0 after a time larger than the clock's,
   * or else on from the last count. The rows are stepped through in order (two numbers each, in typed arrays), then
   * stamped in key order in one statement: a table of stamps larger than the page cache is filled a page at a time
   * instead of all over, which a million stamps in smaller sorted runs cost ten times as much.
   */
  private stamp(spec: StampedTable, range: { start: number; end: number }): void {
    const ticks = [
      '1',
      ...spec.children.map((c) => `(SELECT count(*) FROM ${ident(c.table)} c WHERE c.${ident(c.parent)} = t.rowid)`),
    ].join(' + ');
    const size = range.end - range.start;
    const physicals = new Float64Array(size);
    const counters = new Float64Array(size);
    let { physical, counter } = this.db.prepare('SELECT physical, counter FROM sync_clock').get() as {
      physical: number;
      counter: number;
    };
    const rows = this.db
      .prepare(
        `SELECT t.rowid, coalesce(t.updated_at, 0), ${ticks} FROM ${ident(spec.table)} t
         WHERE t.rowid > ? AND t.rowid <= ? ORDER BY t.rowid`,
      )
      .raw()
      .iterate(range.start, range.end) as IterableIterator<[number, number, number]>;
    let stepped = 0;
    for (const [row, time, count] of rows) {
      counter = physical >= time ? counter + count : count - 1;
      physical = Math.max(physical, time);
      physicals[row - range.start - 1] = physical;
      counters[row - range.start - 1] = counter;
      stepped += 1;
    }
    if (stepped === 0) return;
    this.stamps = { start: range.start, physicals, counters };
    // Walking the key's own index gives key order without a sort; for a few rows in a large table, a sort is cheaper.
    const index = this.keyIndex(spec);
    const total = this.db
      .prepare(`SELECT count(*) FROM ${ident(spec.table)}`)
      .pluck()
      .get() as number;
    const walk = index !== null && size * 8 >= total ? ` INDEXED BY ${ident(index)}` : '';
    this.db
      .prepare(
        `INSERT INTO sync_stamps(tbl, key, physical, counter, device, gone, local)
         SELECT ${literal(spec.table)}, t.${ident(spec.key)}, bulk_stamp(t.rowid, 0), bulk_stamp(t.rowid, 1), c.device, 0, 1
         FROM ${ident(spec.table)} t${walk}, sync_clock c
         WHERE t.rowid > ? AND t.rowid <= ? AND t.${ident(spec.key)} IS NOT NULL ORDER BY t.${ident(spec.key)}
         ON CONFLICT(tbl, key) DO UPDATE SET physical = excluded.physical, counter = excluded.counter,
           device = excluded.device, gone = excluded.gone, local = 1`,
      )
      .run(range.start, range.end);
    this.stamps = null;
    this.db.prepare('UPDATE sync_clock SET physical = ?, counter = ?').run(physical, counter);
  }

  /**
   * About to add the rows of a file's section: when its table is empty and its key is kept unique by an index of
   * its own (not by a column's UNIQUE, which cannot be dropped), that index is dropped until keyedAgain() builds it
   * once, sorted, instead of taking a million random ids one at a time. Returns whether it was: the rows then go
   * in with no conflict clause. The file's ids are checked unique as it is read, and building the index checks
   * them again. Only where that sort may spill to a file (temp_store not MEMORY; see sortsMaySpill): in memory,
   * sorting a million ids would take about 65 MB more. An index an earlier section left out is built first.
   */
  fillingEmpty(table: string, key: string): boolean {
    this.keyedAgain();
    if (this.db.pragma('temp_store', { simple: true }) === 2) return false;
    if (
      this.db
        .prepare(`SELECT EXISTS (SELECT 1 FROM ${ident(table)})`)
        .pluck()
        .get()
    )
      return false;
    const name = this.keyIndex({ table, key });
    const sql = name
      ? (this.db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?").pluck().get(name) as
          | string
          | null)
      : null;
    if (!name || !sql) return false;
    this.db.exec(`DROP INDEX ${ident(name)}`);
    this.unkeyed = { table, sql };
    return true;
  }

  /** The key index fillingEmpty() dropped, built again from the rows now in its table. */
  keyedAgain(): void {
    if (!this.unkeyed) return;
    this.db.exec(this.unkeyed.sql);
    this.unkeyed = null;
  }

  /** The table being filled without its key index (fillingEmpty): its inserts need no conflict clause. */
  get unkeyedTable(): string | null {
    return this.unkeyed?.table ?? null;
  }

  private unkeyed: { table: string; sql: string } | null = null;

  /** The unique index on a table's key column alone (the one UNIQUE or PRIMARY KEY makes), if there is one. */
  private keyIndex(spec: Pick<StampedTable, 'table' | 'key'>): string | null {
    const name = this.db
      .prepare(
        `SELECT l.name FROM pragma_index_list(?) l WHERE l."unique"
           AND (SELECT count(*) FROM pragma_index_info(l.name)) = 1
           AND (SELECT i.name FROM pragma_index_info(l.name) i) = ?`,
      )
      .pluck()
      .get(spec.table, spec.key) as string | undefined;
    return name ?? null;
  }
}
