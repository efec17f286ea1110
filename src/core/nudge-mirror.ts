// The nudge mirror's format: a small JSON file beside the journal holding what `connect nudge` needs (the
// plan and nudge.every) and the signature of the journal's files at the moment it was read. Pure: the
// files themselves are src/db/nudge-mirror.ts. Imported by the tiny nudge bundle: no dependencies.
import type { NudgePlan, PlanLine } from './nudge';

/** One file as stat sees it; decimal strings, since nanosecond times do not fit in a JSON number. */
export interface FileStamp {
  dev: string;
  ino: string;
  size: string;
  mtimeNs: string;
  ctimeNs: string;
}

/** The journal file and its -wal (null when there is none): any change to the journal changes one of them. */
export interface JournalSignature {
  journal: FileStamp;
  wal: FileStamp | null;
}

export interface NudgeMirror extends NudgePlan {
  signature: JournalSignature;
}

/** Bumped whenever the shape changes: a mirror of another shape is simply not used. */
const FORMAT = 1;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DIGITS = /^\d{1,40}$/;
const STAMP_KEYS = ['dev', 'ino', 'size', 'mtimeNs', 'ctimeNs'] as const;

const sameStamp = (a: FileStamp | null, b: FileStamp | null) => (a === null || b === null ? a === b : STAMP_KEYS.every((key) => a[key] === b[key]));

/** True only when every part of both signatures is equal. */
export function sameSignature(a: JournalSignature, b: JournalSignature): boolean {
  return sameStamp(a.journal, b.journal) && sameStamp(a.wal, b.wal);
}

/**
 * True when every time in `signature` is older than `probeNs`, the time the file system gave a file written
 * just before the signature was taken. Only then would any later change to the journal carry a newer time,
 * so a matching signature proves nothing changed (file times can be coarse: two changes in one tick look alike).
 */
export function settledBefore(signature: JournalSignature, probeNs: bigint): boolean {
  const stamps = signature.wal ? [signature.journal, signature.wal] : [signature.journal];
  return stamps.every((stamp) => BigInt(stamp.mtimeNs) < probeNs && BigInt(stamp.ctimeNs) < probeNs);
}

export function mirrorText(mirror: NudgeMirror): string {
  const { signature, every, lines } = mirror;
  return `${JSON.stringify({ format: FORMAT, signature, every, lines })}\n`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function readStamp(value: unknown): FileStamp | null {
  if (!isObject(value)) return null;
  const stamp = {} as FileStamp;
  for (const key of STAMP_KEYS) {
    const part = value[key];
    if (typeof part !== 'string' || !DIGITS.test(part)) return null;
    stamp[key] = part;
  }
  return stamp;
}

function readLine(value: unknown): PlanLine | null {
  if (!isObject(value)) return null;
  const { kind, fromDay, untilDay, priority, rank, text } = value;
  if (kind !== 'touchpoint' && kind !== 'rhythm') return null;
  if (typeof fromDay !== 'string' || !DAY.test(fromDay)) return null;
  if (untilDay !== null && (typeof untilDay !== 'string' || !DAY.test(untilDay))) return null;
  if (typeof priority !== 'number' || !Number.isFinite(priority) || typeof rank !== 'number' || !Number.isFinite(rank)) return null;
  if (typeof text !== 'string') return null;
  return { kind, fromDay, untilDay, priority, rank, text };
}

/** The mirror in `text`, or null for anything not exactly of its shape (the nudge then asks the journal). */
export function parseMirror(text: string): NudgeMirror | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(raw) || raw.format !== FORMAT || !isObject(raw.signature) || !Array.isArray(raw.lines)) return null;
  const journal = readStamp(raw.signature.journal);
  const wal = raw.signature.wal === null ? null : readStamp(raw.signature.wal);
  if (!journal || (raw.signature.wal !== null && !wal)) return null;
  if (raw.every !== null && typeof raw.every !== 'string') return null;
  const lines: PlanLine[] = [];
  for (const value of raw.lines) {
    const line = readLine(value);
    if (!line) return null;
    lines.push(line);
  }
  return { signature: { journal, wal }, every: raw.every, lines };
}
