import { preparedOnce } from './prepared';
import type Database from 'better-sqlite3';
import { localDayRuns } from '../core/calendar';
import { addMoments, NO_MOMENTS } from '../core/honest';
import type { Entry } from '../core/types';
import {
  addGroup,
  emptyTotals,
  type ClosestTotals,
  type DayTotals,
  noDayTotals,
  type GroupTotals,
  type PatternSource,
  type PatternTotals,
} from '../core/patterns';
import { RHYTHM_WINDOW, statsFrom, type PersonStats, type PersonTotals } from '../core/people-stats';
import {
  GROUP_FIGURES,
  groupSumsIn,
  PERSON_FIGURES,
  SUMMARY_BUCKET_MS,
  SUMMARY_ERA_BUCKETS,
  SUMMARY_HOUR_MS,
} from './migrations';
import { type EntryRow, rowsOf, SELECT_ENTRY, toEntry } from './entries';

/**
 * Reads of the summary tables (migrations.ts keeps them current in every write's transaction): `patterns` and
 * `people` add up a few thousand rows of totals instead of every entry. The ends of a range that cut a bucket in
 * two are read from the entries themselves.
 */

/** The figures both summary tables keep, in the order of PERSON_FIGURES. */
type Figures = [
  n: number,
  liftN: number,
  liftSum: number,
  liftSquares: number,
  qualityN: number,
  qualitySum: number,
  qualitySquares: number,
  safe: number,
  nonjudgmental: number,
  available: number,
];

type GroupRow = [subject: string, ...figures: Figures, minutesN: number, minutesSum: number];

const groupOf = (row: GroupRow): GroupTotals => ({
  entries: row[1],
  lift: { n: row[2], sum: row[3], squares: row[4] },
  quality: { n: row[5], sum: row[6], squares: row[7] },
  felt: { safe: row[8], nonjudgmental: row[9], available: row[10] },
});

/** Live entries after an instant: whether a range that ends then must leave some out. */
const anyAfter = (db: Database.Database, at: number) =>
  db.prepare('SELECT 1 FROM entries WHERE deleted_at IS NULL AND at > ? LIMIT 1').pluck().get(at) !== undefined;

const personNames = (db: Database.Database) =>
  new Map(db.prepare('SELECT id, name FROM people').raw().all() as [number, string][]);

const SUMS = GROUP_FIGURES.map((c) => `sum(${c})`).join(', ');

/** Adds rows of (subject, figures…) to the totals, people by name. */
function addRows(totals: PatternTotals, rows: GroupRow[], names: Map<number, string>): void {
  for (const row of rows) {
    const subject = row[0];
    const colon = subject.indexOf(':');
    const kind = colon < 0 ? subject : subject.slice(0, colon);
    const key = subject.slice(colon + 1);
    const group = groupOf(row);
    if (kind === 'all') {
      totals.interactions += group.entries;
      totals.lift = addMoments(totals.lift, group.lift);
    } else if (kind === 'moods') totals.moods += group.entries;
    else if (kind === 'with-people') {
      totals.withPeople.n += row[1];
      totals.withPeople.timed += row[11];
      totals.withPeople.minutes += row[12];
    } else if (kind === 'person') {
      const name = names.get(Number(key));
      if (name !== undefined) addGroup(totals, `person:${name}`, group);
    } else if (kind === 'activity') addGroup(totals, `activity:${key.toLowerCase()}`, group);
    else if (kind === 'small') addGroup(totals, 'small-moments', group);
    else addGroup(totals, subject, group);
  }
}

/** The tables of whole stretches of time, coarsest first: each row adds up `ms` of UTC time for one subject. */
const LEVELS = [
  { table: 'summary_eras', unit: 'era', ms: SUMMARY_ERA_BUCKETS * SUMMARY_BUCKET_MS },
  { table: 'summary_groups', unit: 'bucket', ms: SUMMARY_BUCKET_MS },
];

/**
 * Adds the whole stretches first..last (both included) of one level. A subject whose entries there were all
 * taken back keeps rows of nothing; it is left out, as a count of the live entries would leave it.
 */
