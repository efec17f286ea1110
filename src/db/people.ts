import type Database from 'better-sqlite3';
import { UsageError } from '../errors';
import { nearMisses } from '../core/people-match';
import type { Person } from '../core/types';
import { newUuid } from './uuid';

interface PersonRow {
  id: number;
  uuid: string;
  name: string;
  archived: number;
}

export interface StoredPerson extends Person {
  rowId: number;
}

const LIVE = 'deleted_at IS NULL';

const toPerson = (row: PersonRow) => ({ rowId: row.id, id: row.uuid, name: row.name, archived: row.archived === 1 });

function hydrate(db: Database.Database, row: PersonRow): StoredPerson {
  return {
    ...toPerson(row),
    aliases: db
      .prepare('SELECT alias FROM person_aliases WHERE person_id = ? ORDER BY alias')
      .pluck()
      .all(row.id) as string[],
    tags: db.prepare('SELECT tag FROM person_tags WHERE person_id = ? ORDER BY tag').pluck().all(row.id) as string[],
  };
}

export function listPeople(db: Database.Database, options: { includeArchived?: boolean } = {}): StoredPerson[] {
  const rows = db
    .prepare(
      `SELECT id, uuid, name, archived FROM people WHERE ${LIVE} ${options.includeArchived ? '' : 'AND archived = 0'} ORDER BY name COLLATE NOCASE`,
    )
    .all() as PersonRow[];
  // Everyone's aliases and tags in one query each, not two per person.
  const byPerson = (sql: string) => {
    const found = new Map<number, string[]>();
    for (const [id, text] of db.prepare(sql).raw().all() as [number, string][]) {
      const list = found.get(id);
      if (list) list.push(text);
      else found.set(id, [text]);
    }
    return found;
  };
  const aliases = byPerson('SELECT person_id, alias FROM person_aliases ORDER BY person_id, alias');
  const tags = byPerson('SELECT person_id, tag FROM person_tags ORDER BY person_id, tag');
  return rows.map((row) => ({ ...toPerson(row), aliases: aliases.get(row.id) ?? [], tags: tags.get(row.id) ?? [] }));
}

/** Everyone whose name or alias is the typed text, or whose first name it is; case-insensitive. */
function candidates(db: Database.Database, typed: string): PersonRow[] {
  const exact = db
    .prepare(
      `SELECT DISTINCT p.id, p.uuid, p.name, p.archived FROM people p LEFT JOIN person_aliases a ON a.person_id = p.id
       WHERE p.${LIVE} AND (p.name = ? COLLATE NOCASE OR a.alias = ? COLLATE NOCASE) ORDER BY p.name`,
    )
    .all(typed, typed) as PersonRow[];
  if (exact.length > 0) return exact;
  return db
    .prepare(
      `SELECT id, uuid, name, archived FROM people WHERE ${LIVE} AND name LIKE ? ESCAPE '\\' ORDER BY name COLLATE NOCASE`,
    )
    .all(`${typed.replace(/[\\%_]/g, (c) => `\\${c}`)} %`) as PersonRow[];
}

/** The one person the typed name means, or null if no one; several matches are a usage error. */
export function findPerson(db: Database.Database, typed: string): StoredPerson | null {
  const found = candidates(db, typed);
  if (found.length > 1) {
    throw new UsageError(`"${typed}" could mean ${found.map((p) => p.name).join(' or ')}.`, 'Use the full name.');
  }
  return found.length === 1 ? hydrate(db, found[0]) : null;
}

export function requirePerson(db: Database.Database, typed: string): StoredPerson {
  const person = findPerson(db, typed);
  if (!person) throw new UsageError(`No one called "${typed}" in the journal.`, 'connect people lists everyone.');
  return person;
}

export function addPerson(
  db: Database.Database,
  now: Date,
  name: string,
  extras: { aliases?: string[]; tags?: string[]; uuid?: string } = {},
): StoredPerson {
  const clash = candidates(db, name).find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (clash)
    throw new UsageError(
      `"${clash.name}" is already in the journal.`,
      'Add an alias with --alias, or use a fuller name.',
    );
  const stamp = now.getTime();
  const uuid = extras.uuid ?? newUuid(db);
  const { lastInsertRowid } = db
    .prepare('INSERT INTO people(uuid, name, created_at, updated_at) VALUES (?, ?, ?, ?)')
    .run(uuid, name, stamp, stamp);
  const rowId = Number(lastInsertRowid);
  for (const alias of extras.aliases ?? []) addAlias(db, rowId, alias);
  for (const tag of extras.tags ?? [])
    db.prepare('INSERT OR IGNORE INTO person_tags(person_id, tag) VALUES (?, ?)').run(rowId, tag);
  return hydrate(db, { id: rowId, uuid, name, archived: 0 });
}

/** Everyone (archived too) a name that is no one's may have meant: typos, surnames, the start of a name. */
export function nearPeople(db: Database.Database, typed: string): StoredPerson[] {
  return nearMisses(typed, listPeople(db, { includeArchived: true }));
}

/** Another name someone goes by; one that already stands for someone is refused. */
export function addAliasTo(db: Database.Database, now: Date, person: StoredPerson, alias: string): void {
  if (person.name.toLowerCase() === alias.toLowerCase())
    throw new UsageError(`"${alias}" is already ${person.name}’s name.`);
  addAlias(db, person.rowId, alias);
  touch(db, person.rowId, now);
}

