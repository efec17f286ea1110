// The nudge mirror: `<journal>.nudge-plan`, a small owner-only JSON file holding what `connect nudge` needs,
// signed with the stat of the journal's files at the moment it was read. The nudge answers from it without
// loading SQLite only while that signature still matches exactly; any change to the journal, by any
// process, changes the signature, so the mirror can be out of date but never believed when it is.
// Deleting it is harmless: the next nudge or write leaves a new one.
import type Database from 'better-sqlite3';
import { closeSync, fchmodSync, fstatSync, ftruncateSync, lstatSync, openSync, readFileSync, renameSync, rmSync, writeSync, type BigIntStats } from 'node:fs';
import type { NudgePlan } from '../core/nudge';
import { mirrorText, parseMirror, sameSignature, settledBefore, type FileStamp, type JournalSignature } from '../core/nudge-mirror';
import { openQuietly, readNudgePlan, readSettingOnly } from './nudge-read';

export const mirrorPath = (journalPath: string) => `${journalPath}.nudge-plan`;

/** How long a command that wrote may wait for a coarse file clock to tick on, so its mirror can be trusted. */
export const WRITER_PATIENCE_MS = 20;

const stampOf = (stats: BigIntStats): FileStamp => ({
  dev: String(stats.dev),
  ino: String(stats.ino),
  size: String(stats.size),
  mtimeNs: String(stats.mtimeNs),
  ctimeNs: String(stats.ctimeNs),
});

/**
 * The journal's signature, or null when it cannot be signed: no journal, or a symbolic link (its -wal lives
 * beside the file it points to, out of sight, and its times are not the journal's).
 */
export function signatureOf(journalPath: string): JournalSignature | null {
  const journal = lstatSync(journalPath, { bigint: true, throwIfNoEntry: false });
  if (!journal?.isFile()) return null;
  const wal = lstatSync(`${journalPath}-wal`, { bigint: true, throwIfNoEntry: false });
  if (wal && !wal.isFile()) return null;
  return { journal: stampOf(journal), wal: wal ? stampOf(wal) : null };
}

/** The plan from the mirror, only if the journal's files are exactly as they were when it was read. */
export function readNudgeMirror(journalPath: string): NudgePlan | null {
  let text: string;
  try {
    text = readFileSync(mirrorPath(journalPath), 'utf8');
  } catch {
    return null;
  }
  const mirror = parseMirror(text);
  if (!mirror) return null;
  const current = signatureOf(journalPath);
  return current && sameSignature(current, mirror.signature) ? { every: mirror.every, lines: mirror.lines } : null;
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * The mirror being written: a temporary file beside the journal, written BEFORE the journal's signature is
 * taken, so the file system's own clock tells whether that signature is settled (see settledBefore).
 */
interface Probe {
  fd: number;
  temp: string;
  signature: JournalSignature;
}

/** Touches the temporary file until its time is newer than every time in the journal's signature. */
function startProbe(journalPath: string, patienceMs: number): Probe | null {
  if (!signatureOf(journalPath)) return null;
  const started = Date.now();
  const temp = `${mirrorPath(journalPath)}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    // A leftover of the same name (a process of this id that was stopped midway) keeps its old mode otherwise.
    fchmodSync(fd, 0o600);
    for (;;) {
      // Written, looked at, written again: file systems with fine-grained times on demand give the second write
      // one. (Never emptied: ext4 flushes a file emptied and rewritten when it is closed.)
      writeSync(fd, '{}', 0);
      fstatSync(fd);
      writeSync(fd, '{}', 0);
      const touched = fstatSync(fd, { bigint: true }).mtimeNs;
      const signature = signatureOf(journalPath);
      if (!signature) break;
      if (settledBefore(signature, touched)) return { fd, temp, signature };
      if (Date.now() - started >= patienceMs) break;
      pause(1);
    }
  } catch {
    // fall through: no mirror this time
  }
  abandon({ fd, temp });
  return null;
}

/** Closes and removes the temporary file; never throws (the mirror only ever saves time). */
function abandon(probe: { fd: number; temp: string }): void {
  try {
    closeSync(probe.fd);
  } catch {
    // already closed
  }
  rmQuietly(probe.temp);
}

function rmQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // a folder we may no longer write to: nothing more to do
  }
}

/**
 * Keeps the mirror, signed `expected`, only if the journal's files are now exactly that: nothing changed them
 * while the plan was being read but what the reader itself expected.
 */
function finishProbe(probe: Probe, journalPath: string, plan: NudgePlan, expected: JournalSignature): void {
  let keep = false;
  try {
    const after = signatureOf(journalPath);
    if (after && sameSignature(after, expected)) {
      const text = mirrorText({ signature: expected, every: plan.every, lines: plan.lines });
      writeSync(probe.fd, text, 0);
      ftruncateSync(probe.fd, Buffer.byteLength(text));
      keep = true;
    }
  } catch {
    keep = false;
  }
  if (!keep) return abandon(probe);
  try {
    closeSync(probe.fd);
    renameSync(probe.temp, mirrorPath(journalPath));
  } catch {
    rmQuietly(probe.temp);
  }
}

/** The plan as SQLite has it; `complete` is false for a journal from before the plan (nothing to mirror). */
function readThroughSqlite(journalPath: string): (NudgePlan & { complete: boolean }) | null {
  let db: ReturnType<typeof openQuietly> | undefined;
  try {
    db = openQuietly(journalPath);
    try {
      const plan = readNudgePlan(db);
      return plan && { ...plan, complete: true };
    } catch {
      // A connect journal from before the plan existed still gets a gentle reminder.
      const every = readSettingOnly(db);
      return every === undefined ? null : { every, lines: [], complete: false };
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
 * Reads what the nudge needs through SQLite, exactly as before the mirror existed (null when the journal
 * cannot be read or is not a connect journal), and leaves a fresh mirror beside it when the journal's files
 * were the same before and after the reading. The nudge never waits for a coarse file clock.
 */
export function consultJournal(journalPath: string): NudgePlan | null {
  let probe: Probe | null = null;
  try {
    probe = startProbe(journalPath, 0);
  } catch {
    probe = null;
  }
  const plan = readThroughSqlite(journalPath);
  if (probe) {
    if (plan?.complete) finishProbe(probe, journalPath, plan, probe.signature);
    else abandon(probe);
  }
  return plan && { every: plan.every, lines: plan.lines };
}

/**
 * The journal's afterClose hook, run while a journal this command wrote is still open: reads the plan through
 * the command's own connection, and once the journal is closed leaves the mirror for the next shell's nudge.
 * The -wal is folded into the journal first (as closing would), so that closing only removes it: then the
 * journal file left behind must be exactly as it was when the plan was read, or no mirror is left.
 */
export function mirrorNudgePlan(db: Database.Database, journalPath: string): (() => void) | undefined {
  let probe: Probe | null = null;
  try {
    if (db.inTransaction) return undefined;
    // PASSIVE never waits for other connections; they only mean no mirror this time.
    const [done] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    if (!done || done.busy !== 0 || done.log < 0 || done.log !== done.checkpointed) return undefined;
    probe = startProbe(journalPath, WRITER_PATIENCE_MS);
    if (!probe) return undefined;
    const plan = readNudgePlan(db);
    const settled = probe;
    if (!plan) return void abandon(settled);
    return () => finishProbe(settled, journalPath, plan, { journal: settled.signature.journal, wal: null });
  } catch {
    if (probe) abandon(probe);
    return undefined;
  }
}
