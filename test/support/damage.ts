import Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Fills the journal's `entries` with enough rows to span many pages, then zeroes one leaf page of that table
 * in the file, as a failing disk might: reads that reach it fail with SQLITE_CORRUPT, writes elsewhere still work.
 */
export function damageEntries(path: string): void {
  const db = new Database(path);
  const insert = db.prepare(
    "INSERT INTO entries(uuid, type, at, mood, note, created_at, updated_at) VALUES (lower(hex(randomblob(4))) || '-0000-4000-8000-' || lower(hex(randomblob(6))), 'mood', ?, 3, ?, 1, 1)",
  );
  db.transaction(() => {
    for (let i = 0; i < 600; i += 1) insert.run(Date.UTC(2026, 0, 1) + i * 3_600_000, `filler ${'x'.repeat(200)}`);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const leaves = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'entries' AND pagetype = 'leaf' ORDER BY pageno")
    .pluck()
    .all() as number[];
  db.close();
  const page = leaves[Math.floor(leaves.length / 2)];
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}
