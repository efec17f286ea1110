import type Database from 'better-sqlite3';
import { UNDOABLE_TABLES } from './migrations';

/** How many write commands `connect undo` can step back through. */
const UNDO_DEPTH = 50;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** undo_log's own columns; the rest (v1, v2, …) hold a changed or deleted row's old values. */
const LOG_COLUMNS = 3;

/** Gives undo_log a value column for each column of the widest undoable table. */
function ensureValueColumns(db: Database.Database, needed: number): void {
  const have = (db.pragma('table_info(undo_log)') as unknown[]).length - LOG_COLUMNS;
  for (let i = have + 1; i <= needed; i++) db.exec(`ALTER TABLE undo_log ADD COLUMN v${i}`);
}

/**
 * (Re)creates the triggers that record, for every change to an undoable table, the statement that reverts it.
 * A changed or deleted row's old values are kept as they are in the log row's value columns, and its statement
 * reads them back from there (`WHERE seq = ` its own row): no value is ever turned into SQL text, so any text
 * (a NUL in it too), number or blob comes back exactly. Generated from the live columns, so a migration that adds
 * a column is covered too.
 */
export function installUndoTriggers(db: Database.Database): void {
  const tables = UNDOABLE_TABLES.map((table) => ({
    table,
    columns: (db.pragma(`table_info(${ident(table)})`) as { name: string }[]).map((c) => c.name),
  }));
  ensureValueColumns(db, Math.max(...tables.map((t) => t.columns.length)));
  for (const { table, columns } of tables) {
    for (const kind of ['insert', 'update', 'delete'])
      db.exec(`DROP TRIGGER IF EXISTS ${ident(`undo_${table}_${kind}`)}`);
    if (columns.length === 0) continue;
    const t = ident(table);
    const values = columns.map((_, i) => `v${i + 1}`).join(',');
    const names = columns.map(ident).join(',');
    const saved = `FROM undo_log WHERE seq = `;
    // The log row's seq is chosen here (the next one SQLite would give) so that its statement can name it.
    const record = (statement: string) => `
        INSERT INTO undo_log(seq, statement, ${values})
          SELECT s, ${statement}, ${columns.map((c) => `old.${ident(c)}`).join(',')}
          FROM (SELECT coalesce(max(seq), 0) + 1 AS s FROM undo_log);`;
    const set = columns.length === 1 ? `${names} = (SELECT ${values} ` : `(${names}) = (SELECT ${values} `;
    db.exec(`
      CREATE TRIGGER ${ident(`undo_${table}_insert`)} AFTER INSERT ON ${t} BEGIN
        INSERT INTO undo_log(statement) VALUES ('DELETE FROM '||${literal(t)}||' WHERE rowid='||new.rowid);
      END;
      CREATE TRIGGER ${ident(`undo_${table}_update`)} AFTER UPDATE ON ${t} BEGIN${record(
        `${literal(`UPDATE ${t} SET ${set}${saved}`)}||s||') WHERE rowid='||old.rowid`,
      )}
      END;
      CREATE TRIGGER ${ident(`undo_${table}_delete`)} BEFORE DELETE ON ${t} BEGIN${record(
        `${literal(`INSERT INTO ${t}(rowid,${names}) SELECT `)}||old.rowid||${literal(`,${values} ${saved}`)}||s`,
      )}
      END;
    `);
  }
}

/** Gathers the changes recorded since the last group into a new group; false if nothing changed. */
export function closeUndoGroup(db: Database.Database, label: string, now: Date): boolean {
  const group = db.prepare('INSERT INTO undo_groups(label, at) VALUES (?, ?)').run(label, now.getTime());
  const changes = db.prepare('UPDATE undo_log SET grp = ? WHERE grp IS NULL').run(group.lastInsertRowid).changes;
  if (changes === 0) {
    db.prepare('DELETE FROM undo_groups WHERE id = ?').run(group.lastInsertRowid);
    return false;
  }
  const oldest = db
    .prepare('SELECT id FROM undo_groups ORDER BY id DESC LIMIT 1 OFFSET ?')
    .pluck()
    .get(UNDO_DEPTH - 1) as number | undefined;
  if (oldest !== undefined) {
    db.prepare('DELETE FROM undo_log WHERE grp < ?').run(oldest);
    db.prepare('DELETE FROM undo_groups WHERE id < ?').run(oldest);
  }
  return true;
}

/** Changes recorded outside any command (migrations) are not something to undo. */
export function discardOpenUndoRecords(db: Database.Database): void {
  db.prepare('DELETE FROM undo_log WHERE grp IS NULL').run();
}

export interface UndoneWrite {
  label: string;
  at: Date;
  /** People this undo parted whose merge already went out at a sync: the next sync merges them again. */
  mergedAgain: { person: string; into: string | null }[];
}

/** People merged anywhere (as far as sync knows) who are not merged here: the next sync merges them again. */
const unmergedHere = (db: Database.Database) =>
  db
    .prepare(
      `SELECT p.uuid, p.name AS person, t.name AS into_name FROM sync_merged m
         JOIN people p ON p.uuid = m.uuid LEFT JOIN people t ON t.uuid = m.merged_into
       WHERE p.deleted_at IS NULL ORDER BY p.name, p.uuid`,
    )
    .all() as { uuid: string; person: string; into_name: string | null }[];

/** Reverts the most recent group of changes; null when there is nothing left to undo. */
export function revertLastGroup(db: Database.Database): UndoneWrite | null {
  const group = db.prepare('SELECT id, label, at FROM undo_groups ORDER BY id DESC LIMIT 1').get() as
    | { id: number; label: string; at: number }
    | undefined;
  if (!group) return null;
  const statements = db
    .prepare('SELECT statement FROM undo_log WHERE grp = ? ORDER BY seq DESC')
    .pluck()
    .all(group.id) as string[];
  const parted = new Set(unmergedHere(db).map((row) => row.uuid));
  db.pragma('defer_foreign_keys = ON');
  for (const statement of statements) db.prepare(statement).run();
  db.prepare('DELETE FROM undo_log WHERE grp IS NULL OR grp = ?').run(group.id);
  db.prepare('DELETE FROM undo_groups WHERE id = ?').run(group.id);
  const mergedAgain = unmergedHere(db)
    .filter((row) => !parted.has(row.uuid))
    .map((row) => ({ person: row.person, into: row.into_name }));
  return { label: group.label, at: new Date(group.at), mergedAgain };
}
