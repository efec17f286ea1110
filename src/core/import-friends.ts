import { UsageError } from '../errors';
import { stableUuid } from './stable-uuid';
import { parseName } from './vocabulary';
import { isFuture } from './when';

/**
 * The friends.md file of the Ruby CLI "friends": `### Activities:`, `### Notes:`, `### Friends:` and
 * `### Locations:` sections of `- ` lines. Parsed here into what the journal keeps; nothing is written.
 */

export interface FriendsPerson {
  uuid: string;
  name: string;
  aliases: string[];
  /** `@tags` without the @, plus `location:Place` for the friend's [Location]. */
  tags: string[];
  line: number;
}

export interface FriendsEvent {
  uuid: string;
  /** Activities become interactions; notes (facts about friends, not time together) become note-only entries. */
  kind: 'activity' | 'note';
  at: Date;
  /** Full names of the friends it was with, as listed under ### Friends (or as bolded when unlisted). */
  people: string[];
  note: string;
  line: number;
}

export interface FriendsFile {
  people: FriendsPerson[];
  events: FriendsEvent[];
  /** The ### Locations: list: places, kept on the people they are tagged on and in the notes that name them. */
  locations: string[];
}

/** A friend's id comes from their name, so every import of the same friends.md finds them again. */
export const friendUuid = (name: string): string => stableUuid(`friends\u001fperson\u001f${name.toLowerCase()}`);

/**
 * friends.md's ### Locations: list as a note of its own (connect keeps no list of places), with an id from the
 * places themselves: importing the same list again adds nothing. Null when the file lists none.
 */
export function placesNote(locations: readonly string[]): { uuid: string; note: string } | null {
  if (locations.length === 0) return null;
  const sorted = [...locations].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  return {
    uuid: stableUuid(`friends\u001flocations\u001f${sorted.join('\u001f').toLowerCase()}`),
    note: `Places from friends.md: ${sorted.join(', ')}`,
  };
}

type Section = 'activities' | 'notes' | 'friends' | 'locations';
const SECTIONS: Record<string, Section> = {
  activities: 'activities',
  notes: 'notes',
  friends: 'friends',
  locations: 'locations',
};
const EXPECTED = 'a friends.md file: expected sections like "### Activities:" and "### Friends:" holding "- " lines';

const notFriends = (what: string) =>
  new UsageError(
    `${what} is not ${EXPECTED}.`,
    'Point at the friends.md of the "friends" CLI, or pick another --from.',
  );

/** "Grace Hopper (a.k.a. The Admiral a.k.a. Amazing Grace) [Paris] @navy @science" */
function parseFriend(text: string, line: number, what: string): Omit<FriendsPerson, 'uuid'> {
  const match = /^(.*?)\s*(?:\(\s*a\.k\.a\.\s*(.*?)\))?\s*(?:\[([^\]]*)\])?\s*((?:@\S+\s*)*)$/i.exec(text.trim());
  const where = `${what} line ${line}`;
  if (!match?.[1])
    throw new UsageError(`${where}: expected "- Name (a.k.a. Nickname) [Location] @tag"; got "${text.trim()}".`);
  const name = parseName(match[1], `${where}: a friend’s name`);
  const aliases = match[2]
    ? match[2]
        .split(/\s*a\.k\.a\.\s*/i)
        .map((a) => a.trim())
        .filter(Boolean)
        .map((a) => parseName(a, `${where}: a nickname`))
    : [];
  const tags = (match[4] ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((tag) => tag.slice(1))
    .filter(Boolean);
  const location = match[3]?.trim();
  if (location) tags.push(`location:${location}`);
  return { name, aliases, tags: [...new Set(tags)], line };
}

