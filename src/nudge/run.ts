// The nudge itself: read the stamp beside the journal, look up the journal's nudge_plan, leave a new stamp.
// Loads better-sqlite3 and nothing else from outside Node, and only when the stamp lets it speak; never lets a
// problem escape: a nudge that cannot speak keeps quiet (connect doctor is where problems show).
import { closeSync, constants, ftruncateSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dayKey } from '../core/local-day';
import { firstPlanned, nextNudgeAt, readNudgeEvery, type NudgeKind } from '../core/nudge';
import { reminderForDay } from '../core/reminders';
import { consultJournal } from '../db/nudge-read';

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

/**
 * Leaves the stamp. An existing one is overwritten in place (same length, no truncation): emptying a file
 * before rewriting it makes ext4 flush it on close, which cost more than everything else the nudge does.
 * Never through a symbolic link (O_NOFOLLOW; a new one is created exclusively): the stamp can only ever write
 * the stamp, not a file a link points at.
 */
function leaveStamp(journalPath: string, until: number): void {
  const text = `${until}\n`;
  let fd: number;
  try {
    fd = openSync(stampPath(journalPath), constants.O_RDWR | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    writeFileSync(stampPath(journalPath), text, { mode: 0o600, flag: 'wx' });
    return;
  }
  try {
    writeSync(fd, text, 0);
    ftruncateSync(fd, Buffer.byteLength(text));
  } finally {
    closeSync(fd);
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
  const found = consultJournal(journalPath);
  if (!found) return null;
  const every = readNudgeEvery(found.every);
  const until = Math.floor(nextNudgeAt(now, every).getTime() / 1000);
  try {
    leaveStamp(journalPath, until);
  } catch {
    // Without a stamp every new shell would speak again: keep quiet unless asked.
    if (!force) return null;
  }
  if (every === 'off' && !force) return null;
  const planned = firstPlanned(found.lines, dayKey(now));
  return planned?.text ? { kind: planned.kind, text: planned.text } : { kind: 'reminder', text: reminderForDay(now) };
}
