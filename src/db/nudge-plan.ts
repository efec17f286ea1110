import type Database from 'better-sqlite3';
import { addDays } from 'date-fns/addDays';
import { localDay, touchpointLaterLine, touchpointTodayLine } from '../core/nudge';
import { findLapsedRhythms } from '../core/rhythm';
import { dayOf, formatDay, viewDue } from '../core/schedule';
import type { Channel, Felt, Initiated, Interaction } from '../core/types';
import type { Journal } from './journal';
import { listTouchpoints } from './touchpoints';

/** Lower speaks first: a touchpoint due today, then one whose day has passed, then a quiet rhythm. */
const PRIORITY = { touchpointToday: 1, touchpointLater: 2, rhythm: 3 } as const;
/** How far ahead a touchpoint's own days are written out; past it, "a little while" covers the rest. */
const HORIZON_DAYS = 70;
/** A rhythm is learned from each person's most recent contacts, so planning costs the same in year ten. */
const RECENT_CONTACTS = 24;
/** How far past someone's last contact we look for the day their rhythm goes quiet. */
const MAX_LAPSE_DAYS = 3660;

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
 * Lines for each live touchpoint, day by day as `viewDue` sees it (its own day says "today"; the days its
 * period still owns afterwards say "a little while"), merged into runs. A run still going at the horizon
 * goes on: a floating touchpoint stays "a little while" until it is kept.
 */
function touchpointRows(db: Database.Database, now: Date): PlanRow[] {
  const rows: PlanRow[] = [];
  const first = addDays(dayOf(now), -1);
  for (const touchpoint of listTouchpoints(db)) {
    if (touchpoint.paused) continue;
    let run: PlanRow | null = null;
    for (let offset = 0; offset <= HORIZON_DAYS; offset++) {
      const day = addDays(first, offset);
      const view = viewDue(touchpoint, day);
      const priority = view.status !== 'due' ? null : view.late ? PRIORITY.touchpointLater : PRIORITY.touchpointToday;
      const key = formatDay(day);
      if (run && run.priority === priority && offset < HORIZON_DAYS) {
        run.untilDay = key;
        continue;
      }
      if (run && run.priority === priority) {
        run.untilDay = null;
        continue;
      }
      if (priority === null) {
        run = null;
        continue;
      }
      const text: string = priority === PRIORITY.touchpointToday ? touchpointTodayLine(touchpoint.title, touchpoint.people) : touchpointLaterLine(touchpoint.title, touchpoint.people);
      run = { kind: 'touchpoint', subject: touchpoint.id, fromDay: key, untilDay: key, priority, rank: 0, text };
      rows.push(run);
    }
  }
  return rows;
}

interface ContactRow {
  uuid: string;
  at: number;
  channel: string | null;
  activity: string | null;
  small: number;
  minutes: number | null;
  mood_before: number | null;
  mood_after: number | null;
  felt: string | null;
  quality: number | null;
  initiated: string | null;
}

/** Live, unarchived people who are not already covered by an active touchpoint, with their recent contacts. */
function peopleWithRecentContacts(db: Database.Database): { name: string; interactions: Interaction[] }[] {
  const people = db
    .prepare(
      `SELECT p.id, p.uuid, p.name FROM people p
       WHERE p.deleted_at IS NULL AND p.archived = 0
         AND NOT EXISTS (
           SELECT 1 FROM touchpoint_people tp JOIN touchpoints t ON t.id = tp.touchpoint_id
           WHERE tp.person_id = p.id AND t.deleted_at IS NULL AND t.paused = 0)
       ORDER BY p.name`,
    )
    .all() as { id: number; uuid: string; name: string }[];
  const recent = db.prepare(
    `SELECT e.uuid, e.at, e.channel, e.activity, e.small, e.minutes, e.mood_before, e.mood_after, e.felt, e.quality, e.initiated
     FROM entry_people ep JOIN entries e ON e.id = ep.entry_id
     WHERE ep.person_id = ? AND e.deleted_at IS NULL AND e.type = 'interaction'
     ORDER BY ep.at DESC LIMIT ${RECENT_CONTACTS}`,
  );
  return people.map((person) => ({
    name: person.name,
    interactions: (recent.all(person.id) as ContactRow[]).map(
      (row): Interaction => ({
        id: row.uuid,
        type: 'interaction',
        at: new Date(row.at),
        people: [person.name],
        channel: row.channel as Channel | null,
        activity: row.activity,
        small: row.small === 1,
        minutes: row.minutes,
        moodBefore: row.mood_before,
        moodAfter: row.mood_after,
        felt: row.felt ? (row.felt.split(',') as Felt[]) : [],
        quality: row.quality,
        initiated: row.initiated as Initiated | null,
        note: null,
        touchpointId: null,
      }),
    ),
  }));
}

/** Noon on the local day `days` after `instant`'s day: a probe instant well clear of DST edges. */
function noonAfter(instant: Date, days: number): Date {
  return new Date(instant.getFullYear(), instant.getMonth(), instant.getDate() + days, 12);
}

/**
 * People whose rhythm has gone quiet or will, each from the first day findLapsedRhythms would name them.
 * Only people time with whom tends to feel good: the nudge leans towards warmth, not towards absence.
 */
function rhythmRows(db: Database.Database): PlanRow[] {
  const rows: PlanRow[] = [];
  for (const person of peopleWithRecentContacts(db)) {
    if (person.interactions.length < 3) continue;
    const last = person.interactions[0].at;
    const lapsedOn = (days: number) => findLapsedRhythms([person], noonAfter(last, days))[0];
    // Far enough out, how long it has been stops mattering to the score: only the feel remains.
    const settled = lapsedOn(MAX_LAPSE_DAYS);
    if (!settled || settled.score <= 1.25) continue;
    let low = 0;
    let high = MAX_LAPSE_DAYS;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (lapsedOn(middle)) high = middle;
      else low = middle;
    }
    const first = lapsedOn(high)!;
    rows.push({ kind: 'rhythm', subject: person.name, fromDay: localDay(noonAfter(last, high)), untilDay: null, priority: PRIORITY.rhythm, rank: -settled.score, text: first.reason });
  }
  return rows;
}

/** Everything the nudge could say from today on, worked out now so that the nudge itself only looks it up. */
export function planNudges(db: Database.Database, now: Date): PlanRow[] {
  return [...touchpointRows(db, now), ...rhythmRows(db)];
}

/**
 * The afterWrite hook: rewrites nudge_plan inside the command's own transaction. A derived table must
 * never cost anyone a journal entry, so a failure here leaves the plan empty (the nudge then offers a
 * gentle reminder) rather than failing the write.
 */
export function refreshNudgePlan(journal: Journal, now: Date): void {
  const { db } = journal;
  const replace = db.transaction((rows: PlanRow[]) => {
    db.prepare('DELETE FROM nudge_plan').run();
    const insert = db.prepare(
      'INSERT INTO nudge_plan(kind, subject, from_day, until_day, priority, rank, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const row of rows) insert.run(row.kind, row.subject, row.fromDay, row.untilDay, row.priority, row.rank, row.text);
  });
  try {
    replace(planNudges(db, now));
  } catch {
    try {
      db.prepare('DELETE FROM nudge_plan').run();
    } catch {
      // no plan table at all: nothing to clear
    }
  }
}
