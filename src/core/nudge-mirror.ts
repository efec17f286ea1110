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
const FORMAT = 2;
const STAMP_KEYS = ['dev', 'ino', 'size', 'mtimeNs', 'ctimeNs'] as const;

/** A plan line as the mirror stores it: a tuple, which is quicker to read back at shell start than an object. */
type StoredLine = [PlanLine['kind'], string, string | null, number, number, string];

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
  const stored = lines.map((l): StoredLine => [l.kind, l.fromDay, l.untilDay, l.priority, l.rank, l.text]);
  return `${JSON.stringify({ format: FORMAT, signature, every, lines: stored })}\n`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** YYYY-MM-DD, checked cheaply: this runs for every line at shell start. */
const isDay = (value: unknown): value is string => typeof value === 'string' && value.length === 10 && value[4] === '-' && value[7] === '-';

function readStamp(value: unknown): FileStamp | null {
  if (!isObject(value)) return null;
  const { dev, ino, size, mtimeNs, ctimeNs } = value;
  // Only ever compared for equality with a fresh stat, so text is all they need to be.
  if (typeof dev !== 'string' || typeof ino !== 'string' || typeof size !== 'string' || typeof mtimeNs !== 'string' || typeof ctimeNs !== 'string') return null;
  return { dev, ino, size, mtimeNs, ctimeNs };
}

function readLine(value: unknown): PlanLine | null {
  if (!Array.isArray(value) || value.length !== 6) return null;
  // Indexed, not destructured: destructuring walks an iterator, slow in code that runs once per process.
  const kind: unknown = value[0];
  const fromDay: unknown = value[1];
  const untilDay: unknown = value[2];
  const priority: unknown = value[3];
  const rank: unknown = value[4];
  const text: unknown = value[5];
  if (kind !== 'touchpoint' && kind !== 'rhythm') return null;
  if (!isDay(fromDay) || (untilDay !== null && !isDay(untilDay))) return null;
  if (typeof priority !== 'number' || typeof rank !== 'number' || typeof text !== 'string') return null;
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
  for (let i = 0; i < raw.lines.length; i++) {
    const line = readLine(raw.lines[i]);
    if (!line) return null;
    lines.push(line);
  }
  return { signature: { journal, wal }, every: raw.every, lines };
}
