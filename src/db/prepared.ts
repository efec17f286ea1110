import type Database from 'better-sqlite3';

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The statement for `sql`, prepared once for each connection: for a query a command runs again and again (a day
 * of the calendar, a person of `next` or `people`, the sync clock), which SQLite would otherwise compile each time.
 */
export function preparedOnce(db: Database.Database, sql: string): Database.Statement {
  let bySql = statements.get(db);
  if (!bySql) {
    bySql = new Map();
    statements.set(db, bySql);
  }
  let statement = bySql.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    bySql.set(sql, statement);
  }
  return statement;
}
