// What the shell start-up nudge may say, worked out inside every write's transaction and kept in the nudge_plan
// table, so that `connect nudge` only looks it up (one indexed query, whatever the journal's size). Each row is
// a line the nudge may say from one local day to another; the nudge says the first that applies today, in the
// order of NUDGE_LINES (core/nudge.ts). To add a kind of line: name it there and give it a planner here (the
// compiler asks for one). Touchpoint lines are planned from nothing at every write (a few touchpoints, cheap);
// a person's rhythm line only when something about them changed (nudge_stale_people, kept by triggers), since
// reading everyone's contacts at every write would cost more than the write itself.
import type Database from 'better-sqlite3';
import { addDays } from 'date-fns/addDays';
import { dayKey } from '../core/local-day';
import { NUDGE_LINES, rhythmQuietFrom, touchpointLaterLine, touchpointTodayLine, type NudgeLine } from '../core/nudge';
import { RHYTHM_WINDOW, type Contact } from '../core/people-stats';
import { findLapsedRhythms } from '../core/rhythm';
import { dayOf, viewDue } from '../core/schedule';
import { recentContacts } from './entries';
import type { Journal } from './journal';
import { listTouchpoints, type StoredTouchpoint } from './touchpoints';

/** How far ahead a touchpoint's own days are written out; past it, "a little while" covers the rest. */
const HORIZON_DAYS = 42;
/** Far enough past someone's last contact that a lapsed rhythm's score rests on how time together feels alone. */
const FAR_AHEAD_MS = 3660 * 86_400_000;
/** findLapsedRhythms' score from far ahead is 1.25 + how time together feels (−1…+1.5): above it, it feels good. */
const WARM_SCORE = 1.25;

export interface PlanRow {
  line: NudgeLine;
  /** The person a rhythm line is about (null for touchpoint lines). */
  personId: number | null;
  fromDay: string;
  untilDay: string | null;
  /** Among rows of the same line that apply on one day, the lower speaks first. */
  rank: number;
  text: string;
}

/** What the planners read from the journal, once per write. */
interface Sources {
  /** Live touchpoints that are not paused. */
  touchpoints: StoredTouchpoint[];
  /** Whose rhythm line to work out again: stale, live and unarchived, and not spoken for by a touchpoint. */
  people: { id: number; name: string; contacts: Contact[] }[];
}

/** Local days from one to another (null: on past the horizon). */
interface Run {
  fromDay: string;
  untilDay: string | null;
}

/** A touchpoint's due days as the two kinds of line see them: its own day, and days after it while still open. */
interface DueRuns {
  today: Run[];
  late: Run[];
}

/**
 * The days from yesterday to the horizon on which a touchpoint is due, as runs of its own day and of days it is
 * late (its day has passed, its window still open). A run still going at the horizon goes on: a floating
 * touchpoint stays "a little while". It steps from one change to the next (a due day, the end of a window), not
 * day by day, once for both kinds: this runs inside every write.
 */
function dueRuns(touchpoint: StoredTouchpoint, now: Date): DueRuns {
  const runs: DueRuns = { today: [], late: [] };
  if (touchpoint.paused) return runs;
  const first = addDays(dayOf(now), -1);
  const end = addDays(first, HORIZON_DAYS);
  const until = (last: Date) => (last.getTime() >= end.getTime() ? null : dayKey(last));
  for (let day = first; day.getTime() <= end.getTime(); ) {
    const view = viewDue(touchpoint, day);
    if (view.status !== 'due') {
      // Every day until its due day is "coming up": nothing to say, so go straight there.
      day = view.due.getTime() > day.getTime() ? view.due : addDays(day, 1);
    } else if (!view.late) {
      runs.today.push({ fromDay: dayKey(day), untilDay: until(day) });
      day = addDays(day, 1);
    } else {
      // Late until its window closes (the day before the next occurrence), or, floating, until it is kept.
      runs.late.push({ fromDay: dayKey(day), untilDay: view.until ? until(view.until) : null });
      if (!view.until) break;
      day = addDays(view.until, 1);
    }
  }
  return runs;
}

/**
 * Someone's line, from the day findLapsedRhythms starts to name them, if their rhythm is one that tends to feel
 * good: the nudge leans towards warmth, not towards absence. Null otherwise.
 */