function addStretches(
  db: Database.Database,
  totals: PatternTotals,
  level: (typeof LEVELS)[number],
  first: number,
  last: number,
  names: Map<number, string>,
) {
  const rows = db
    .prepare(
      `SELECT subject, ${SUMS} FROM ${level.table} WHERE ${level.unit} BETWEEN ? AND ? GROUP BY subject HAVING sum(n) <> 0`,
    )
    .raw()
    .all(first, last) as GroupRow[];
  addRows(totals, rows, names);
}

/**
 * Adds the live entries in [from, to) (`from` may be −∞; else within at most two buckets), added up by SQL as the
 * triggers would: those entries themselves, or, when less time of the buckets they fall in lies outside the range
 * than inside, those buckets' totals less the entries outside it (a range that starts early in a bucket takes away
 * the few days before it instead of reading the many after).
 */
function addEntriesIn(
  db: Database.Database,
  totals: PatternTotals,
  from: number,
  to: number,
  names: Map<number, string>,
) {
  const low = Number.isFinite(from) ? from : Number.MIN_SAFE_INTEGER;
  const start = Math.floor(low / SUMMARY_BUCKET_MS) * SUMMARY_BUCKET_MS;
  const end = Math.ceil(to / SUMMARY_BUCKET_MS) * SUMMARY_BUCKET_MS;
  const entries = (range: string, sign: '' | '-') =>
    `SELECT subject, ${GROUP_FIGURES.map((c) => `${sign}${c}`).join(', ')} FROM (${groupSumsIn(range, 'range')})`;
  const sql =
    Number.isFinite(from) && from - start + (end - to) < to - from
      ? `SELECT subject, ${SUMS} FROM (
           SELECT subject, ${GROUP_FIGURES.join(', ')} FROM summary_groups WHERE bucket >= @firstBucket AND bucket < @endBucket
           UNION ALL ${entries('e.at >= @start AND e.at < @from', '-')}
           UNION ALL ${entries('e.at >= @to AND e.at < @end', '-')}
         ) GROUP BY subject HAVING sum(n) <> 0`
      : `SELECT subject, ${SUMS} FROM (${entries('e.at >= @from AND e.at < @to', '')}) GROUP BY subject`;
  const rows = db
    .prepare(sql)
    .raw()
    .all({
      from: low,
      to,
      start,
      end,
      firstBucket: start / SUMMARY_BUCKET_MS,
      endBucket: end / SUMMARY_BUCKET_MS,
    }) as GroupRow[];
  addRows(totals, rows, names);
}

/**
 * The live entries in [from, to) (`from` may be −∞; `openEnd`: none after `to`) added to the totals: the whole
 * stretches of the coarsest level that fit, the ends they leave from the next level down, the last ends from the
 * entries themselves.
 */
function addRange(
  db: Database.Database,
  totals: PatternTotals,
  depth: number,
  from: number,
  to: number,
  openEnd: boolean,
  names: Map<number, string>,
) {
  const level = LEVELS[depth];
  if (!level) {
    addEntriesIn(db, totals, from, to, names);
    return;
  }
  const size = level.ms;
  // Whole stretches: from the first that starts at or after `from` to the last that ends by `to`.
  const first = Number.isFinite(from) ? Math.ceil(from / size) : Number.MIN_SAFE_INTEGER;
  const last = openEnd ? Number.MAX_SAFE_INTEGER : Math.floor(to / size) - 1;
  if (first > last) {
    addRange(db, totals, depth + 1, from, to, openEnd, names);
    return;
  }
  addStretches(db, totals, level, first, last, names);
  if (Number.isFinite(from) && first * size > from) addRange(db, totals, depth + 1, from, first * size, false, names);
  if (!openEnd && (last + 1) * size < to) addRange(db, totals, depth + 1, (last + 1) * size, to, false, names);
}

/** Everything at or before an instant (inclusive) and from `since` on, as one set of totals. */
function rangeTotals(db: Database.Database, from: number, to: number, names: Map<number, string>): PatternTotals {
  const totals = emptyTotals();
  addRange(db, totals, 0, from, to + 1, !anyAfter(db, to), names);
  return totals;
}

