import type Database from 'better-sqlite3';
import { addDays } from 'date-fns/addDays';
import { rhythmQuietFrom, touchpointLaterLine, touchpointTodayLine } from '../core/nudge';
import { findLapsedRhythms } from '../core/rhythm';
import { calendarDaysBetween, dayKey } from '../core/local-day';
import { dayOf, parseDay, viewDue } from '../core/schedule';
import type { Contact } from '../core/people-stats';
import { recentContacts } from './entries';
import type { Journal } from './journal';
import { listTouchpointShapes, type StoredTouchpoint } from './touchpoints';

/** Lower speaks first: a touchpoint due today, then one whose day has passed, then a quiet rhythm. */
const PRIORITY = { touchpointToday: 1, touchpointLater: 2, rhythm: 3 } as const;
/** How far ahead a touchpoint's own days are written out; past it, "a little while" covers the rest. */
const HORIZON_DAYS = 42;
/** A rhythm is learned from each person's most recent contacts, so planning costs the same in year ten. */
const RECENT_CONTACTS = 20;
/** Far enough past someone's last contact that a lapsed rhythm's score rests on how time together feels alone. */
const FAR_AHEAD_MS = 3660 * 86_400_000;
/** findLapsedRhythms' score from far ahead is 1.25 + how time together feels (−1…+1.5): above it, it feels good. */
const WARM_SCORE = 1.25;
/** What nudge_dirty says when any touchpoint changed (and the one subject all touchpoints had before). */
const TOUCHPOINTS = 'touchpoints';
/** nudge_basis for TOUCHPOINTS once each touchpoint is planned on its own (before, it held the day all were). */
const EACH_ON_ITS_OWN = 'each';
/** Each touchpoint's own rows in nudge_plan: `touchpoint:<uuid>`. */
const TOUCHPOINT_SUBJECT = 'touchpoint:';
/** A touchpoint's rows are worked out again at least this often, long before the 42 days they cover run out. */
const REPLAN_DAYS = 7;

export interface PlanRow {
  kind: 'touchpoint' | 'rhythm';
  subject: string;
  fromDay: string;
  untilDay: string | null;
  priority: number;
  rank: number;
  text: string;
}

/**
 * Lines for one touchpoint as `viewDue` sees each day (its own day says "today"; the days its period still
 * owns afterwards say "a little while"), merged into runs; stretches where it is only coming up are jumped
 * over. A run still going at the horizon goes on: a floating touchpoint stays "a little while".
 */
export function touchpointRows(touchpoint: StoredTouchpoint, now: Date): PlanRow[] {
  const rows: PlanRow[] = [];
  if (touchpoint.paused) return rows;
  const first = addDays(dayOf(now), -1);
  const end = addDays(first, HORIZON_DAYS);
  let run: PlanRow | null = null;
  for (let day = first; day.getTime() <= end.getTime(); ) {
    const view = viewDue(touchpoint, day);
    if (view.status !== 'due') {
      run = null;
      // Every day until its due day is "coming up": nothing to say, so go straight there.
      day = view.due.getTime() > day.getTime() ? view.due : addDays(day, 1);
      continue;
    }
    const priority = view.late ? PRIORITY.touchpointLater : PRIORITY.touchpointToday;
    const key = dayKey(day);
    if (run && run.priority === priority) {
      run.untilDay = day.getTime() < end.getTime() ? key : null;
    } else {
      const text: string = view.late ? touchpointLaterLine(touchpoint.title, touchpoint.people) : touchpointTodayLine(touchpoint.title, touchpoint.people);
      run = { kind: 'touchpoint', subject: `${TOUCHPOINT_SUBJECT}${touchpoint.id}`, fromDay: key, untilDay: key, priority, rank: 0, text };
      rows.push(run);
    }
    day = addDays(day, 1);
  }
  return rows;
}

/**
 * Someone's line, from the day findLapsedRhythms starts to name them, if their rhythm is one that tends
 * to feel good; the nudge leans towards warmth, not towards absence. Null otherwise.
 */
export function rhythmRow(name: string, subject: string, interactions: Contact[]): PlanRow | null {
  if (interactions.length < 3) return null;
  const latest = Math.max(...interactions.map((e) => e.at.getTime()));
  const [rhythm] = findLapsedRhythms([{ name, interactions }], new Date(latest + FAR_AHEAD_MS));
  if (!rhythm || rhythm.score <= WARM_SCORE) return null;
  // Reason and usual gap do not depend on the day asked: they are what findLapsedRhythms says when it lapses.
  return { kind: 'rhythm', subject, fromDay: rhythmQuietFrom(rhythm.lastContact, rhythm.usualGapDays), untilDay: null, priority: PRIORITY.rhythm, rank: -rhythm.score, text: rhythm.reason };
}

/** Whether any person marked dirty is in a touchpoint. */
function shareATouchpoint(db: Database.Database, dirty: Set<string>): boolean {
  const people = [...dirty].filter((subject) => subject.startsWith('person:')).map((subject) => Number(subject.slice('person:'.length)));
  if (people.length === 0) return false;
  return db.prepare('SELECT EXISTS (SELECT 1 FROM touchpoint_people WHERE person_id IN (SELECT value FROM json_each(?)))').pluck().get(JSON.stringify(people)) === 1;
}

/** The touchpoints' rows as planned, in the order they were written. */
function storedTouchpointRows(db: Database.Database): PlanRow[] {
  return db
    .prepare(
      `SELECT kind, subject, from_day AS fromDay, until_day AS untilDay, priority, rank, text FROM nudge_plan
       WHERE subject LIKE '${TOUCHPOINT_SUBJECT}%' ORDER BY id`,
    )
    .all() as PlanRow[];
}

