import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dayTotalsOf, findPatterns, patternsFrom, type DayTotals } from '../../src/core/patterns';
import { personStats } from '../../src/core/people-stats';
import { CHANNELS, FELT } from '../../src/core/types';
import { listCheckins } from '../../src/db/checkins';
import {
  deleteEntry,
  insertInteraction,
  insertMood,
  listEntries,
  recentContacts,
  updateInteraction,
} from '../../src/db/entries';
import Database from 'better-sqlite3';
import { migrate, openForWriting, type Journal } from '../../src/db/journal';
import {
  fillSummaries,
  GROUP_FIGURES,
  SUMMARY_BUCKET_MS,
  SUMMARY_ERA_BUCKETS,
  SUMMARY_TABLES,
} from '../../src/db/migrations';
import { addPerson, listPeople, mergePeople, renamePerson, type StoredPerson } from '../../src/db/people';
import { entriesSince } from '../../src/db/reflection';
import { channelsInOrder, latestWith, patternSource, personTotals, summaryPersonStats } from '../../src/db/summaries';
import { checkExportHeader, exportJournal, importJournal } from '../../src/db/transfer';
import { revertLastGroup } from '../../src/db/undo';
import { patternsJson } from '../../src/render/patterns';
import { peopleJson } from '../../src/render/people';