type Seen = [at: number, entry: number, position: number];
const compareSeen = (a: Seen, b: Seen) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Interactions with any of the named people in [from, to], through the (person, time) index. */
function closestTotals(
  db: Database.Database,
  names: Map<number, string>,
  closest: ReadonlySet<string>,
  from: number,
  to: number,
): ClosestTotals {
  const rows = db.prepare(
    `SELECT e.id, e.at, ep.position, e.minutes FROM entry_people ep JOIN entries e ON e.id = ep.entry_id
     WHERE ep.person_id = ? AND ep.at BETWEEN ? AND ? AND e.at BETWEEN ? AND ?
       AND e.deleted_at IS NULL AND e.type = 'interaction'`,
  );
  const minutesOf = new Map<number, number | null>();
  // Each name's first interaction: (at, entry, position), the order the entries list them in.
  const firstSeen = new Map<string, Seen>();
  const low = Number.isFinite(from) ? from : Number.MIN_SAFE_INTEGER;
  for (const [id, name] of names) {
    if (!closest.has(name)) continue;
    for (const [entry, at, position, minutes] of rows.raw().iterate(id, low, to, low, to) as Iterable<
      [number, number, number, number | null]
    >) {
      minutesOf.set(entry, minutes);
      const seen = firstSeen.get(name);
      if (!seen || compareSeen([at, entry, position], seen) < 0) firstSeen.set(name, [at, entry, position]);
    }
  }
  let minutes = 0;
  for (const m of minutesOf.values()) if (m !== null) minutes += m;
  const order = [...firstSeen].sort(([, a], [, b]) => compareSeen(a, b));
  return { names: order.map(([name]) => name), count: minutesOf.size, minutes };
}

/**
 * The local days from `first` to `to` (inclusive), in the zone of this process, put together from the UTC hours
 * they hold. Days of the same length that follow one another (all but those a clock change or the range's ends
 * cut) are read with one query; a day that starts or ends within an hour (a zone at +5:30, a range's ends) takes
 * that part from the entries.
 */
function dayTotals(db: Database.Database, first: Date, to: number): DayTotals {
  const H = SUMMARY_HOUR_MS;
  const runs = localDayRuns(first, new Date(to));
  let count = 0;
  for (const run of runs) count += run.count;
  const totals = noDayTotals(count);
  // Day k of a stretch holds the hours [from + hours·k, from + hours·(k + 1)). Its sums come back as one number:
  // (mood sum · 2²¹ + mood check-ins) · 2 + (1 if it had a connection); NULL for a day with none of either.
  // The days come back as one JSON array: handing SQLite's rows over one at a time costs more than the sums.
  // k counts the days as the keys of a JSON array of @days zeros, which SQLite walks in order for less than a
  // recursive count costs.
  const stretch = db.prepare(
    `SELECT json_group_array((SELECT (sum(mood_sum) * 2097152 + sum(moods)) * 2 + max(interactions > 0)
       FROM summary_hours WHERE hour >= @from + d.k * @hours AND hour < @from + (d.k + 1) * @hours))
     FROM (SELECT key AS k FROM json_each('[' || rtrim(replace(hex(zeroblob(@days)), '00', '0,'), ',') || ']')) d`,
  );
  const partRead = db.prepare(
    "SELECT type = 'interaction', type = 'mood' AND mood IS NOT NULL, coalesce(mood, 0) FROM entries WHERE deleted_at IS NULL AND at >= ? AND at < ?",
  );
  /** Adds the entries in [start, end) to day i. */
  const addPart = (i: number, start: number, end: number) => {
    for (const [connected, checkIn, mood] of partRead.raw().iterate(start, end) as Iterable<[number, number, number]>) {
      totals.connected[i] |= connected;
      totals.checkIns[i] += checkIn;
      totals.moodSums[i] += mood;
    }
  };
  /** Days i to i + days − 1, day k of them [start + length·k, start + length·(k + 1)), none cut by the range. */
  const addDays = (i: number, days: number, start: number, length: number) => {
    if (start % H !== 0 || length % H !== 0) {
      // Days that do not start on the hour (a zone at +5:30): each with the parts of hours at its ends.
      for (let k = 0; k < days; k++) addDay(i + k, start + k * length, start + (k + 1) * length);
    } else if (length > 0) {
      const sums = JSON.parse(stretch.pluck().get({ days, from: start / H, hours: length / H }) as string) as (
        | number
        | null
      )[];
      for (let k = 0; k < days; k++) {
        const packed = sums[k];
        if (packed === null) continue;
        // Bit operations while the number fits in 32 bits (a day's mood sum under 1024): they make no new numbers.
        const small = packed < 0x100000000;
        totals.connected[i + k] |= small ? packed & 1 : packed % 2;
        totals.checkIns[i + k] += small ? (packed >> 1) & 0x1fffff : Math.floor(packed / 2) % 2097152;
        totals.moodSums[i + k] += small ? packed >>> 22 : Math.floor(packed / 4194304);
      }
    }
  };
  /** Day i, [start, end): its whole hours, and the parts of hours at its ends from the entries. */
  const addDay = (i: number, start: number, end: number) => {
    const from = Math.ceil(start / H);
    const until = Math.max(from, Math.floor(end / H));
    if (from === until) return addPart(i, start, end);
    addDays(i, 1, from * H, (until - from) * H);
    if (start < from * H) addPart(i, start, from * H);
    if (until * H < end) addPart(i, until * H, end);
  };
  // The first day starts at `first`, the last ends after `to`: those two are read apart from the runs between.
  let i = 0;
  for (const run of runs) {
    for (let k = 0; k < run.count; ) {
      const day = i + k;
      const start = run.start + k * run.length;
      if (day === 0 || day === count - 1) {
        addDay(day, Math.max(start, first.getTime()), Math.min(start + run.length, to + 1));
        k += 1;
      } else {
        const days = Math.min(run.count - k, count - 1 - day);
        addDays(day, days, start, run.length);
        k += days;
      }
    }
    i += run.count;
  }
  return totals;
}