export function rhythmRow(personId: number, name: string, contacts: Contact[]): PlanRow | null {
  if (contacts.length < 3) return null;
  const latest = Math.max(...contacts.map((e) => e.at.getTime()));
  const [rhythm] = findLapsedRhythms([{ name, interactions: contacts }], new Date(latest + FAR_AHEAD_MS));
  if (!rhythm || rhythm.score <= WARM_SCORE) return null;
  // Reason and usual gap do not depend on the day asked: they are what findLapsedRhythms says when it lapses.
  return {
    line: 'rhythm',
    personId,
    fromDay: rhythmQuietFrom(rhythm.lastContact, rhythm.usualGapDays),
    untilDay: null,
    rank: -rhythm.score,
    text: rhythm.reason,
  };
}

/** Each touchpoint's runs, worked out once per plan for both touchpoint planners. */
const runsOfPlan = new WeakMap<Sources, DueRuns[]>();

function touchpointRuns(sources: Sources, now: Date): DueRuns[] {
  let runs = runsOfPlan.get(sources);
  if (!runs) {
    runs = sources.touchpoints.map((t) => dueRuns(t, now));
    runsOfPlan.set(sources, runs);
  }
  return runs;
}

const touchpointPlanner =
  (line: 'touchpointToday' | 'touchpointLater', words: (title: string, people: string[]) => string) =>
  (sources: Sources, now: Date): PlanRow[] => {
    const runs = touchpointRuns(sources, now);
    return sources.touchpoints.flatMap((t, i) =>
      runs[i][line === 'touchpointLater' ? 'late' : 'today'].map((run) => ({
        line,
        personId: null,
        ...run,
        rank: 0,
        text: words(t.title, t.people),
      })),
    );
  };

/** One planner per kind of line. Touchpoint planners return every line; the rhythm planner only the stale people's. */
const PLANNERS: Record<NudgeLine, (sources: Sources, now: Date) => PlanRow[]> = {
  touchpointToday: touchpointPlanner('touchpointToday', touchpointTodayLine),
  touchpointLater: touchpointPlanner('touchpointLater', touchpointLaterLine),
  rhythm: ({ people }) => people.flatMap(({ id, name, contacts }) => rhythmRow(id, name, contacts) ?? []),
};

/** People the nudge watches: live, unarchived, and not spoken for by an active touchpoint. */
const WATCHED = `p.deleted_at IS NULL AND p.archived = 0 AND NOT EXISTS (
  SELECT 1 FROM touchpoint_people tp JOIN touchpoints t ON t.id = tp.touchpoint_id
  WHERE tp.person_id = p.id AND t.deleted_at IS NULL AND t.paused = 0)`;

function readSources(db: Database.Database): Sources {
  const stale = db
    .prepare(`SELECT p.id, p.name FROM nudge_stale_people s JOIN people p ON p.id = s.person_id WHERE ${WATCHED}`)
    .all() as { id: number; name: string }[];
  return {
    touchpoints: listTouchpoints(db).filter((t) => !t.paused),
    people: stale.map(({ id, name }) => ({ id, name, contacts: recentContacts(db, id, { limit: RHYTHM_WINDOW }) })),
  };
}

/** Brings nudge_plan up to date as of `now`: every touchpoint line, and the rhythm lines of stale people. */
export function updateNudgePlan(db: Database.Database, now: Date): void {
  const sources = readSources(db);
  const rows = NUDGE_LINES.flatMap(({ line }) => PLANNERS[line](sources, now));
  db.exec(`DELETE FROM nudge_plan WHERE person_id IS NULL OR person_id IN (SELECT person_id FROM nudge_stale_people)
    OR person_id NOT IN (SELECT p.id FROM people p WHERE ${WATCHED}); DELETE FROM nudge_stale_people;`);
  const insert = db.prepare(
    'INSERT INTO nudge_plan(kind, person_id, from_day, until_day, priority, rank, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const row of rows) {
    const priority = NUDGE_LINES.findIndex((l) => l.line === row.line);
    insert.run(NUDGE_LINES[priority].kind, row.personId, row.fromDay, row.untilDay, priority + 1, row.rank, row.text);
  }
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
      db.exec(
        'DELETE FROM nudge_plan; DELETE FROM nudge_stale_people; INSERT INTO nudge_stale_people SELECT id FROM people;',
      );
    } catch {
      // no plan table at all: nothing to clear
    }
  }
}
