// Builds realistic journals for `npm run bench`, straight into SQLite through the real migrations
// (openForWriting) — far faster than a million `connect log` runs. Bundled by bench.mjs on the fly.
import { randomUUID } from 'node:crypto';
import { openForWriting } from '../src/db/journal';
import { fillSummaries } from '../src/db/migrations';
import { installUndoTriggers } from '../src/db/undo';

export interface JournalSpec {
  years: number;
  interactions: number;
  moods: number;
  people: number;
  /** Loneliness check-ins, spread over the years like the entries (none when absent). */
  checkins?: number;
  /** Rows without sync stamps, for a journal that is only exported (an export holds none): faster to build. */
  unstamped?: boolean;
}

const NAMES =
  `Sam Ana Mum Dad Kai Lee Jo Priya Tom Mia Noah Ella Omar Zoe Ivan Lena Raj Nina Ben Aisha Leo Maya Finn Sara
  Hugo Chloe Yusuf Ines Theo Lucia Max Hana Olek Rosa Eli Tara Jonas Amira Felix Nora Ravi Ida Paul Clara Tim Lina Marco Elif
  Sven Ayla Nico Greta Arun Freya Luca Mei Oskar Vera Emil Dana`.split(/\s+/);

const CHANNELS: [string, number][] = [
  ['text', 35],
  ['in-person', 25],
  ['call', 15],
  ['video', 10],
  ['voice-message', 8],
  ['online', 7],
];
const ACTIVITIES = [
  'walk',
  'book club',
  'exercise class',
  'volunteering',
  'support group',
  'coffee',
  'climbing',
  'cooking',
];
const FELT = ['safe', 'nonjudgmental', 'available'];
const INITIATED = ['me', 'them', 'mutual'];
const NOTES = [
  'talked about the move',
  'laughed a lot',
  'quiet but good',
  'caught up on the kids',
  'long walk by the river',
  'short and sweet',
];

/** A small deterministic PRNG (mulberry32), so every bench run measures the same journals. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(rand: () => number, items: [T, number][]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let pick = rand() * total;
  for (const [item, w] of items) {
    pick -= w;
    if (pick <= 0) return item;
  }
  return items[items.length - 1][0];
}

/** Writes a journal ending at `now`, spread over `spec.years`; returns the people's names, most seen first. */
export function buildJournal(path: string, spec: JournalSpec, now: Date, seed = 42): string[] {
  const rand = random(seed);
  const chance = (p: number) => rand() < p;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const { journal } = openForWriting(path);
  const { db } = journal;
  // Bulk rows are not something to undo: lift the undo triggers while filling, put them back after.
  const triggers = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'undo_%'")
    .pluck()
    .all() as string[];
  for (const name of triggers) db.exec(`DROP TRIGGER "${name}"`);
  // Triggers lifted while filling and put back after, as they were.
  const lift = (prefix: string) => {
    const lifted = db
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE ? || '\\_%' ESCAPE '\\'")
      .all(prefix) as { name: string; sql: string }[];
    for (const { name } of lifted) db.exec(`DROP TRIGGER "${name}"`);
    return lifted;
  };
  // The summaries' triggers: the summaries are worked out once from all the rows after.
  const summaryTriggers = lift('summary');
  // Unstamped, the sync triggers too.
  const syncTriggers = spec.unstamped ? lift('sync') : [];

  const names = NAMES.slice(0, spec.people);
  // Zipf-like: a few people are seen often, most now and then.
  const personWeights: [number, number][] = names.map((_, i) => [i + 1, 1 / (i + 1)]);
  const end = now.getTime() - 3_600_000;
  const start = end - spec.years * 365.25 * 86_400_000;
  const instants = (count: number) =>
    Array.from({ length: count }, () => Math.floor(start + rand() * (end - start))).sort((a, b) => a - b);

  db.transaction(() => {
    const addPerson = db.prepare('INSERT INTO people(id, uuid, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    names.forEach((name, i) => {
      addPerson.run(i + 1, randomUUID(), name, start, start);
    });
    // Positional parameters: binding a fresh object of named ones for every row took four times as long.
    const addEntry = db.prepare(
      `INSERT INTO entries(uuid, type, at, channel, activity, small, minutes, mood_before, mood_after, felt, quality, initiated, mood, energy, note, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const addMood = (at: number, mood: number, energy: number | null, note: string | null) =>
      addEntry.run(
        randomUUID(),
        'mood',
        at,
        null,
        null,
        0,
        null,
        null,
        null,
        null,
        null,
        null,
        mood,
        energy,
        note,
        at,
        at,
      );
    const link = db.prepare('INSERT INTO entry_people(entry_id, person_id, position, at) VALUES (?, ?, ?, ?)');
    const interactions = instants(spec.interactions);
    const moods = instants(spec.moods);
    let m = 0;
    for (const at of interactions) {
      while (m < moods.length && moods[m] <= at) {
        // Arguments are worked out in order: the draws come as every journal built before made them.
        addMood(moods[m++], between(1, 5), chance(0.6) ? between(1, 5) : null, chance(0.1) ? 'tired but ok' : null);
      }
      // The draws in the order of the columns, as every journal built before made them.
      const small = chance(0.15);
      const before = chance(0.55) ? between(2, 4) : null;
      const channel = weighted(rand, CHANNELS);
      const activity = chance(0.1) ? ACTIVITIES[between(0, ACTIVITIES.length - 1)] : null;
      const minutes = chance(0.5) ? between(2, 180) : null;
      const after = before === null ? null : Math.max(1, Math.min(5, before + between(-1, 2)));
      const felt = chance(0.4) ? FELT.filter(() => chance(0.5)).join(',') || 'safe' : null;
      const quality = chance(0.5) ? between(2, 5) : null;
      const initiated = chance(0.6) ? INITIATED[between(0, 2)] : null;
      const note = chance(0.2) ? NOTES[between(0, NOTES.length - 1)] : null;
      const entry = addEntry.run(
        randomUUID(),
        'interaction',
        at,
        channel,
        activity,
        small ? 1 : 0,
        minutes,
        before,
        after,
        felt,
        quality,
        initiated,
        null,
        null,
        note,
        at,
        at,
      );
      if (small && chance(0.5)) continue; // a barista, a neighbour: no one by name
      const count = chance(0.85) ? 1 : chance(0.8) ? 2 : 3;
      const chosen = new Set<number>();
      while (chosen.size < count) chosen.add(weighted(rand, personWeights));
      [...chosen].forEach((person, position) => {
        link.run(entry.lastInsertRowid, person, position, at);
      });
    }
    while (m < moods.length) addMood(moods[m++], between(1, 5), null, null);
  })();

  // Check-ins draw from their own stream, so the entries stay as they were without them.
  const checkinRand = random(seed + 1);
  const addCheckin = db.prepare(
    'INSERT INTO checkins(uuid, at, answers, score, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    const count = spec.checkins ?? 0;
    for (let i = 0; i < count; i++) {
      const at = Math.floor(start + ((i + checkinRand()) / count) * (end - start));
      const answers = [0, 1, 2].map(() => 1 + Math.floor(checkinRand() * 3));
      const score = answers.reduce((a, b) => a + b, 0);
      addCheckin.run(randomUUID(), at, answers.join(','), score, at, at);
    }
  })();

  db.transaction(() => {
    fillSummaries(db);
    for (const { sql } of [...summaryTriggers, ...syncTriggers]) db.exec(sql);
  })();
  installUndoTriggers(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  journal.close();
  return names;
}