/** What `patterns` needs for live entries from `since` (or the beginning) up to `now`, from the summaries. */
export function patternSource(db: Database.Database, since: Date | null, now: Date): PatternSource {
  const from = since ? since.getTime() : Number.NEGATIVE_INFINITY;
  const to = now.getTime();
  const names = personNames(db);
  const totals = rangeTotals(db, from, to, names);
  const firstAt = db
    .prepare('SELECT min(at) FROM entries WHERE deleted_at IS NULL AND at >= ? AND at <= ?')
    .pluck()
    .get(Number.isFinite(from) ? from : Number.MIN_SAFE_INTEGER, to) as number | null;
  return {
    totals,
    first: firstAt === null ? null : new Date(firstAt),
    closest: (closest) => closestTotals(db, names, closest, from, to),
    days: (first) => dayTotals(db, first, to),
  };
}

type PersonRow = [personId: number, channel: string, ...figures: Figures];

/** Everyone's interactions added up over all time (or one person's), by person row id; channels in no set order. */
export function personTotals(db: Database.Database, personRowId?: number): Map<number, PersonTotals> {
  const rows = db
    .prepare(
      `SELECT person_id, channel, ${PERSON_FIGURES.join(', ')} FROM summary_people
       ${personRowId === undefined ? '' : 'WHERE person_id = ?'}`,
    )
    .raw()
    .all(...(personRowId === undefined ? [] : [personRowId])) as PersonRow[];
  const totals = new Map<number, PersonTotals>();
  for (const row of rows) {
    const person = totals.get(row[0]) ?? {
      interactions: 0,
      lift: NO_MOMENTS,
      quality: NO_MOMENTS,
      felt: { safe: 0, nonjudgmental: 0, available: 0 },
      byChannel: {},
    };
    person.interactions += row[2];
    person.lift = addMoments(person.lift, { n: row[3], sum: row[4], squares: row[5] });
    person.quality = addMoments(person.quality, { n: row[6], sum: row[7], squares: row[8] });
    person.felt.safe += row[9];
    person.felt.nonjudgmental += row[10];
    person.felt.available += row[11];
    if (row[1] !== '' && row[2] !== 0) person.byChannel[row[1]] = row[2];
    totals.set(row[0], person);
  }
  return totals;
}

