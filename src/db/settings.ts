import type Database from 'better-sqlite3';
import { SETTINGS, settingDefinition } from '../core/settings';

export function getSetting(db: Database.Database | null, key: string): string {
  const definition = settingDefinition(key);
  const stored = db?.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(definition.key) as
    | string
    | undefined;
  return stored ?? definition.defaultValue;
}

export function listSettings(
  db: Database.Database | null,
): { key: string; value: string; isDefault: boolean; description: string }[] {
  return SETTINGS.map((definition) => {
    const stored = db?.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(definition.key) as
      | string
      | undefined;
    return {
      key: definition.key,
      value: stored ?? definition.defaultValue,
      isDefault: stored === undefined,
      description: definition.description,
    };
  });
}

export function setSetting(db: Database.Database, now: Date, key: string, value: string): string {
  const definition = settingDefinition(key);
  const parsed = definition.parse(value);
  db.prepare(
    'INSERT INTO settings(key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  ).run(definition.key, parsed, now.getTime());
  return parsed;
}
