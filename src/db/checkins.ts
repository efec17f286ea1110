import type Database from 'better-sqlite3';
import { scoreOf, type Checkin, type CheckinAnswers } from '../core/checkin';
import { localDay } from '../core/local-day';
import { newUuid } from './uuid';

interface CheckinRow {
  uuid: string;
  at: number;
  answers: string;
  score: number;
}

const toCheckin = (row: CheckinRow): Checkin => ({
  id: row.uuid,
  at: new Date(row.at),
  answers: row.answers.split(',').map(Number) as CheckinAnswers,
  score: row.score,
});

export function insertCheckin(
  db: Database.Database,
  now: Date,
  answers: CheckinAnswers,
  at: Date = now,
  uuid: string = newUuid(db),
): Checkin {
  const stamp = now.getTime();
  db.prepare('INSERT INTO checkins(uuid, at, answers, score, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    uuid,
    at.getTime(),
    answers.join(','),
    scoreOf(answers),
    stamp,
    stamp,
  );
  return { id: uuid, at, answers, score: scoreOf(answers) };
}

export interface CheckinFilter {
  since?: Date;
  until?: Date;
}

/** Live check-ins, oldest first (a trend reads left to right). */
export function listCheckins(db: Database.Database, filter: CheckinFilter = {}): Checkin[] {
  const where = ['deleted_at IS NULL'];
  const params: Record<string, number> = {};
  if (filter.since) {
    where.push('at >= @since');
    params.since = filter.since.getTime();
  }
  if (filter.until) {
    where.push('at <= @until');
    params.until = filter.until.getTime();
  }
  const rows = db
    .prepare(`SELECT uuid, at, answers, score FROM checkins WHERE ${where.join(' AND ')} ORDER BY at, id`)
    .all(params) as CheckinRow[];
  return rows.map(toCheckin);
}

/** Live check-ins at or before a time, newest first. */
const NEWEST_FIRST =
  'SELECT uuid, at, answers, score FROM checkins WHERE deleted_at IS NULL AND at <= ? ORDER BY at DESC, id DESC';

/** The most recent check-in at or before `until`, or null. */
export function latestCheckin(db: Database.Database, until: Date): Checkin | null {
  const row = db.prepare(`${NEWEST_FIRST} LIMIT 1`).get(until.getTime()) as CheckinRow | undefined;
  return row ? toCheckin(row) : null;
}

/**
 * The check-ins of the latest `days` local days that have any, up to `until`, oldest first: read newest first and
 * no further, rather than a journal's years of them.
 */
export function checkinsOfLatestDays(db: Database.Database, until: Date, days: number): Checkin[] {
  const checkins: Checkin[] = [];
  const seen = new Set<number>();
  for (const row of db.prepare(NEWEST_FIRST).iterate(until.getTime()) as Iterable<CheckinRow>) {
    const checkin = toCheckin(row);
    const day = localDay(checkin.at);
    if (!seen.has(day) && seen.size === days) break;
    seen.add(day);
    checkins.push(checkin);
  }
  return checkins.reverse();
}