const folder = mkdtempSync(join(tmpdir(), 'connect-summaries-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let count = 0;
const newPath = () => join(folder, `j${++count}.db`);

const NOW = new Date('2026-11-26T10:00:00Z');
const DAY = 86_400_000;
/** Zones whose days start on the hour, on the half hour, and at a quarter to. */
const ZONES = ['Europe/Berlin', 'Asia/Kolkata', 'America/St_Johns', 'Asia/Kathmandu'];

/** A call with no one named, a mood before and after, and nothing else. */
const anInteraction = {
  people: [],
  channel: 'call' as const,
  activity: null,
  small: false,
  minutes: null,
  moodBefore: 3,
  moodAfter: 4,
  felt: [],
  quality: null,
  initiated: null,
  note: null,
  touchpointId: null,
};

function inZone<T>(tz: string, fn: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    process.env.TZ = before;
  }
}

/** Where each summary table's figures start: a row whose figures are all 0 adds nothing. */
const FIRST_FIGURE: Record<string, number> = {
  summary_groups: 2,
  summary_people: 2,
  summary_hours: 1,
  summary_eras: 2,
};

/** The summary tables' rows that add anything, in a fixed order. */
function summaryRows(db: Database.Database) {
  return Object.fromEntries(
    SUMMARY_TABLES.map((table) => {
      const rows = db.prepare(`SELECT * FROM ${table}`).raw().all() as (string | number)[][];
      const kept = rows.filter((row) => row.slice(FIRST_FIGURE[table]).some((v) => v !== 0));
      return [table, kept.map((row) => JSON.stringify(row)).sort()];
    }),
  );
}

/** The summaries as they stand, beside the summaries worked out again from every row. */
function recomputed(db: Database.Database) {
  const kept = summaryRows(db);
  let fresh: ReturnType<typeof summaryRows> = {};
  db.exec('SAVEPOINT recompute');
  try {
    fillSummaries(db);
    fresh = summaryRows(db);
  } finally {
    db.exec('ROLLBACK TO recompute');
    db.exec('RELEASE recompute');
  }
  return { kept, fresh };
}

const json = (value: unknown) => JSON.parse(JSON.stringify(value));

/** `patterns --json` from the summaries and from the entries themselves. */
function patternsBoth(db: Database.Database, since: Date | null) {
  const checkins = listCheckins(db, { since: since ?? undefined });
  const fast = patternsFrom(patternSource(db, since, NOW), { since, now: NOW, checkins });
  const reference = findPatterns(entriesSince(db, null), { since, now: NOW, checkins });
  return { fast: json(patternsJson(fast)), reference: json(patternsJson(reference)) };
}

/** The local days the connection–mood cycle is worked out from: from the summaries' hours and from the entries. */
function daysBoth(db: Database.Database, since: Date | null) {
  const source = patternSource(db, since, NOW);
  const live = entriesSince(db, null).filter((e) => (since === null || e.at >= since) && e.at <= NOW);
  const start = since ?? source.first;
  if (start === null) return { fast: null, reference: null };
  const plain = (days: DayTotals) => ({
    connected: Array.from(days.connected),
    checkIns: Array.from(days.checkIns),
    moodSums: Array.from(days.moodSums),
  });
  return { fast: plain(source.days(start)), reference: plain(dayTotalsOf(live, start, NOW)) };
}

/** `people --json` and each person's channels (`people show`) from the summaries and from every contact. */
function peopleBoth(db: Database.Database) {
  const people = listPeople(db, { includeArchived: true });
  const totals = personTotals(db);
  const fast = people.map((person) => {
    const stats = summaryPersonStats(db, person.rowId, totals.get(person.rowId));
    return {
      ...peopleJson(person, stats),
      byChannel: channelsInOrder(db, person.rowId, stats.byChannel),
      recent: latestWith(db, person.rowId, 5),
    };
  });
  const reference = people.map((person) => {
    const stats = personStats(recentContacts(db, person.rowId));
    return {
      ...peopleJson(person, stats),
      byChannel: stats.byChannel,
      recent: listEntries(db, { personRowId: person.rowId, type: 'interaction', limit: 5 }),
    };
  });
  return { fast: json(fast), reference: json(reference) };
}

/** summary_eras beside summary_groups added up per era here: the eras' triggers must keep exactly that. */
function erasBoth(db: Database.Database) {
  const nonZero = (sql: string) =>
    (db.prepare(sql).raw().all() as (string | number)[][])
      .filter((row) => row.slice(2).some((v) => v !== 0))
      .map((row) => JSON.stringify(row))
      .sort();
  const era = `(bucket - ((bucket % ${SUMMARY_ERA_BUCKETS}) + ${SUMMARY_ERA_BUCKETS}) % ${SUMMARY_ERA_BUCKETS}) / ${SUMMARY_ERA_BUCKETS}`;
  return {
    kept: nonZero('SELECT * FROM summary_eras'),
    fresh: nonZero(
      `SELECT subject, ${era}, ${GROUP_FIGURES.map((c) => `sum(${c})`).join(', ')} FROM summary_groups GROUP BY 1, 2`,
    ),
  };
}

function expectAllAgree(db: Database.Database, sinceDays: number) {
  const { kept, fresh } = recomputed(db);
  expect(kept).toEqual(fresh);
  const eras = erasBoth(db);
  expect(eras.kept).toEqual(eras.fresh);
  for (const since of [null, new Date(NOW.getTime() - sinceDays * DAY)]) {
    const { fast, reference } = patternsBoth(db, since);
    expect(fast).toEqual(reference);
    const days = daysBoth(db, since);
    expect(days.fast).toEqual(days.reference);
  }
  const people = peopleBoth(db);
  expect(people.fast).toEqual(people.reference);
}

const rating = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
/**
 * Mostly within the last 40 days (two and a half buckets), some a few days after now, and some across the last
 * 600 days (two eras and more).
 */
const instant = fc
  .oneof(
    { weight: 3, arbitrary: fc.integer({ min: NOW.getTime() - 40 * DAY, max: NOW.getTime() + 3 * DAY }) },
    { weight: 1, arbitrary: fc.integer({ min: NOW.getTime() - 600 * DAY, max: NOW.getTime() }) },
  )
  .map((ms) => new Date(ms));
const interaction = fc.record({
  at: instant,
  channel: fc.option(fc.constantFrom(...CHANNELS), { nil: null }),
  activity: fc.option(fc.constantFrom('walk', 'Walk', 'book club', 'café'), { nil: null }),
  small: fc.boolean(),
  minutes: fc.option(fc.integer({ min: 1, max: 300 }), { nil: null }),
  moodBefore: rating,
  moodAfter: rating,
  felt: fc.subarray([...FELT]),
  quality: fc.option(fc.integer({ min: 3, max: 5 }), { nil: null }),
  people: fc.subarray([0, 1, 2, 3]),
});
const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('log' as const), entry: interaction }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('mood' as const), at: instant, mood: rating }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('edit' as const), pick: fc.nat(), entry: interaction }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('undo' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('import' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('merge' as const), from: fc.nat(), into: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rename' as const), pick: fc.nat() }) },
);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** A connect export with a few entries with someone new, to import. */
function anExport() {
  const { journal } = openForWriting(newPath());
  try {
    journal.write(NOW, 'fill', () => {
      const ivy = addPerson(journal.db, NOW, 'Ivy');
      for (let i = 0; i < 6; i++) {
        insertInteraction(
          journal.db,
          NOW,
          {
            at: new Date(NOW.getTime() - i * 5 * DAY),
            people: ['Ivy'],
            channel: 'call',
            activity: null,
            small: false,
            minutes: 20,
            moodBefore: 3,
            moodAfter: 4,
            felt: ['safe'],
            quality: 4,
            initiated: null,
            note: null,
            touchpointId: null,
          },
          [ivy],
        );
      }
      insertMood(journal.db, NOW, { at: new Date(NOW.getTime() - 2 * DAY), mood: 4, energy: null, note: null });
    });
    return json(exportJournal(journal.db));
  } finally {
    journal.close();
  }
}

function apply(journal: Journal, s: Step, imported: Record<string, unknown>) {
  const { db } = journal;
  const liveIds = () =>
    db
      .prepare("SELECT id FROM entries WHERE deleted_at IS NULL AND type = 'interaction' ORDER BY id")
      .pluck()
      .all() as number[];
  const livePeople = () => listPeople(db, { includeArchived: true });
  const input = (e: Extract<Step, { op: 'log' }>['entry'], who: StoredPerson[]) => ({
    ...e,
    people: who.map((p) => p.name),
    initiated: null,
    note: null,
    touchpointId: null,
  });
  switch (s.op) {
    case 'log': {
      const all = livePeople();
      const who = all.length ? [...new Set(s.entry.people.map((i) => i % all.length))].map((i) => all[i]) : [];
      journal.write(NOW, 'log', () => insertInteraction(db, NOW, input(s.entry, who), who));
      return;
    }
    case 'mood':
      journal.write(NOW, 'mood', () => insertMood(db, NOW, { at: s.at, mood: s.mood, energy: null, note: null }));
      return;
    case 'edit': {
      const ids = liveIds();
      if (ids.length === 0) return;
      const all = livePeople();
      const who = all.length ? [...new Set(s.entry.people.map((i) => i % all.length))].map((i) => all[i]) : [];
      journal.write(NOW, 'edit', () => updateInteraction(db, NOW, ids[s.pick % ids.length], input(s.entry, who), who));
      return;
    }
    case 'delete': {
      const ids = liveIds();
      if (ids.length > 0) journal.write(NOW, 'delete', () => deleteEntry(db, NOW, ids[s.pick % ids.length]));
      return;
    }
    case 'undo':
      db.transaction(() => revertLastGroup(db)).immediate();
      return;
    case 'import':
      journal.write(NOW, 'import', () => importJournal(db, NOW, checkExportHeader(imported, 'test'), 'test'));
      return;
    case 'merge': {
      const all = livePeople();
      if (all.length === 0) return;
      const from = all[s.from % all.length];
      const into = all[s.into % all.length];
      if (from.rowId !== into.rowId) journal.write(NOW, 'merge', () => mergePeople(db, NOW, from, into));
      return;
    }
    case 'rename': {
      const all = livePeople();
      if (all.length === 0) return;
      const person = all[s.pick % all.length];
      journal.write(NOW, 'rename', () => renamePerson(db, NOW, person, `${person.name}i`));
      return;
    }
  }
}

describe('the summary tables', () => {
  const opened: Journal[] = [];
  afterEach(() => {
    for (const journal of opened.splice(0)) journal.close();
  });

  it('stay equal to a recomputation, and patterns and people from them equal the reference, through any writes (property)', () => {
    const imported = anExport();
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 5, maxLength: 30 }),
        fc.constantFrom(...ZONES),
        fc.oneof(fc.integer({ min: 1, max: 35 }), fc.integer({ min: 36, max: 600 })),
        (steps, zone, sinceDays) =>
          inZone(zone, () => {
            const { journal } = openForWriting(newPath());
            opened.push(journal);
            journal.write(NOW, 'people', () => {
              for (const name of ['Sam', 'Ana', 'Kai', 'Mum']) addPerson(journal.db, NOW, name);
            });
            for (const s of steps) apply(journal, s, imported);
            expectAllAgree(journal.db, sinceDays);
          }),
      ),
      { numRuns: 30 },
    );
  });

  it('leave out a subject whose entries were all taken back, as a count of the live entries does', () => {
    // Found by the property above (seed 845060052): a deleted "book club" left rows of nothing in the eras, and
    // two kinds of activity seemed to be there, so "doing something together" appeared beside the walks.
    inZone('Europe/Berlin', () => {
      const { journal } = openForWriting(newPath());
      opened.push(journal);
      const at = (day: string) => new Date(`${day}T10:00:00Z`);
      type Logged = Extract<Step, { op: 'log' }>['entry'];
      const interaction = (day: string, activity: Logged['activity'], quality: Logged['quality']) => ({
        op: 'log' as const,
        entry: {
          at: at(day),
          channel: null,
          activity,
          small: false,
          minutes: null,
          moodBefore: null,
          moodAfter: null,
          felt: [],
          quality,
          people: [],
        },
      });
      const steps: Step[] = [
        interaction('2025-04-05', 'book club', null),
        interaction('2026-10-17', 'walk', 3),
        interaction('2025-04-05', 'walk', 3),
        interaction('2025-04-05', 'walk', 3),
        { op: 'delete', pick: 0 },
        interaction('2026-10-17', 'walk', 3),
        interaction('2026-10-17', 'walk', 3),
      ];
      for (const s of steps) apply(journal, s, {});
      for (const sinceDays of [36, 600]) expectAllAgree(journal.db, sinceDays);
    });
  });

  it('read a range that starts early in a bucket as the bucket less the days before it, and one that starts late from its own entries', () => {
    inZone('Europe/Berlin', () => {
      const { journal } = openForWriting(newPath());
      opened.push(journal);
      const { db } = journal;
      journal.write(NOW, 'people', () => {
        for (const name of ['Sam', 'Ana', 'Kai', 'Mum']) addPerson(db, NOW, name);
      });
      // The bucket before now's: a book club and a time with Ana only in its first two days, walks all through it.
      const bucket = (Math.floor(NOW.getTime() / SUMMARY_BUCKET_MS) - 1) * SUMMARY_BUCKET_MS;
      type Activity = Extract<Step, { op: 'log' }>['entry']['activity'];
      const log = (day: number, activity: Activity, quality: number, people: number[]): Step => ({
        op: 'log',
        entry: {
          at: new Date(bucket + day * DAY),
          channel: 'call',
          activity,
          small: false,
          minutes: 30,
          moodBefore: 2,
          moodAfter: quality,
          felt: quality > 3 ? ['safe'] : [],
          quality,
          people,
        },
      });
      const steps: Step[] = [
        log(0.5, 'book club', 2, [1]),
        log(1.5, 'walk', 1, [0]),
        log(3, 'walk', 5, [0]),
        log(8, 'walk', 4, [0, 2]),
        log(14, 'walk', 5, [0]),
        log(15.5, 'café', 3, [3]),
        log(17, 'walk', 5, [0]),
        { op: 'mood', at: new Date(bucket + 9 * DAY), mood: 4 },
      ];
      for (const step of steps) apply(journal, step, {});
      const whole = (sql: string) =>
        /FROM summary_groups WHERE bucket >= /.test(sql) && /HAVING sum\(n\) <> 0/.test(sql);
      for (const [startsAt, less] of [
        [2, true],
        [13, false],
      ] as const) {
        const since = new Date(bucket + startsAt * DAY);
        let both: ReturnType<typeof patternsBoth> | undefined;
        const statements = preparedBy(db, () => {
          both = patternsBoth(db, since);
        });
        expect(statements.some(whole), `from day ${startsAt}`).toBe(less);
        expect(both?.fast).toEqual(both?.reference);
        const text = JSON.stringify(both?.fast);
        expect(text).not.toContain('book club');
        expect(text).not.toContain('Ana');
      }
    });
  });

  it('read in another zone than they were written in give that zone’s days', () => {
    const { journal } = openForWriting(newPath());
    opened.push(journal);
    const { db } = journal;
    inZone('Europe/Berlin', () =>
      journal.write(NOW, 'fill', () => {
        // Connections every third day at 17:00 UTC and a mood check-in every day at 20:00 UTC, high on connection
        // days: in Berlin both fall on the same local day, in Kolkata the check-in falls on the next.
        for (let day = 0; day < 45; day++) {
          const connected = day % 3 === 0;
          if (connected)
            insertInteraction(db, NOW, { ...anInteraction, at: new Date(Date.UTC(2026, 9, 10 + day, 17)) }, []);
          const at = new Date(Date.UTC(2026, 9, 10 + day, 20));
          insertMood(db, NOW, { at, mood: connected ? 5 : 1 + (day % 2), energy: null, note: null });
        }
      }),
    );
    const cycles = new Map<string, unknown>();
    for (const zone of ZONES) {
      inZone(zone, () => {
        const { fast, reference } = patternsBoth(db, null);
        expect(fast).toEqual(reference);
        cycles.set(
          zone,
          fast.findings.filter((f: { subject: string }) => f.subject.startsWith('cycle:')),
        );
      });
    }
    expect(cycles.get('Europe/Berlin')).toHaveLength(2);
    expect(cycles.get('Europe/Berlin')).not.toEqual(cycles.get('Asia/Kolkata'));
  });

  it('give each local day the parts of hours at its ends, whatever its length (Lord Howe’s 24½-hour day), and any number of check-ins', () => {
    const { journal } = openForWriting(newPath());
    opened.push(journal);
    const { db } = journal;
    // Lord Howe's clocks went back half an hour on 5 April 2026: that day ran from 13:00 UTC on the 4th to 13:30 UTC
    // on the 5th. A check-in or a connection every ten minutes around both ends, and around Kolkata's midnights.
    const around = [Date.UTC(2026, 3, 4, 13), Date.UTC(2026, 3, 5, 13, 30), Date.UTC(2026, 3, 6, 18, 30)];
    journal.write(NOW, 'fill', () => {
      for (const middle of around)
        for (let minutes = -50; minutes <= 50; minutes += 10) {
          const at = new Date(middle + minutes * 60_000);
          if (minutes % 20 === 0)
            insertMood(db, NOW, { at, mood: 1 + (Math.abs(minutes) % 5), energy: null, note: null });
          else insertInteraction(db, NOW, { ...anInteraction, at }, []);
        }
    });
    // And a day of 220 check-ins at 5: a mood sum of 1,100, too large to unpack bit by bit.
    journal.write(NOW, 'many', () => {
      for (let n = 0; n < 220; n++)
        insertMood(db, NOW, { at: new Date(Date.UTC(2026, 3, 10, 8, n)), mood: 5, energy: null, note: null });
    });
    for (const zone of ['Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Kathmandu', 'Europe/Berlin'])
      inZone(zone, () => {
        for (const since of [null, new Date(Date.UTC(2026, 3, 4, 13, 20))]) {
          const days = daysBoth(db, since);
          expect(days.fast, `${zone} from ${since?.toISOString()}`).toEqual(days.reference);
        }
      });
  });

  it('are worked out whole again, eras too, after rows went in with every summary trigger lifted', () => {
    const { journal } = openForWriting(newPath());
    opened.push(journal);
    const { db } = journal;
    const triggers = db
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'summary\\_%' ESCAPE '\\'")
      .all() as { name: string; sql: string }[];
    expect(triggers.map((t) => t.name)).toContain('summary_eras_add');
    for (const { name } of triggers) db.exec(`DROP TRIGGER ${name}`);
    journal.write(NOW, 'fill', () => {
      for (let i = 0; i < 40; i++)
        insertMood(db, NOW, {
          at: new Date(NOW.getTime() - i * 20 * DAY),
          mood: 1 + (i % 5),
          energy: null,
          note: null,
        });
    });
    fillSummaries(db);
    for (const { sql } of triggers) db.exec(sql);
    const eras = erasBoth(db);
    expect(eras.kept.length).toBeGreaterThan(2);
    expect(eras.kept).toEqual(eras.fresh);
  });

  it('are worked out from the rows already there when a version 8 journal is upgraded', () => {
    const path = newPath();
    const db = new Database(path);
    migrate(db, path, {}, 8);
    const entry = db.prepare(
      `INSERT INTO entries(uuid, type, at, channel, activity, small, minutes, mood_before, mood_after, felt, quality, mood, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`,
    );
    db.prepare(
      "INSERT INTO people(id, uuid, name, created_at, updated_at) VALUES (1, 'p1', 'Sam', 0, 0), (2, 'p2', 'Ana', 0, 0)",
    ).run();
    const link = db.prepare('INSERT INTO entry_people(entry_id, person_id, position, at) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < 60; i++) {
      const at = NOW.getTime() - i * 0.9 * DAY;
      if (i % 4 === 3) {
        entry.run(`m${i}`, 'mood', at, null, null, 0, null, null, null, null, null, 1 + (i % 5));
        continue;
      }
      const { lastInsertRowid } = entry.run(
        `e${i}`,
        'interaction',
        at,
        CHANNELS[i % CHANNELS.length],
        i % 3 ? null : 'walk',
        i % 5 === 0 ? 1 : 0,
        i % 2 ? 30 : null,
        2 + (i % 3),
        3 + (i % 3),
        i % 2 ? 'safe,available' : null,
        3 + (i % 3),
        null,
      );
      link.run(lastInsertRowid, 1 + (i % 2), 0, at);
      if (i % 6 === 0) link.run(lastInsertRowid, 2 - (i % 2), 1, at);
    }
    db.prepare('UPDATE entries SET deleted_at = 1 WHERE uuid = ?').run('e10');
    migrate(db, path);
    try {
      expect((db.prepare('SELECT count(*) FROM summary_groups').pluck().get() as number) > 0).toBe(true);
      expectAllAgree(db, 20);
      const { fast } = patternsBoth(db, null);
      expect(fast.findings.length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});

/** The SQL of every statement `run` prepares on `db`. */
function preparedBy(db: Database.Database, run: () => void): string[] {
  const statements: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    statements.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  try {
    run();
  } finally {
    db.prepare = prepare;
  }
  return statements;
}

describe('the summaries’ queries', () => {
  const plan = (db: Database.Database, sql: string, ...params: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);

  it('add up whole eras, and the buckets a range’s ends leave, in key order with no sort', () => {
    const { journal } = openForWriting(newPath());
    try {
      const { db } = journal;
      const statements = preparedBy(db, () => {
        patternSource(db, null, NOW);
        patternSource(db, new Date(NOW.getTime() - 600 * DAY), new Date(NOW.getTime() - 30 * DAY));
      });
      const sums = statements.filter((sql) =>
        /^SELECT subject, (sum\(\w+\), )*sum\(\w+\) FROM summary_(eras|groups) WHERE/.test(sql),
      );
      expect(sums.some((sql) => sql.includes('summary_eras'))).toBe(true);
      expect(sums.some((sql) => sql.includes('summary_groups'))).toBe(true);
      for (const sql of sums) expect(plan(db, sql, 1, 1).join('\n'), sql).not.toMatch(/TEMP B-TREE/);
    } finally {
      journal.close();
    }
  });

  it('never scan entries or entry_people whole', () => {
    const { journal } = openForWriting(newPath());
    try {
      const { db } = journal;
      const statements = preparedBy(db, () => {
        const source = patternSource(db, new Date(NOW.getTime() - 20 * DAY), NOW);
        source.days(new Date(NOW.getTime() - 20 * DAY));
        source.closest(new Set(['Sam']));
        const totals = personTotals(db);
        summaryPersonStats(
          db,
          1,
          totals.get(1) ?? {
            interactions: 1,
            lift: { n: 0, sum: 0, squares: 0 },
            quality: { n: 0, sum: 0, squares: 0 },
            felt: { safe: 0, nonjudgmental: 0, available: 0 },
            byChannel: {},
          },
        );
        channelsInOrder(db, 1, { call: 1 });
        latestWith(db, 1, 5);
      });
      expect(statements.length).toBeGreaterThan(6);
      for (const sql of statements) {
        const named = sql.match(/@\w+/g);
        const params = named
          ? [Object.fromEntries(named.map((name) => [name.slice(1), 1]))]
          : (sql.match(/\?/g) ?? []).map(() => 1);
        const details = plan(db, sql, ...params);
        for (const detail of details) expect(detail, sql).not.toMatch(/^SCAN (e|ep|entries|entry_people)\b/);
        if (/\bentries\b|\bentry_people\b/.test(sql))
          expect(
            details.some((d) => /USING (INTEGER PRIMARY KEY|INDEX|COVERING INDEX)/.test(d)),
            sql,
          ).toBe(true);
      }
    } finally {
      journal.close();
    }
  });
});
