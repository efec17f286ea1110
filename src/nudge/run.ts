// The nudge itself: read the stamp, ask the journal one question, leave a new stamp. Loads
// better-sqlite3 and nothing else from outside Node, and never lets a problem escape: a nudge that
// cannot speak keeps quiet (connect doctor is where problems show).
import type Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { localDay, nextNudgeAt, readNudgeEvery } from '../core/nudge';
import { reminderForDay } from '../core/reminders';
import { nativeBindingPath } from '../db/native';
import { readPlannedNudge, readSettingOnly } from '../db/nudge-read';

export type NudgeKind = 'touchpoint' | 'rhythm' | 'reminder';

export interface Nudge {
  kind: NudgeKind;
  text: string;
}

export interface NudgeRequest {
  journalPath: string;
  now: Date;
  /** Speak even if the nudge already spoke this period (or is off). */
  force: boolean;
}

/** Beside the journal: the epoch second from which the nudge may speak again (the shell snippet reads it too). */
export const stampPath = (journalPath: string) => `${journalPath}.nudge`;

function mayNotSpeakYet(journalPath: string, now: Date): boolean {
  try {
    const until = Number(readFileSync(stampPath(journalPath), 'latin1').trim());
    return Number.isFinite(until) && now.getTime() < until * 1000;
  } catch {
    return false;
  }
}

function openQuietly(path: string): Database.Database {
  // Loaded here, not at the top: a nudge that has already spoken today never needs SQLite at all.
  const BetterSqlite3 = require('better-sqlite3') as typeof Database;
  const nativeBinding = nativeBindingPath();
  // Not `readonly`: a read-only connection to a WAL journal leaves -wal and -shm files behind, while
  // the last ordinary connection tidies them away on close. Only SELECTs run here; fileMustExist keeps
  // it from ever creating a journal. timeout 0: a busy journal means no nudge this time, never a wait.
  return new BetterSqlite3(path, { fileMustExist: true, timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
}

/** What the journal has to say today and how often the nudge may speak; null when it cannot be read. */
function consult(journalPath: string, today: string): { every: string | null; planned: Nudge | null } | null {
  let db: Database.Database | undefined;
  try {
    db = openQuietly(journalPath);
    try {
      const row = readPlannedNudge(db, today);
      if (!row.isJournal) return null;
      return { every: row.every, planned: row.kind && row.text ? { kind: row.kind, text: row.text } : null };
    } catch {
      // A connect journal from before the plan existed still gets a gentle reminder.
      const every = readSettingOnly(db);
      return every === undefined ? null : { every, planned: null };
    }
  } catch {
    return null;
  } finally {
    try {
      db?.close();
    } catch {
      // closing a journal we only read cannot lose anything
    }
  }
}

/**
 * The one line to show at shell start, or null. Speaks at most once per `nudge.every` (unless forced),
 * only about a journal that exists and reads cleanly, and only once it has left the stamp that keeps
 * the next shells quiet.
 */
export function nudge(request: NudgeRequest): Nudge | null {
  const { journalPath, now, force } = request;
  if (!force && mayNotSpeakYet(journalPath, now)) return null;
  const today = localDay(now);
  const found = consult(journalPath, today);
  if (!found) return null;
  const every = readNudgeEvery(found.every);
  const until = Math.floor(nextNudgeAt(now, every).getTime() / 1000);
  try {
    writeFileSync(stampPath(journalPath), `${until}\n`, { mode: 0o600 });
  } catch {
    // Without a stamp every new shell would speak again: keep quiet unless asked.
    if (!force) return null;
  }
  if (every === 'off' && !force) return null;
  return found.planned ?? { kind: 'reminder', text: reminderForDay(now) };
}
