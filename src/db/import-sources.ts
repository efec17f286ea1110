import type Database from 'better-sqlite3';
import type { DaylioMood } from '../core/import-daylio';
import { friendUuid, placesNote, type FriendsFile, type FriendsPerson } from '../core/import-friends';
import { insertInteraction, insertMood } from './entries';
import { addPerson, findPerson, type StoredPerson } from './people';
import type { ImportTally, Tally } from './transfer';
import { EMPTY_INTERACTION } from '../core/entry-input';

/**
 * Writes what the friends.md and Daylio readers found. Ids are derived from the file's content, so a
 * second import of the same file finds everything already there and adds nothing.
 */

const emptyTally = (): Tally => ({ added: 0, updated: 0, unchanged: 0 });

const entryExists = (db: Database.Database, uuid: string) =>
  db.prepare('SELECT 1 FROM entries WHERE uuid = ?').get(uuid) !== undefined;

interface PersonRow {
  id: number;
  uuid: string;
  name: string;
  deleted_at: number | null;
  merged_into: string | null;
}

function personByUuid(db: Database.Database, uuid: string): PersonRow | undefined {
  return db.prepare('SELECT id, uuid, name, deleted_at, merged_into FROM people WHERE uuid = ?').get(uuid) as
    | PersonRow
    | undefined;
}

/** Someone already in the journal under this exact name or alias (no first-name guessing for imports). */
function exactPerson(db: Database.Database, name: string): StoredPerson | null {
  const row = db
    .prepare(
      `SELECT p.name FROM people p LEFT JOIN person_aliases a ON a.person_id = p.id
       WHERE p.deleted_at IS NULL AND (p.name = ? COLLATE NOCASE OR a.alias = ? COLLATE NOCASE) ORDER BY p.name = ? COLLATE NOCASE DESC LIMIT 1`,
    )
    .pluck()
    .get(name, name, name) as string | undefined;
  return row ? findPerson(db, row) : null;
}

function nameTaken(db: Database.Database, rowId: number, text: string): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM people p LEFT JOIN person_aliases a ON a.person_id = p.id
         WHERE p.deleted_at IS NULL AND p.id != ? AND (p.name = ? COLLATE NOCASE OR a.alias = ? COLLATE NOCASE) LIMIT 1`,
      )
      .get(rowId, text, text) !== undefined
  );
}

/** A friend from the file: found (and given any nicknames and tags they lack) or added with a stable id. */
function upsertFriend(db: Database.Database, now: Date, friend: FriendsPerson, tally: Tally): StoredPerson | null {
  const previous = personByUuid(db, friend.uuid);
  // Removed or merged since the last import: the journal's choice stands.
  if (previous?.deleted_at != null) {
    tally.unchanged += 1;
    return previous.merged_into ? findPersonByUuid(db, previous.merged_into) : null;
  }
  const person = (previous ? findPersonByUuid(db, previous.uuid) : null) ?? exactPerson(db, friend.name);
  if (!person) {
    const aliases = friend.aliases.filter(
      (a) => a.toLowerCase() !== friend.name.toLowerCase() && !nameTaken(db, -1, a),
    );
    tally.added += 1;
    return addPerson(db, now, friend.name, { aliases, tags: friend.tags, uuid: friend.uuid });
  }
  let changed = false;
  for (const alias of friend.aliases) {
    if (
      alias.toLowerCase() === person.name.toLowerCase() ||
      person.aliases.some((a) => a.toLowerCase() === alias.toLowerCase())
    )
      continue;
    if (nameTaken(db, person.rowId, alias)) continue;
    db.prepare('INSERT OR IGNORE INTO person_aliases(person_id, alias) VALUES (?, ?)').run(person.rowId, alias);
    changed = true;
  }
  for (const tag of friend.tags) {
    changed =
      db.prepare('INSERT OR IGNORE INTO person_tags(person_id, tag) VALUES (?, ?)').run(person.rowId, tag).changes >
        0 || changed;
  }
  if (changed) db.prepare('UPDATE people SET updated_at = ? WHERE id = ?').run(now.getTime(), person.rowId);
  tally[changed ? 'updated' : 'unchanged'] += 1;
  return person;
}

function findPersonByUuid(db: Database.Database, uuid: string): StoredPerson | null {
  let row = personByUuid(db, uuid);
  for (let hops = 0; row?.deleted_at != null && row.merged_into && hops < 20; hops += 1)
    row = personByUuid(db, row.merged_into);
  if (!row || row.deleted_at !== null) return null;
  return findPerson(db, row.name);
}

export function importFriends(db: Database.Database, now: Date, file: FriendsFile): ImportTally {
  const people = emptyTally();
  const entries = emptyTally();
  const byName = new Map<string, StoredPerson>();
  for (const friend of file.people) {
    const person = upsertFriend(db, now, friend, people);
    if (person) byName.set(friend.name.toLowerCase(), person);
  }
  const personFor = (name: string): StoredPerson => {
    const known = byName.get(name.toLowerCase()) ?? exactPerson(db, name);
    if (known) return known;
    // A bolded name missing from ### Friends: still someone, added once with an id from their name.
    const friend: FriendsPerson = { uuid: friendUuid(name), name, aliases: [], tags: [], line: 0 };
    const added = upsertFriend(db, now, friend, people) ?? addPerson(db, now, name);
    byName.set(name.toLowerCase(), added);
    return added;
  };
  for (const event of file.events) {
    if (entryExists(db, event.uuid)) {
      entries.unchanged += 1;
      continue;
    }
    const linked = [...new Map(event.people.map(personFor).map((p) => [p.rowId, p])).values()];
    if (event.kind === 'note') {
      insertMood(db, now, { at: event.at, mood: null, energy: null, note: event.note || null }, event.uuid, linked);
    } else {
      insertInteraction(
        db,
        now,
        { ...EMPTY_INTERACTION, at: event.at, people: linked.map((p) => p.name), note: event.note || null },
        linked,
        event.uuid,
      );
    }
    entries.added += 1;
  }
  const places = placesNote(file.locations);
  if (places && entryExists(db, places.uuid)) entries.unchanged += 1;
  else if (places) {
    insertMood(db, now, { at: now, mood: null, energy: null, note: places.note }, places.uuid);
    entries.added += 1;
  }
  return { people, entries };
}

export function importDaylio(db: Database.Database, now: Date, moods: DaylioMood[]): ImportTally {
  const entries = emptyTally();
  for (const mood of moods) {
    if (entryExists(db, mood.uuid)) {
      entries.unchanged += 1;
      continue;
    }
    insertMood(db, now, { at: mood.at, mood: mood.mood, energy: null, note: mood.note }, mood.uuid);
    entries.added += 1;
  }
  return { entries };
}