/** Takes an alias away (a typo kept by a merge, a name no longer used); the name itself stays. */
export function removeAlias(db: Database.Database, now: Date, person: StoredPerson, alias: string): string {
  const found = person.aliases.find((a) => a.toLowerCase() === alias.toLowerCase());
  if (!found) {
    const known = person.aliases.length
      ? `${person.name}’s aliases are ${person.aliases.join(', ')}.`
      : `${person.name} has no aliases.`;
    throw new UsageError(`"${alias}" is not an alias of ${person.name}. ${known}`);
  }
  db.prepare('DELETE FROM person_aliases WHERE person_id = ? AND alias = ?').run(person.rowId, found);
  touch(db, person.rowId, now);
  return found;
}

function addAlias(db: Database.Database, rowId: number, alias: string): void {
  const owner = db
    .prepare(
      `SELECT p.name FROM people p LEFT JOIN person_aliases a ON a.person_id = p.id
       WHERE p.${LIVE} AND p.id != ? AND (p.name = ? COLLATE NOCASE OR a.alias = ? COLLATE NOCASE) LIMIT 1`,
    )
    .pluck()
    .get(rowId, alias, alias) as string | undefined;
  if (owner) throw new UsageError(`"${alias}" already stands for ${owner}.`, 'Pick another alias.');
  db.prepare('INSERT OR IGNORE INTO person_aliases(person_id, alias) VALUES (?, ?)').run(rowId, alias);
}

/** Finds each typed name, creating the ones the journal does not know yet. */
export function resolveOrCreate(
  db: Database.Database,
  now: Date,
  names: string[],
): { people: StoredPerson[]; created: string[] } {
  const people: StoredPerson[] = [];
  const created: string[] = [];
  for (const name of names) {
    let person = findPerson(db, name);
    if (!person) {
      person = addPerson(db, now, name);
      created.push(person.name);
    }
    if (!people.some((p) => p.rowId === person.rowId)) people.push(person);
  }
  return { people, created };
}

function touch(db: Database.Database, rowId: number, now: Date): void {
  db.prepare('UPDATE people SET updated_at = ? WHERE id = ?').run(now.getTime(), rowId);
}

export function renamePerson(db: Database.Database, now: Date, person: StoredPerson, newName: string): void {
  const clash = candidates(db, newName).find(
    (p) => p.id !== person.rowId && p.name.toLowerCase() === newName.toLowerCase(),
  );
  if (clash)
    throw new UsageError(
      `"${clash.name}" is already in the journal.`,
      `To bring the two together: connect people merge "${person.name}" "${clash.name}"`,
    );
  db.prepare('UPDATE people SET name = ?, updated_at = ? WHERE id = ?').run(newName, now.getTime(), person.rowId);
  // The old name keeps working as an alias, so old habits and scripts still find them.
  if (person.name.toLowerCase() !== newName.toLowerCase()) {
    db.prepare('INSERT OR IGNORE INTO person_aliases(person_id, alias) VALUES (?, ?)').run(person.rowId, person.name);
  }
  db.prepare('DELETE FROM person_aliases WHERE person_id = ? AND alias = ? COLLATE NOCASE').run(person.rowId, newName);
}

export function setArchived(db: Database.Database, now: Date, person: StoredPerson, archived: boolean): void {
  db.prepare('UPDATE people SET archived = ?, updated_at = ? WHERE id = ?').run(
    archived ? 1 : 0,
    now.getTime(),
    person.rowId,
  );
}

/** Moves everything of `from` onto `into`; `from`'s name and aliases become aliases of `into`. */
export function mergePeople(
  db: Database.Database,
  now: Date,
  from: StoredPerson,
  into: StoredPerson,
): { entries: number } {
  if (from.rowId === into.rowId) throw new UsageError(`"${from.name}" and "${into.name}" are already the same person.`);
  const stamp = now.getTime();
  const moved = db.prepare('SELECT entry_id FROM entry_people WHERE person_id = ?').pluck().all(from.rowId) as number[];
  db.prepare(
    `UPDATE entry_people SET person_id = ? WHERE person_id = ?
       AND entry_id NOT IN (SELECT entry_id FROM entry_people WHERE person_id = ?)`,
  ).run(into.rowId, from.rowId, into.rowId);
  db.prepare('DELETE FROM entry_people WHERE person_id = ?').run(from.rowId);
  db.prepare(
    `UPDATE touchpoint_people SET person_id = ? WHERE person_id = ?
       AND touchpoint_id NOT IN (SELECT touchpoint_id FROM touchpoint_people WHERE person_id = ?)`,
  ).run(into.rowId, from.rowId, into.rowId);
  db.prepare('DELETE FROM touchpoint_people WHERE person_id = ?').run(from.rowId);
  const stampEntry = db.prepare('UPDATE entries SET updated_at = ? WHERE id = ?');
  for (const entryId of moved) stampEntry.run(stamp, entryId);
  const aliases = [from.name, ...from.aliases].filter((a) => a.toLowerCase() !== into.name.toLowerCase());
  db.prepare('DELETE FROM person_aliases WHERE person_id = ?').run(from.rowId);
  for (const alias of aliases)
    db.prepare('INSERT OR IGNORE INTO person_aliases(person_id, alias) VALUES (?, ?)').run(into.rowId, alias);
  db.prepare(
    'INSERT OR IGNORE INTO person_tags(person_id, tag) SELECT ?, tag FROM person_tags WHERE person_id = ?',
  ).run(into.rowId, from.rowId);
  db.prepare('DELETE FROM person_tags WHERE person_id = ?').run(from.rowId);
  db.prepare('UPDATE people SET merged_into = ?, deleted_at = ?, updated_at = ? WHERE id = ?').run(
    into.id,
    stamp,
    stamp,
    from.rowId,
  );
  touch(db, into.rowId, now);
  return { entries: moved.length };
}