/** Bold names are friends; the rest of the markup is dropped so the note reads as plain text. */
function plainText(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|[\s(])_(.+?)_(?=$|[\s).,;:!?'"])/g, '$1$2')
    .trim();
}

/** Noon of a local day (or now, on today before noon); null when the day is not on the calendar. */
function localNoon(date: string, now: Date | null): Date | null {
  const [year, month, day] = date.split('-').map(Number);
  const at = new Date(year, month - 1, day, 12);
  if (at.getFullYear() !== year || at.getMonth() !== month - 1 || at.getDate() !== day) return null;
  return now && at.getTime() > now.getTime() && !isFuture(new Date(year, month - 1, day), now) ? now : at;
}

/** Matches a bolded name to a listed friend by name, nickname, or a first name that only one friend has. */
function resolveName(typed: string, people: FriendsPerson[], where: string): string {
  const wanted = typed.trim().toLowerCase();
  const exact =
    people.find((p) => p.name.toLowerCase() === wanted) ??
    people.find((p) => p.aliases.some((a) => a.toLowerCase() === wanted));
  if (exact) return exact.name;
  const byFirst = people.filter((p) => p.name.toLowerCase().split(' ')[0] === wanted);
  if (byFirst.length > 1)
    throw new UsageError(
      `${where}: "${typed}" could mean ${byFirst.map((p) => p.name).join(' or ')}; write the full name in bold.`,
    );
  return byFirst.length === 1 ? byFirst[0].name : parseName(typed, `${where}: a friend’s name`);
}

/**
 * An empty file is an empty journal, as friends itself treats it. A day after `now`'s is refused by the rule
 * --when uses, naming the line.
 */
export function parseFriendsFile(text: string, what = 'This file', now: Date | null = null): FriendsFile {
  if (text.includes('\u0000')) throw notFriends(what);
  if (text.replace(/^\uFEFF/, '').trim() === '') return { people: [], events: [], locations: [] };
  let section: Section | null = null;
  let sawSection = false;
  const friendLines: { text: string; line: number }[] = [];
  const eventLines: { kind: FriendsEvent['kind']; text: string; line: number }[] = [];
  const locations: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const heading = /^#{1,6}\s*(.+?)\s*:?\s*$/.exec(trimmed);
    if (heading) {
      section = SECTIONS[heading[1].toLowerCase()] ?? null;
      if (!section)
        throw new UsageError(
          `${what} line ${line}: "${trimmed}" is not a friends.md section; expected ### Activities:, ### Notes:, ### Friends: or ### Locations:.`,
        );
      sawSection = true;
      return;
    }
    const item = /^[-*]\s+(.*)$/.exec(trimmed);
    if (!section || !item) {
      if (!sawSection) throw notFriends(what);
      throw new UsageError(
        `${what} line ${line}: expected a "- " line under a section; got "${trimmed.slice(0, 60)}".`,
      );
    }
    if (section === 'friends') friendLines.push({ text: item[1], line });
    else if (section === 'locations')
      locations.push(
        parseName(plainText(item[1]).replace(/\s*\(\s*a\.k\.a\..*\)\s*$/i, ''), `${what} line ${line}: a location`),
      );
    else if (section === 'activities' || section === 'notes')
      eventLines.push({ kind: section === 'activities' ? 'activity' : 'note', text: item[1], line });
  });
  if (!sawSection) throw notFriends(what);

  const people: FriendsPerson[] = [];
  for (const { text: friend, line } of friendLines) {
    const parsed = parseFriend(friend, line, what);
    const same = people.find((p) => p.name.toLowerCase() === parsed.name.toLowerCase());
    if (same) {
      same.aliases = [...new Set([...same.aliases, ...parsed.aliases])];
      same.tags = [...new Set([...same.tags, ...parsed.tags])];
    } else {
      people.push({ ...parsed, uuid: friendUuid(parsed.name) });
    }
  }

  const seen = new Map<string, number>();
  const events = eventLines.map(({ kind, text: event, line }): FriendsEvent => {
    const where = `${what} line ${line}`;
    const match = /^(\d{4}-\d{2}-\d{2})\s*:\s*(.*)$/.exec(event.trim());
    if (!match)
      throw new UsageError(`${where}: expected "- YYYY-MM-DD: what happened"; got "${event.trim().slice(0, 60)}".`);
    const at = localNoon(match[1], now);
    if (!at) throw new UsageError(`${where}: "${match[1]}" is not a date on the calendar; expected YYYY-MM-DD.`);
    if (now && isFuture(new Date(at.getFullYear(), at.getMonth(), at.getDate()), now)) {
      throw new UsageError(`${where}: ${match[1]} is in the future; connect keeps what already happened.`);
    }
    const note = plainText(match[2]);
    if (note.length > 2000)
      throw new UsageError(`${where}: the text can be at most 2000 characters; got ${note.length}.`);
    const names = [...match[2].matchAll(/\*\*(.+?)\*\*/g)].map((m) => resolveName(m[1], people, where));
    const content = `${kind}\u001f${match[1]}\u001f${match[2].trim()}`;
    // The same line twice stays two entries, and the same two on every import.
    const occurrence = (seen.get(content) ?? 0) + 1;
    seen.set(content, occurrence);
    return {
      uuid: stableUuid(`friends\u001f${content}\u001f${occurrence}`),
      kind,
      at,
      people: [...new Set(names)],
      note,
      line,
    };
  });
  return { people, events, locations: [...new Map(locations.map((place) => [place.toLowerCase(), place])).values()] };
}