/** Live, unarchived people not already covered by an active touchpoint (that touchpoint speaks for them). */
function peopleToWatch(db: Database.Database): { id: number; name: string }[] {
  return db
    .prepare(
      `SELECT p.id, p.name FROM people p
       WHERE p.deleted_at IS NULL AND p.archived = 0
         AND NOT EXISTS (
           SELECT 1 FROM touchpoint_people tp JOIN touchpoints t ON t.id = tp.touchpoint_id
           WHERE tp.person_id = p.id AND t.deleted_at IS NULL AND t.paused = 0)`,
    )
    .all() as { id: number; name: string }[];
}

/** Brings nudge_plan up to date as of `now`, redoing only the parts the nudge_dirty triggers marked stale. */
export function updateNudgePlan(db: Database.Database, now: Date): void {
  const planned = new Map((db.prepare('SELECT subject, basis FROM nudge_basis').all() as { subject: string; basis: string }[]).map((r) => [r.subject, r.basis]));
  const dirty = new Set(db.prepare('SELECT subject FROM nudge_dirty').pluck().all() as string[]);
  const clear = db.prepare('DELETE FROM nudge_plan WHERE subject = ?');
  const insert = db.prepare('INSERT INTO nudge_plan(kind, subject, from_day, until_day, priority, rank, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const keep = db.prepare('INSERT INTO nudge_basis(subject, basis) VALUES (?, ?) ON CONFLICT(subject) DO UPDATE SET basis = excluded.basis');
  const add = (row: PlanRow) => insert.run(row.kind, row.subject, row.fromDay, row.untilDay, row.priority, row.rank, row.text);
  const replace = (subject: string, basis: string, rows: PlanRow[]) => {
    clear.run(subject);
    rows.forEach(add);
    keep.run(subject, basis);
  };

  // Each touchpoint's days are worked out again when it changes, or once they were worked out a week ago
  // (they run 42 days ahead): keeping one touchpoint, or a new day, does not redo all the others. All their
  // rows are written back in the order a plan from nothing would have, so ties are settled the same way.
  const today = dayKey(dayOf(now));
  const ownSubjects = [...planned.keys()].filter((subject) => subject.startsWith(TOUCHPOINT_SUBJECT));
  const fresh = (basis: string | undefined) => basis !== undefined && calendarDaysBetween(parseDay(today), parseDay(basis.slice(0, 10))) < REPLAN_DAYS;
  if (
    dirty.has(TOUCHPOINTS) ||
    planned.get(TOUCHPOINTS) !== EACH_ON_ITS_OWN ||
    ownSubjects.some((subject) => !fresh(planned.get(subject))) ||
    // someone in a touchpoint was renamed (its lines name them)
    shareATouchpoint(db, dirty)
  ) {
    const shapes = listTouchpointShapes(db).map((t) => {
      const subject = `${TOUCHPOINT_SUBJECT}${t.id}`;
      const basis = planned.get(subject);
      planned.delete(subject);
      return { ...t, subject, unchanged: fresh(basis) && basis!.slice(11) === t.shape };
    });
    // Rows of touchpoints that are gone are cleared with the other leftovers below.
    if (planned.get(TOUCHPOINTS) !== EACH_ON_ITS_OWN || shapes.some((t) => !t.unchanged)) {
      const before = new Map<string, PlanRow[]>();
      for (const row of storedTouchpointRows(db)) before.set(row.subject, [...(before.get(row.subject) ?? []), row]);
      db.prepare(`DELETE FROM nudge_plan WHERE subject = ? OR subject LIKE '${TOUCHPOINT_SUBJECT}%'`).run(TOUCHPOINTS);
      for (const { subject, shape, unchanged, touchpoint } of shapes) {
        for (const row of unchanged ? (before.get(subject) ?? []) : touchpointRows(touchpoint(), now)) add(row);
        if (!unchanged) keep.run(subject, `${today} ${shape}`);
      }
    }
    if (planned.get(TOUCHPOINTS) !== EACH_ON_ITS_OWN) keep.run(TOUCHPOINTS, EACH_ON_ITS_OWN);
  } else {
    for (const subject of ownSubjects) planned.delete(subject);
  }
  planned.delete(TOUCHPOINTS);

  for (const person of peopleToWatch(db)) {
    const subject = `person:${person.id}`;
    if (planned.has(subject) && !dirty.has(subject)) {
      planned.delete(subject);
      continue;
    }
    planned.delete(subject);
    const interactions = recentContacts(db, person.id, { limit: RECENT_CONTACTS });
    const row = rhythmRow(person.name, subject, interactions);
    replace(subject, '', row ? [row] : []);
  }
  // Whoever is left was archived, merged, or now has a touchpoint that speaks for them.
  const forget = db.prepare('DELETE FROM nudge_basis WHERE subject = ?');
  for (const subject of planned.keys()) {
    clear.run(subject);
    forget.run(subject);
  }
  db.prepare('DELETE FROM nudge_dirty').run();
}

/**
 * The afterWrite hook: updates nudge_plan inside the command's own transaction. A derived table must never
 * cost anyone a journal entry, so if working it out fails the plan is emptied (the nudge then offers a
 * gentle reminder, and the next write tries again) rather than failing the write.
 */
export function refreshNudgePlan(journal: Journal, now: Date): void {
  const { db } = journal;
  try {
    db.transaction(() => updateNudgePlan(db, now))();
  } catch {
    try {
      db.exec('DELETE FROM nudge_plan; DELETE FROM nudge_basis; DELETE FROM nudge_dirty;');
    } catch {
      // no plan tables at all: nothing to clear
    }
  }
}
