import Database from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { APPLICATION_ID } from '../../src/db/journal';
import { MIGRATIONS } from '../../src/db/migrations';

/** A journal as an older connect left it: schema `version`, one person in it, 0600 in a 0700 folder. */
export function writeOldJournal(path: string, version: number): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new Database(path);
  try {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const migration of MIGRATIONS.filter((m) => m.version <= version)) migration.up(db);
    db.prepare(
      "INSERT INTO people(uuid, name, created_at, updated_at) VALUES ('7f0c1a52-0000-4000-8000-000000000001', 'Old Friend', 0, 0)",
    ).run();
    db.pragma(`user_version = ${version}`);
  } finally {
    db.close();
  }
  chmodSync(path, 0o600);
}

/** Marks a journal as written by a connect from the future. */
export function makeNewer(path: string, version: number): void {
  const db = new Database(path);
  try {
    db.pragma(`user_version = ${version}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
