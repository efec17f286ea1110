/**
 * connect sync's pure rules: change stamps (a hybrid logical clock), how they compare, and what a file in the sync
 * folder is called and carries. No I/O here; src/db/sync.ts reads and writes.
 */

/** A change stamp: physical milliseconds, a counter for changes within one millisecond, and the device. */
export interface Stamp {
  physical: number;
  counter: number;
  device: string;
}

/** Newer physical time wins, then the higher counter, then the device id (so every device picks the same). */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.physical !== b.physical) return a.physical < b.physical ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.device === b.device ? 0 : a.device < b.device ? -1 : 1;
}

/** A stamp as text that sorts like the stamp: "000001795000000000.000003.<device>". */
export function formatStamp(stamp: Stamp): string {
  return `${String(stamp.physical).padStart(18, '0')}.${String(stamp.counter).padStart(6, '0')}.${stamp.device}`;
}

const STAMP = /^(\d{18})\.(\d{6,})\.([0-9a-f-]{36})$/;

/** The stamp written by formatStamp, or null when the text is not one. */
export function parseStamp(text: unknown): Stamp | null {
  if (typeof text !== 'string') return null;
  const match = STAMP.exec(text);
  if (!match) return null;
  const physical = Number(match[1]);
  const counter = Number(match[2]);
  if (!Number.isSafeInteger(physical) || !Number.isSafeInteger(counter)) return null;
  return { physical, counter, device: match[3] };
}

/**
 * The clock after receiving `seen`: it never runs below the largest stamp it has seen, so a change made after
 * receiving a row always beats that row, however wrong the clock that wrote it.
 */
export function receiveStamp(
  clock: { physical: number; counter: number },
  seen: Stamp,
): { physical: number; counter: number } {
  if (seen.physical > clock.physical) return { physical: seen.physical, counter: seen.counter };
  if (seen.physical === clock.physical && seen.counter > clock.counter)
    return { physical: clock.physical, counter: seen.counter };
  return clock;
}

/**
 * The newest physical time among a file's stamps (its rows' and its removals'), or 0. A file whose newest stamp
 * lies more than CLOCK_GRACE_MS ahead of this device's clock waits: a device whose clock is wrong never drags
 * the others' clocks after it.
 */
export function newestPhysical(stamps: Record<string, unknown>, gone: { stamp?: unknown }[]): number {
  let newest = 0;
  for (const list of Object.values(stamps))
    for (const text of Array.isArray(list) ? list : []) newest = Math.max(newest, parseStamp(text)?.physical ?? 0);
  for (const record of gone) newest = Math.max(newest, parseStamp(record.stamp)?.physical ?? 0);
  return newest;
}

export const SYNC_FORMAT = 'connect-sync';
/**
 * The version of what travels in a sync file: its header, the sections and fields of its rows, its stamps and its
 * removals. It changes only when that changes, never for a migration that touches only this device's own tables
 * (indexes, summaries), so devices a release apart keep exchanging; a reader leaves a file of a newer format
 * untouched, with a note. The journal's schema version rides along in the header for information only.
 */
export const SYNC_FORMAT_VERSION = 2;

/**
 * A sync file's checksum of its body (as JSON text), from format 2 on: cyrb64, bryc's cyrb53 hash with both of its
 * 32-bit lanes kept (two multiply-xor lanes over the UTF-16 code units, mixed together at the end), in hex. It
 * tells a half-copied or altered file from a whole one, and one version of a file from another; it proves nothing
 * about who wrote a file (nor did SHA-256, which format 1 used: nothing in the folder is signed). Worked out here, as
 * loading node:crypto costs more than the rest of writing or reading a day's changes.
 */
export function bodyChecksum(json: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < json.length; i++) {
    const unit = json.charCodeAt(i);
    h1 = Math.imul(h1 ^ unit, 2654435761);
    h2 = Math.imul(h2 ^ unit, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hex = (lane: number) => (lane >>> 0).toString(16).padStart(8, '0');
  return `cyrb64-${hex(h2)}${hex(h1)}`;
}

/**
 * A device gathers its own folder into one file once this many of its numbered files lie there as a sync begins
 * (see compactionList); every device that reads the folder then reads a few files where there were this many.
 */
export const COMPACT_AT = 32;
/** The sub-folder of the sync folder that holds connect's files, one folder per device. */
export const SYNC_SUBFOLDER = 'connect';

export const DEVICE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `<sequence>.json` in the device's folder. */
export const syncFileName = (sequence: number) => `${String(sequence).padStart(8, '0')}.json`;

/**
 * What a file in a device's folder is: one of its batches (`00000012.json`), a copy a sync engine made of one
 * when two versions met (`00000012.sync-conflict-20261126-101500-ABCDEFG.json`,
 * `00000012 (conflicted copy 2026-11-26).json`, `00000012.json~`), or something else (a temporary file while
 * an engine or connect is still writing it: those start with a dot or end in .tmp, and are left for later).
 */
export function classifySyncFile(name: string): { kind: 'batch' | 'copy'; sequence: number } | { kind: 'other' } {
  if (name.startsWith('.') || name.startsWith('~') || /\.(tmp|part|partial|crdownload)$/i.test(name))
    return { kind: 'other' };
  const exact = /^(\d{1,15})\.json$/.exec(name);
  if (exact) return { kind: 'batch', sequence: Number(exact[1]) };
  const copy =
    /^(\d{1,15})\.sync-conflict-[^/]*\.json$/i.exec(name) ??
    /^(\d{1,15})\s*\([^)]*conflict[^)]*\)\s*\.json$/i.exec(name) ??
    /^(\d{1,15})\.json~+$/.exec(name) ??
    /^(\d{1,15})\.json\.~\d+~$/.exec(name);
  if (copy) return { kind: 'copy', sequence: Number(copy[1]) };
  return { kind: 'other' };
}