const CONTACTS_OLDEST_FIRST = `SELECT e.id, ep.at, e.channel FROM entry_people ep JOIN entries e ON e.id = ep.entry_id
  WHERE ep.person_id = ? AND e.deleted_at IS NULL AND e.type = 'interaction' ORDER BY ep.at`;

/**
 * Someone's contacts by channel in the order each channel was first used (by time, then entry), as personStats
 * lists them: their contacts are read oldest first only until every channel has turned up.
 */
export function channelsInOrder(
  db: Database.Database,
  personRowId: number,
  byChannel: Record<string, number>,
): Record<string, number> {
  const wanted = Object.keys(byChannel).length;
  const first = new Map<string, [number, number]>();
  let latest = Number.NEGATIVE_INFINITY;
  for (const [id, at, channel] of db.prepare(CONTACTS_OLDEST_FIRST).raw().iterate(personRowId) as Iterable<
    [number, number, string | null]
  >) {
    // Contacts at the same instant come in no set order: look at all of them before stopping.
    if (first.size === wanted && at > latest) break;
    if (!channel || !(channel in byChannel)) continue;
    const seen = first.get(channel);
    if (!seen || at < seen[0] || (at === seen[0] && id < seen[1])) first.set(channel, [at, id]);
    latest = Math.max(...[...first.values()].map(([when]) => when));
  }
  const order = [...first].sort(([, a], [, b]) => a[0] - b[0] || a[1] - b[1]).map(([channel]) => channel);
  return Object.fromEntries(order.map((channel) => [channel, byChannel[channel]]));
}

const LIVE_CONTACTS = `FROM entry_people ep JOIN entries x ON x.id = ep.entry_id
  WHERE ep.person_id = @person AND x.deleted_at IS NULL AND x.type = 'interaction'`;

/**
 * When someone was first in touch, and the times of their latest RHYTHM_WINDOW contacts (a JSON array, newest
 * first): only the times, each read through the (person, time) index.
 */
const CONTACT_TIMES = `SELECT (SELECT ep.at ${LIVE_CONTACTS} ORDER BY ep.at LIMIT 1),
  (SELECT json_group_array(at) FROM (SELECT ep.at ${LIVE_CONTACTS} ORDER BY ep.at DESC LIMIT ${RHYTHM_WINDOW}))`;

/**
 * Someone's stats from their totals (personTotals), their latest contacts and their first: what personStats works
 * out from all their contacts, with byChannel in no set order (channelsInOrder orders it).
 */
export function summaryPersonStats(
  db: Database.Database,
  personRowId: number,
  totals: PersonTotals | undefined,
): PersonStats {
  if (!totals || totals.interactions === 0) return statsFrom(NO_CONTACTS, [], null);
  // `people` asks for everyone in turn.
  const [first, latest] = preparedOnce(db, CONTACT_TIMES).raw().get({ person: personRowId }) as [number | null, string];
  // Newest first from the index: oldest first for the rhythm.
  const recent = (JSON.parse(latest) as number[]).reverse().map((at) => ({ at: new Date(at) }));
  return statsFrom(totals, recent, first === null ? null : new Date(first));
}

const NO_CONTACTS: PersonTotals = {
  interactions: 0,
  lift: NO_MOMENTS,
  quality: NO_MOMENTS,
  felt: { safe: 0, nonjudgmental: 0, available: 0 },
  byChannel: {},
};

/**
 * Someone's latest interactions, newest first, as listEntries lists them: through the (person, time) index from
 * the limit-th latest contact on, instead of every entry they are in.
 */
export function latestWith(db: Database.Database, personRowId: number, limit: number): Entry[] {
  const rows = rowsOf<EntryRow>(
    db
      .prepare(
        `${SELECT_ENTRY}
       WHERE e.id IN (SELECT ep.entry_id ${LIVE_CONTACTS} AND ep.at >= coalesce(
         (SELECT ep.at ${LIVE_CONTACTS} ORDER BY ep.at DESC LIMIT 1 OFFSET @skip), ${Number.MIN_SAFE_INTEGER}))
       ORDER BY e.at DESC, e.id DESC LIMIT @limit`,
      )
      .pluck()
      .all({ person: personRowId, skip: limit - 1, limit }) as string[],
  );
  return rows.map((row) => toEntry(row));
}