/** The header of a sync file, as written before the rows. */
export interface SyncHeader {
  format: string;
  formatVersion: number;
  schemaVersion: number;
  device: string;
  sequence: number;
  writtenAt: string;
  /** The oldest and newest stamps in the batch. */
  from: string;
  to: string;
  checksum: string;
  /**
   * Only in a file that gathers a device's folder: the files it replaces (each number with its checksum), from
   * the last such file (or the first file) on. A reader that has merged all of them has all this file holds.
   */
  compacts?: CompactedFile[];
}

/** One of the files a gathering file replaces. */
export interface CompactedFile {
  sequence: number;
  checksum: string;
}

export type HeaderVerdict =
  | { ok: true; header: SyncHeader }
  | { ok: false; reason: 'not-connect' | 'newer'; detail: string };

/** Checks a parsed file's header against what this connect reads. */
export function checkSyncHeader(value: unknown, expected: { device: string; sequence: number }): HeaderVerdict {
  const doc = value as Record<string, unknown>;
  if (typeof value !== 'object' || value === null || doc.format !== SYNC_FORMAT)
    return { ok: false, reason: 'not-connect', detail: 'not a connect sync file' };
  if (typeof doc.formatVersion !== 'number' || doc.formatVersion > SYNC_FORMAT_VERSION)
    return {
      ok: false,
      reason: 'newer',
      detail: `written by a newer connect (sync format ${String(doc.formatVersion)}; this one reads ${SYNC_FORMAT_VERSION})`,
    };
  if (doc.device !== expected.device || doc.sequence !== expected.sequence)
    return { ok: false, reason: 'not-connect', detail: 'its device or number does not match where it lies' };
  if (typeof doc.checksum !== 'string' || typeof doc.from !== 'string' || typeof doc.to !== 'string')
    return { ok: false, reason: 'not-connect', detail: 'its header is incomplete' };
  if (doc.compacts !== undefined && !isCompactedList(doc.compacts))
    return { ok: false, reason: 'not-connect', detail: 'its list of the files it replaces is not one connect writes' };
  return { ok: true, header: doc as unknown as SyncHeader };
}

const isCompactedList = (value: unknown): value is CompactedFile[] =>
  Array.isArray(value) &&
  value.every(
    (item) =>
      typeof item === 'object' &&
      item !== null &&
      Number.isSafeInteger((item as CompactedFile).sequence) &&
      typeof (item as CompactedFile).checksum === 'string',
  );

/**
 * The header of a sync file from its first characters alone (connect writes the header before the body), or null
 * when they do not hold a whole one: a reader learns what a large file replaces without reading all of it.
 */
export function headerFromStart(start: string): Record<string, unknown> | null {
  const at = start.indexOf(',"body":');
  if (at < 0) return null;
  try {
    const header = JSON.parse(`${start.slice(0, at)}}`);
    return typeof header === 'object' && header !== null && !Array.isArray(header) ? header : null;
  } catch {
    return null;
  }
}

/**
 * What a file gathering a device's folder lists as replaced, given that device's numbered files there (with the
 * checksum in each one's header, null when it could not be read) and the number the new file takes. The list runs
 * without a gap from the newest earlier gathering file (or from the first file) to the file before the new one;
 * when the folder does not hold such a run, the list is empty, and every reader reads the new file whole.
 */
export function compactionList(
  files: { sequence: number; checksum: string | null; gathers: boolean }[],
  next: number,
): CompactedFile[] {
  const bySequence = new Map(files.map((file) => [file.sequence, file]));
  let first = 1;
  for (const file of files) if (file.gathers && file.sequence < next && file.sequence > first) first = file.sequence;
  const list: CompactedFile[] = [];
  for (let sequence = first; sequence < next; sequence += 1) {
    const checksum = bySequence.get(sequence)?.checksum;
    if (!checksum) return [];
    list.push({ sequence, checksum });
  }
  return list;
}

/** Whether a reader that has merged `merged` (numbers with checksums) has all a gathering file holds. */
export function coveredBy(header: SyncHeader, merged: (sequence: number, checksum: string) => boolean): boolean {
  const list = header.compacts;
  if (!list || list.length === 0) return false;
  const run = list.every((file, index) => index === 0 || file.sequence === list[index - 1].sequence + 1);
  return (
    run && list[list.length - 1].sequence === header.sequence - 1 && list.every((f) => merged(f.sequence, f.checksum))
  );
}
