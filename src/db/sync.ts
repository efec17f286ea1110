import { preparedOnce } from './prepared';
import Database from 'better-sqlite3';
import { closeSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLOCK_GRACE_MS, checkJournalRows } from '../core/journal-rows';
import {
  bodyChecksum,
  COMPACT_AT,
  type CompactedFile,
  checkSyncHeader,
  classifySyncFile,
  compactionList,
  compareStamps,
  coveredBy,
  DEVICE_ID,
  formatStamp,
  headerFromStart,
  newestPhysical,
  parseStamp,
  receiveStamp,
  type Stamp,
  type SyncHeader,
  SYNC_FORMAT,
  SYNC_FORMAT_VERSION,
  SYNC_SUBFOLDER,
  syncFileName,
} from '../core/sync';
import { RuntimeError, UsageError } from '../errors';
import { ensurePrivateFolder, refuseJournalFiles, writePrivateFileInChunks } from './files';
import { type Journal, SCHEMA_VERSION } from './journal';
import { nativeBindingPath } from './native';
import { exportJournal, importJournal, type TableSpec, transferPlan } from './transfer';
import { newUuid } from './uuid';

/**
 * connect sync: this device's changes go into the sync folder as numbered files of its own
 * (DIR/connect/<device>/<number>.json), and every other device's files are merged in. Every row carries a change
 * stamp (migration 9's triggers); per row, the newer stamp wins. Rows travel in exactly the shape `connect export`
 * writes, and come in through `connect import`'s checks and writer.
 */

/** Settings that belong to this device and never travel. */
const LOCAL_SETTINGS = ['sync.dir'];

interface ClockRow {
  device: string;
  physical: number;
  counter: number;
  sequence: number;
  synced_at: number | null;
}

interface StampRow extends Stamp {
  tbl: string;
  key: string;
  gone: number;
  local: number;
}

interface GoneRecord {
  section: string;
  id: string;
  stamp: string;
}

interface SyncBody {
  rows: Record<string, Record<string, unknown>[]>;
  stamps: Record<string, string[]>;
  gone: GoneRecord[];
}

export type SyncNoteReason = 'ahead' | 'incomplete' | 'newer' | 'not-connect' | 'set-aside' | 'unreadable';

/** A file in the sync folder that was left for later, and why. */
export interface SyncNote {
  file: string;
  reason: SyncNoteReason;
  detail: string;
}

export interface SyncOutcome {
  device: string;
  /** The file this sync wrote, with what it carries; null when nothing had changed (or the folder was closed). */
  sent: { file: string; rows: number; removed: number } | null;
  /** Why nothing could be written (the folder is read-only, or went away); the changes wait for the next sync. */
  notSent: string | null;
  received: { files: number; rows: Record<string, number>; removed: number };
  notes: SyncNote[];
  /** The file that gathered this device's folder, and how many files it replaced; null when none was due. */
  compacted: { file: string; replaced: number } | null;
}

const keyField = (spec: TableSpec) => (spec.key === 'uuid' ? 'id' : 'key');
const keyColumn = (spec: TableSpec) => spec.key;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A sync reads the clock several times. */
const clock = (db: Database.Database): ClockRow =>
  preparedOnce(db, 'SELECT device, physical, counter, sequence, synced_at FROM sync_clock').get() as ClockRow;

/**
 * This device's id, made at its first sync: every row then present is stamped with its own updated time, so the
 * first file is a snapshot of the whole journal.
 */
export function ensureDevice(journal: Journal): string {
  const db = journal.db;
  const known = clock(db).device;
  if (known !== '') return known;
  return db
    .transaction(() => {
      const current = clock(db).device;
      if (current !== '') return current;
      const device = newUuid(db);
      db.prepare('UPDATE sync_clock SET device = ?').run(device);
      db.prepare("UPDATE sync_stamps SET device = ? WHERE device = ''").run(device);
      for (const spec of transferPlan(db)) {
        db.prepare(
          `INSERT OR IGNORE INTO sync_stamps(tbl, key, physical, counter, device, gone, local)
             SELECT ?, ${ident(keyColumn(spec))}, updated_at, 0, ?, 0, 1 FROM ${ident(spec.table)}`,
        ).run(spec.table, device);
      }
      const newest = db.prepare('SELECT max(physical) FROM sync_stamps').pluck().get() as number | null;
      db.prepare('UPDATE sync_clock SET physical = max(physical, ?)').run(newest ?? 0);
      return device;
    })
    .immediate();
}

/**
 * Whether a body is the one its header's checksum was made from: cyrb64 from format 2 on, SHA-256 in the files of
 * format 1 (node:crypto loads only for one of those).
 */
function bodyMatches(body: unknown, checksum: string): boolean {
  const json = JSON.stringify(body);
  if (!checksum.startsWith('sha256-')) return bodyChecksum(json) === checksum;
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return `sha256-${createHash('sha256').update(json).digest('hex')}` === checksum;
}

/**
 * The rows behind `want` (table → keys), with what they point at, exported from a copy holding only them. The rows
 * are copied over through this connection, which has read the journal's schema already (a second connection, or
 * an ATTACH, would read it again: most of what writing a day's changes costs).
 */
function exportRows(journal: Journal, want: Map<string, Set<string>>): Record<string, unknown> {
  const nativeBinding = nativeBindingPath();
  const copy = new Database(':memory:', nativeBinding ? { nativeBinding } : {});
  const db = journal.db;
  try {
    // The travelling tables only, as the journal itself declares them (no indexes, no triggers).
    const schema = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck();
    const plan = transferPlan(db);
    for (const spec of plan)
      for (const table of [spec.table, ...(spec.children ?? []).map((c) => c.table)])
        copy.exec(schema.get(table) as string);
    copy.pragma('foreign_keys = OFF');
    const keys = (table: string) => {
      let set = want.get(table);
      if (!set) {
        set = new Set();
        want.set(table, set);
      }
      return set;
    };
    const add = (table: string, values: unknown[]) => {
      for (const value of values) if (typeof value === 'string') keys(table).add(value);
    };
    const pick = (table: string, sql: string) =>
      db
        .prepare(sql.replace('$keys', `(SELECT value FROM json_each(?))`).replace(/\bj\./g, ''))
        .pluck()
        .all(JSON.stringify([...keys(table)]));
    // What the rows point at travels with them, so every file can be merged on its own.
    add(
      'people',
      pick(
        'entries',
        'SELECT DISTINCT p.uuid FROM j.entry_people ep JOIN j.entries e ON e.id = ep.entry_id JOIN j.people p ON p.id = ep.person_id WHERE e.uuid IN $keys',
      ),
    );
    add(
      'touchpoints',
      pick(
        'entries',
        'SELECT DISTINCT t.uuid FROM j.entries e JOIN j.touchpoints t ON t.id = e.touchpoint_id WHERE e.uuid IN $keys',
      ),
    );
    add(
      'people',
      pick(
        'touchpoints',
        'SELECT DISTINCT p.uuid FROM j.touchpoint_people tp JOIN j.touchpoints t ON t.id = tp.touchpoint_id JOIN j.people p ON p.id = tp.person_id WHERE t.uuid IN $keys',
      ),
    );
    for (let size = -1; size !== keys('people').size; ) {
      size = keys('people').size;
      add('people', pick('people', 'SELECT merged_into FROM j.people WHERE uuid IN $keys AND merged_into IS NOT NULL'));
    }
    /** Copies what `select` reads from the journal into the same table of the copy. */
    const carry = (table: string, select: string, list: string) => {
      let insert: Database.Statement | null = null;
      for (const row of db.prepare(select).raw().iterate(list) as IterableIterator<unknown[]>) {
        insert ??= copy.prepare(`INSERT INTO ${ident(table)} VALUES (${row.map(() => '?').join(', ')})`);
        insert.run(row);
      }
    };
    for (const spec of plan) {
      const list = JSON.stringify(
        [...keys(spec.table)].filter((k) => spec.table !== 'settings' || !LOCAL_SETTINGS.includes(k)),
      );
      const chosen = `${ident(keyColumn(spec))} IN (SELECT value FROM json_each(?))`;
      carry(spec.table, `SELECT * FROM ${ident(spec.table)} WHERE ${chosen}`, list);
      for (const child of spec.children ?? [])
        carry(
          child.table,
          `SELECT * FROM ${ident(child.table)} WHERE ${ident(child.parent)} IN (SELECT id FROM ${ident(spec.table)} WHERE ${chosen})`,
          list,
        );
    }
    const document = exportJournal(copy);
    return document;
  } finally {
    copy.close();
  }
}

/** Rows (table → keys) and removals, gathered from this device's change stamps for one file. */
interface Outgoing {
  want: Map<string, Set<string>>;
  gone: GoneRecord[];
}

/** The rows and removals behind these change stamps (this device's own settings left out). */
function outgoingOf(plan: TableSpec[], stamps: StampRow[]): Outgoing {
  const sectionOf = new Map(plan.map((spec) => [spec.table, spec]));
  const want = new Map<string, Set<string>>();
  const gone: GoneRecord[] = [];
  for (const row of stamps) {
    const spec = sectionOf.get(row.tbl);
    if (!spec || (row.tbl === 'settings' && LOCAL_SETTINGS.includes(row.key))) continue;
    if (row.gone) gone.push({ section: spec.section, id: row.key, stamp: formatStamp(row) });
    else want.set(row.tbl, (want.get(row.tbl) ?? new Set()).add(row.key));
  }
  return { want, gone };
}

/** A file's body, with how many rows it carries and its oldest and newest stamps. */
function bodyOf(journal: Journal, plan: TableSpec[], device: string, outgoing: Outgoing) {
  const db = journal.db;
  const document = exportRows(journal, outgoing.want);
  const stampOf = db.prepare('SELECT physical, counter, device FROM sync_stamps WHERE tbl = ? AND key = ?');
  const rows: SyncBody['rows'] = {};
  const stamps: SyncBody['stamps'] = {};
  let count = 0;
  let from: Stamp | null = null;
  let to: Stamp | null = null;
  const see = (stamp: Stamp) => {
    if (!from || compareStamps(stamp, from) < 0) from = stamp;
    if (!to || compareStamps(stamp, to) > 0) to = stamp;
  };
  for (const spec of plan) {
    const section = (document[spec.section] ?? []) as Record<string, unknown>[];
    if (section.length === 0) continue;
    rows[spec.section] = section;
    stamps[spec.section] = section.map((row) => {
      const stamp = (stampOf.get(spec.table, row[keyField(spec)]) as Stamp | undefined) ?? {
        physical: 0,
        counter: 0,
        device,
      };
      see(stamp);
      if (spec.table === 'people') knowMerge(db, row, stamp);
      return formatStamp(stamp);
    });
    count += section.length;
  }
  for (const record of outgoing.gone) see(parseStamp(record.stamp) as Stamp);
  const none: Stamp = { physical: 0, counter: 0, device };
  const body: SyncBody = { rows, stamps, gone: outgoing.gone };
  return { body, count, from: (from ?? none) as Stamp, to: (to ?? none) as Stamp };
}

/** Writes `built` as this device's file number `sequence` (under a temporary name, then renamed into place). */
function writeSyncFile(
  journal: Journal,
  root: string,
  now: Date,
  device: string,
  sequence: number,
  built: ReturnType<typeof bodyOf>,
  compacts?: CompactedFile[],
): string {
  const own = join(root, SYNC_SUBFOLDER, device);
  const file = join(own, syncFileName(sequence));
  // The body's JSON, made once for its checksum and the file.
  let body: string;
  try {
    body = JSON.stringify(built.body);
  } catch (error) {
    // Longer than the longest text JavaScript can hold (about 536 million characters: a first sync of around a
    // million rows). The transaction around this takes nothing as sent.
    if (!(error instanceof RangeError)) throw error;
    throw new RuntimeError(
      `These ${built.count.toLocaleString('en-US')} rows are more than connect can write into one sync file yet; nothing was sent, and every change is still waiting.`,
      'Your journal is unchanged. Meanwhile, connect export --out FILE and connect import FILE can carry all of it to another device.',
    );
  }
  const header = {
    format: SYNC_FORMAT,
    formatVersion: SYNC_FORMAT_VERSION,
    schemaVersion: SCHEMA_VERSION,
    device,
    sequence,
    writtenAt: now.toISOString(),
    from: formatStamp(built.from),
    to: formatStamp(built.to),
    checksum: bodyChecksum(body),
    ...(compacts ? { compacts } : {}),
  };
  ensurePrivateFolder(join(root, SYNC_SUBFOLDER));
  ensurePrivateFolder(own);
  refuseJournalFiles(file, journal.path, 'connect sync');
  // What an interrupted sync left half-written here goes before the next file is written.
  for (const name of readdirSync(own)) if (name.endsWith('.tmp')) rmSync(join(own, name), { force: true });
  // Flushed to disk before it is renamed into place, so before the journal counts what it holds as sent. The body
  // is written apart from the header, which it is not joined to: joined and encoded whole, a first sync of a million
  // rows held two more copies of it (about 400 MB each).
  writePrivateFileInChunks(file, [`${JSON.stringify(header).slice(0, -1)},"body":`, body, '}\n']);
  return file;
}

/**
 * Writes this device's changes since its last sync into the folder, as its next numbered file; the changes are
 * marked sent in the same transaction, so a failed write leaves them waiting.
 */
export function sendChanges(journal: Journal, root: string, now: Date): SyncOutcome['sent'] {
  const db = journal.db;
  return db
    .transaction((): SyncOutcome['sent'] => {
      const { device, sequence } = clock(db);
      const waiting = db.prepare('SELECT * FROM sync_stamps WHERE local = 1').all() as StampRow[];
      if (waiting.length === 0) return null;
      const plan = transferPlan(db);
      const outgoing = outgoingOf(plan, waiting);
      const built = bodyOf(journal, plan, device, outgoing);
      if (built.count === 0 && outgoing.gone.length === 0) {
        db.prepare('UPDATE sync_stamps SET local = 0 WHERE local = 1').run();
        return null;
      }
      const file = writeSyncFile(journal, root, now, device, sequence + 1, built);
      db.prepare('UPDATE sync_stamps SET local = 0 WHERE local = 1').run();
      db.prepare('UPDATE sync_clock SET sequence = ?, synced_at = ?').run(sequence + 1, now.getTime());
      return { file, rows: built.count, removed: outgoing.gone.length };
    })
    .immediate();
}

/** How much of a file is read to learn its header alone. */
const HEADER_BYTES = 64 * 1024;

/** The start of a file, up to HEADER_BYTES. */
function startOf(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const read = readSync(fd, buffer, 0, HEADER_BYTES, 0);
    return buffer.toString('utf8', 0, read);
  } finally {
    closeSync(fd);
  }
}

/** This device's numbered files in its folder (none when the folder is not there). */
function ownFiles(root: string, device: string): { name: string; sequence: number }[] {
  let names: string[];
  try {
    names = readdirSync(join(root, SYNC_SUBFOLDER, device));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const kind = classifySyncFile(name);
    return kind.kind === 'batch' ? [{ name, sequence: kind.sequence }] : [];
  });
}

/**
 * Gathers this device's own folder into one file once COMPACT_AT numbered files lay there when the sync began:
 * the newest version of every row whose newest change is this device's (with what those rows point at) and of
 * every removal it made, as its next numbered file; then those files go. The files this sync wrote stay, so a
 * device that had merged the older ones reads those small ones and has all the new file holds. Only this device
 * writes into its folder; conflict copies and other devices' folders are left as they are. Runs only when every
 * change here has gone out, so the new file holds everything the files it replaces held that still counts.
 */
export function compactOwnFolder(
  journal: Journal,
  root: string,
  now: Date,
  before: { name: string; sequence: number }[],
): SyncOutcome['compacted'] {
  if (before.length < COMPACT_AT) return null;
  const db = journal.db;
  const { device } = clock(db);
  const own = join(root, SYNC_SUBFOLDER, device);
  const written = db
    .transaction(() => {
      const { sequence } = clock(db);
      if (db.prepare('SELECT 1 FROM sync_stamps WHERE local = 1 LIMIT 1').get()) return null;
      const next = sequence + 1;
      const listed = ownFiles(root, device)
        .filter((file) => file.sequence < next)
        .map((file) => {
          let header: Record<string, unknown> | null = null;
          try {
            header = headerFromStart(startOf(join(own, file.name)));
          } catch {
            header = null;
          }
          return {
            sequence: file.sequence,
            checksum:
              typeof header?.checksum === 'string' && header.sequence === file.sequence ? header.checksum : null,
            gathers: Array.isArray(header?.compacts),
          };
        });
      const plan = transferPlan(db);
      const mine = db.prepare('SELECT * FROM sync_stamps WHERE device = ?').all(device) as StampRow[];
      const built = bodyOf(journal, plan, device, outgoingOf(plan, mine));
      const file = writeSyncFile(journal, root, now, device, next, built, compactionList(listed, next));
      db.prepare('UPDATE sync_clock SET sequence = ?').run(next);
      return { file, replaced: before.filter((old) => old.sequence <= sequence) };
    })
    .immediate();
  if (!written) return null;
  // Only once the new file's number is kept: a sync stopped before this point leaves the old files beside the new
  // one, which still merge to the same, and a later gathering takes them too.
  for (const file of written.replaced) rmSync(join(own, file.name), { force: true });
  return { file: written.file, replaced: written.replaced.length };
}

interface Candidate {
  device: string;
  name: string;
  path: string;
  sequence: number;
  copy: boolean;
  size: number;
  mtime: number;
}

/** Other devices' files in the folder that have not been merged yet (by name, size and time), oldest first. */
function candidates(db: Database.Database, root: string, device: string): Candidate[] {
  const base = join(root, SYNC_SUBFOLDER);
  let devices: string[];
  try {
    devices = readdirSync(base).filter((name) => DEVICE_ID.test(name) && name !== device);
  } catch {
    return [];
  }
  const seen = db.prepare('SELECT 1 FROM sync_seen WHERE device = ? AND name = ? AND size = ? AND mtime = ?').pluck();
  const found: Candidate[] = [];
  for (const other of devices.sort()) {
    let names: string[];
    try {
      names = readdirSync(join(base, other));
    } catch {
      continue;
    }
    for (const name of names) {
      const kind = classifySyncFile(name);
      if (kind.kind === 'other') continue;
      const path = join(base, other, name);
      let stat: ReturnType<typeof statSync>;
      try {
        stat = statSync(path);
      } catch {
        continue;
      }
      if (!stat.isFile()) continue;
      const mtime = Math.floor(stat.mtimeMs);
      if (seen.get(other, name, stat.size, mtime)) continue;
      found.push({
        device: other,
        name,
        path,
        sequence: kind.sequence,
        copy: kind.kind === 'copy',
        size: stat.size,
        mtime,
      });
    }
  }
  return found.sort((a, b) =>
    a.device !== b.device ? (a.device < b.device ? -1 : 1) : a.sequence - b.sequence || Number(a.copy) - Number(b.copy),
  );
}

interface Batch {
  header: SyncHeader;
  /** The body, or null while only the header has been read (a large file that gathers a device's folder). */
  body: SyncBody | null;
  checksum: string;
}

/**
 * Reads and checks one file; a note instead when it is not (yet) one to merge. A large file that gathers a
 * device's folder is read up to its header only (`whole` reads the rest): a reader that merged every file it
 * replaces need read no more of it.
 */
function readBatch(candidate: Candidate, whole = false): Batch | SyncNote {
  const file = join(SYNC_SUBFOLDER, candidate.device, candidate.name);
  const unreadable = (error: unknown): SyncNote => {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      file,
      reason: 'unreadable',
      detail: code === 'ENOENT' ? 'it went away while being read' : `it cannot be read (${code})`,
    };
  };
  if (!whole && candidate.size > HEADER_BYTES) {
    let start: string;
    try {
      start = startOf(candidate.path);
    } catch (error) {
      return unreadable(error);
    }
    const verdict = checkSyncHeader(headerFromStart(start), candidate);
    if (verdict.ok && verdict.header.compacts)
      return { header: verdict.header, body: null, checksum: verdict.header.checksum };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(candidate.path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) return unreadable(error);
    return { file, reason: 'incomplete', detail: 'it is not complete yet' };
  }
  const verdict = checkSyncHeader(parsed, candidate);
  if (!verdict.ok) return { file, reason: verdict.reason, detail: verdict.detail };
  const body = (parsed as { body?: unknown }).body;
  if (!bodyMatches(body, verdict.header.checksum) || typeof body !== 'object' || body === null)
    return { file, reason: 'incomplete', detail: 'its checksum does not match (it may still be arriving)' };
  const shaped = body as Partial<SyncBody>;
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  const stamps: Record<string, unknown> = isObject(shaped.stamps) ? shaped.stamps : {};
  if (
    !isObject(shaped.rows) ||
    !isObject(shaped.stamps) ||
    !Array.isArray(shaped.gone) ||
    !shaped.gone.every(isObject) ||
    !Object.entries(shaped.rows).every(([section, rows]) => {
      const listed = stamps[section];
      return Array.isArray(rows) && rows.every(isObject) && Array.isArray(listed) && listed.length === rows.length;
    })
  )
    return { file, reason: 'not-connect', detail: 'its contents are not laid out as connect writes them' };
  return { header: verdict.header, body: body as SyncBody, checksum: verdict.header.checksum };
}

/** Whether the journal holds the row of `table` with this key. */
type ExistsIn = (table: string, key: unknown) => boolean;

interface MergeTally {
  rows: Record<string, number>;
  removed: number;
  newest: Stamp | null;
}

/** People merged into someone (here or on another device) hand their contacts, plans, nicknames and tags on. */
function settleMergedPeople(db: Database.Database): void {
  const merged = db
    .prepare(
      `SELECT id, merged_into FROM people p WHERE deleted_at IS NOT NULL AND merged_into IS NOT NULL AND (
         EXISTS (SELECT 1 FROM entry_people WHERE person_id = p.id) OR EXISTS (SELECT 1 FROM touchpoint_people WHERE person_id = p.id)
         OR EXISTS (SELECT 1 FROM person_aliases WHERE person_id = p.id) OR EXISTS (SELECT 1 FROM person_tags WHERE person_id = p.id))`,
    )
    .all() as { id: number; merged_into: string }[];
  const byUuid = db.prepare('SELECT id, merged_into, deleted_at FROM people WHERE uuid = ?');
  for (const person of merged) {
    let target: { id: number; merged_into: string | null; deleted_at: number | null } | undefined;
    let next: string | null = person.merged_into;
    for (let hops = 0; next !== null && hops < 20; hops += 1) {
      const row = byUuid.get(next) as typeof target;
      if (!row) break;
      target = row;
      next = row.deleted_at !== null ? row.merged_into : null;
    }
    if (!target || target.id === person.id) continue;
    const into = target.id;
    // Entries, touchpoints, nicknames and tags handed on (and the name merged away) are a change of this
    // device's, stamped newer than anything received so that they travel and the newest version wins everywhere:
    // another device may have moved the same entries to someone else, judging by an older merge, or may hold a
    // newer version of the person they went to, without them.
    db.prepare('UPDATE sync_clock SET merging = 0').run();
    db.prepare(
      `UPDATE entry_people SET person_id = ? WHERE person_id = ? AND entry_id NOT IN (SELECT entry_id FROM entry_people WHERE person_id = ?)`,
    ).run(into, person.id, into);
    db.prepare('DELETE FROM entry_people WHERE person_id = ?').run(person.id);
    db.prepare(
      `UPDATE touchpoint_people SET person_id = ? WHERE person_id = ? AND touchpoint_id NOT IN (SELECT touchpoint_id FROM touchpoint_people WHERE person_id = ?)`,
    ).run(into, person.id, into);
    db.prepare('DELETE FROM touchpoint_people WHERE person_id = ?').run(person.id);
    // As connect people merge does, the name merged away is kept as a nickname.
    db.prepare(
      `INSERT OR IGNORE INTO person_aliases(person_id, alias) SELECT ?, name FROM people
         WHERE id = ? AND lower(name) <> (SELECT lower(name) FROM people WHERE id = ?)`,
    ).run(into, person.id, into);
    // Nicknames and tags go on as connect people merge hands them on (a nickname that is their name is not kept).
    for (const table of ['person_aliases', 'person_tags']) {
      const column = table === 'person_aliases' ? 'alias' : 'tag';
      const notTheName =
        table === 'person_aliases' ? 'AND lower(alias) <> (SELECT lower(name) FROM people WHERE id = @into)' : '';
      db.prepare(
        `INSERT OR IGNORE INTO ${table}(person_id, ${column}) SELECT @into, ${column} FROM ${table} WHERE person_id = @from ${notTheName}`,
      ).run({ into, from: person.id });
      db.prepare(`DELETE FROM ${table} WHERE person_id = ?`).run(person.id);
    }
    db.prepare('UPDATE sync_clock SET merging = 1').run();
  }
}

/** Remembers that a person is merged into someone, keeping the newest such change. */
function knowMerge(db: Database.Database, row: Record<string, unknown>, stamp: Stamp): void {
  if (typeof row.mergedInto !== 'string' || row.deletedAt === null || row.deletedAt === undefined) return;
  db.prepare(
    `INSERT INTO sync_merged(uuid, merged_into, deleted_at, physical, counter, device)
       VALUES (@uuid, @into, @deletedAt, @physical, @counter, @device)
       ON CONFLICT(uuid) DO UPDATE SET merged_into = excluded.merged_into, deleted_at = excluded.deleted_at,
         physical = excluded.physical, counter = excluded.counter, device = excluded.device
       WHERE (excluded.physical, excluded.counter, excluded.device) > (physical, counter, device)`,
  ).run({
    uuid: row.id,
    into: row.mergedInto,
    deletedAt: Date.parse(String(row.deletedAt)),
    physical: stamp.physical,
    counter: stamp.counter,
    device: stamp.device,
  });
}

const UNSETTLED_MERGES = `FROM sync_merged m JOIN people p ON p.uuid = m.uuid
  WHERE p.deleted_at IS NULL OR p.merged_into IS NULL OR p.deleted_at IS NOT m.deleted_at`;

/**
 * People merged anywhere are merged here, as the newest merge of them says (an undo here does not part them
 * again), and everyone merged points at the end of their chain of merges, so that every device holds the same.
 * What this changes is this device's own change, stamped newer than anything received, so that it travels: a
 * merge undone here after it went out in a file comes back here, and must come back on the devices that took
 * the undo too.
 */
function reapplyMerges(db: Database.Database): boolean {
  db.prepare('UPDATE sync_clock SET merging = 0').run();
  try {
    return repointMerges(db);
  } finally {
    db.prepare('UPDATE sync_clock SET merging = 1').run();
  }
}

function repointMerges(db: Database.Database): boolean {
  let changed =
    db
      .prepare(
        `UPDATE people SET deleted_at = m.deleted_at,
           merged_into = CASE WHEN people.deleted_at IS NULL OR people.merged_into IS NULL THEN m.merged_into ELSE people.merged_into END
           FROM (SELECT m.* ${UNSETTLED_MERGES}) AS m WHERE people.uuid = m.uuid`,
      )
      .run().changes > 0;
  const merged = db
    .prepare('SELECT uuid, merged_into FROM people WHERE deleted_at IS NOT NULL AND merged_into IS NOT NULL')
    .all() as { uuid: string; merged_into: string }[];
  const into = new Map(merged.map((row) => [row.uuid, row.merged_into]));
  const point = db.prepare('UPDATE people SET merged_into = ? WHERE uuid = ?');
  for (const [uuid, first] of into) {
    const seen = new Set([uuid]);
    let target = first;
    while (into.has(target) && !seen.has(target)) {
      seen.add(target);
      target = into.get(target) as string;
    }
    if (seen.has(target) || target === first) continue;
    point.run(target, uuid);
    changed = true;
  }
  return changed;
}

/**
 * Stamps a row as this device's change, newer than `beaten` (a change it has just received), so that it travels
 * at the next sync and wins over `beaten` on every device.
 */
function keepAgainst(db: Database.Database, spec: TableSpec, key: string, beaten: Stamp): void {
  const next = receiveStamp(clock(db), beaten);
  db.prepare('UPDATE sync_clock SET physical = ?, counter = ?, merging = 0').run(next.physical, next.counter);
  db.prepare(`UPDATE ${ident(spec.table)} SET updated_at = updated_at WHERE ${ident(keyColumn(spec))} = ?`).run(key);
  db.prepare('UPDATE sync_clock SET merging = 1').run();
}

/** Whether a row that another device removed outright is still pointed at here (then it stays). */
function stillReferenced(db: Database.Database, table: string, id: number, uuid: string): boolean {
  const checks: Record<string, string[]> = {
    people: [
      'SELECT 1 FROM entry_people WHERE person_id = @id',
      'SELECT 1 FROM touchpoint_people WHERE person_id = @id',
      'SELECT 1 FROM people WHERE merged_into = @uuid',
    ],
    touchpoints: ['SELECT 1 FROM entries WHERE touchpoint_id = @id'],
  };
  return (checks[table] ?? []).some((sql) => db.prepare(sql).get({ id, uuid }) !== undefined);
}

type NewestPeople = Map<string, { row: Record<string, unknown>; stamp: string }>;

/** Each person's newest version among the files one sync merges, with its stamp. */
function newestPeople(bodies: (SyncBody | null)[]): NewestPeople {
  const newest: NewestPeople = new Map();
  for (const body of bodies) {
    const rows = body?.rows.people ?? [];
    const stamps = body?.stamps.people ?? [];
    rows.forEach((row, index) => {
      const stamp = parseStamp(stamps[index]);
      const id = row.id;
      if (!stamp || typeof id !== 'string') return;
      const known = newest.get(id);
      if (!known || compareStamps(stamp, parseStamp(known.stamp) as Stamp) > 0)
        newest.set(id, { row, stamp: stamps[index] });
    });
  }
  return newest;
}

/**
 * The batch with each person in the newest version that this sync merges (when that version merges them into
 * no one): a person renamed in a later file is never taken for someone else of their old name in an earlier one,
 * so which people are one does not hang on how the files were split.
 */
function withNewestPeople(body: SyncBody, newest: NewestPeople): SyncBody {
  const rows = body.rows.people;
  const stamps = body.stamps.people;
  if (!Array.isArray(rows) || !Array.isArray(stamps)) return body;
  const people = rows.map((row, index) => {
    const later = newest.get(String(row.id));
    const stamp = parseStamp(stamps[index]);
    if (!later || !stamp || typeof later.row.mergedInto === 'string') return { row, stamp: stamps[index] };
    return compareStamps(parseStamp(later.stamp) as Stamp, stamp) > 0 ? later : { row, stamp: stamps[index] };
  });
  return {
    ...body,
    rows: { ...body.rows, people: people.map((p) => p.row) },
    stamps: { ...body.stamps, people: people.map((p) => p.stamp) },
  };
}

/**
 * Merges one batch: per row, the newer stamp wins; a person merged on either side stays merged; two people of
 * the same name become one (the lower id is kept, on every device alike); rows removed outright go where they
 * are not older than the removal. Rows pass the same checks as `connect import`.
 */
function mergeBatch(
  db: Database.Database,
  now: Date,
  original: SyncBody,
  what: string,
  newest: NewestPeople,
): MergeTally {
  const body = withNewestPeople(original, newest);
  const plan = transferPlan(db);
  const tally: MergeTally = { rows: {}, removed: 0, newest: null };
  const see = (stamp: Stamp) => {
    if (!tally.newest || compareStamps(stamp, tally.newest) > 0) tally.newest = stamp;
  };
  for (const section of Object.keys(body.rows)) {
    if (!plan.some((spec) => spec.section === section))
      throw new UsageError(`${what} holds "${section}", which this connect does not know.`);
  }
  // A device whose clock runs ahead (within a day: further ahead, its files wait) writes times ahead of this
  // one's; the rows are checked against the newest stamp in the batch (and the next change here beats them).
  checkJournalRows(body.rows, new Date(Math.max(now.getTime(), newestPhysical(body.stamps, []))), what);
  const localStamp = db.prepare('SELECT physical, counter, device, gone FROM sync_stamps WHERE tbl = ? AND key = ?');
  const putStamp = db.prepare(
    `INSERT INTO sync_stamps(tbl, key, physical, counter, device, gone, local) VALUES (@tbl, @key, @physical, @counter, @device, @gone, 0)
       ON CONFLICT(tbl, key) DO UPDATE SET physical = excluded.physical, counter = excluded.counter, device = excluded.device,
         gone = excluded.gone, local = 0`,
  );
  // Prepared for the tables the batch touches only: a day's changes name few of them.
  const existsIn: ExistsIn = (table, key) => {
    const spec = plan.find((s) => s.table === table);
    if (!spec) return false;
    const sql = `SELECT 1 FROM ${ident(table)} WHERE ${ident(keyColumn(spec))} = ?`;
    return preparedOnce(db, sql).pluck().get(key) !== undefined;
  };
  const winners: Record<string, Record<string, unknown>[]> = {};
  const won: { tbl: string; key: string; stamp: Stamp }[] = [];
  for (const spec of plan) {
    const rows = body.rows[spec.section] ?? [];
    const stamps = body.stamps[spec.section] ?? [];
    const kept: Record<string, unknown>[] = [];
    const fresh: Record<string, unknown>[] = [];
    rows.forEach((row, index) => {
      const stamp = parseStamp(stamps[index]);
      if (!stamp) throw new UsageError(`${what}: ${spec.section}[${index}] has no change stamp.`);
      see(stamp);
      const key = String(row[keyField(spec)]);
      if (spec.table === 'settings' && LOCAL_SETTINGS.includes(key)) return;
      const local = localStamp.get(spec.table, key) as (Stamp & { gone: number }) | undefined;
      // A merge of people is one-way: a person merged on another device is merged here too, whichever row wins.
      if (spec.table === 'people') knowMerge(db, row, stamp);
      if (local && compareStamps(stamp, local) <= 0) return;
      (existsIn(spec.table, key) ? kept : fresh).push({ ...row });
      won.push({ tbl: spec.table, key, stamp });
    });
    // Changes to rows already here first, then new rows: a rename frees a name before a newcomer takes it.
    if (kept.length + fresh.length > 0) winners[spec.section] = [...kept, ...fresh];
  }
  const takenBack = takeBackPointedAt(body, plan, winners, localStamp, existsIn);
  /** People this batch made one with someone of the same name. */
  const madeOne: string[] = [];
  if (winners.people) {
    // Two live people of the same name are one: the one with the lower id stays, the other is merged into it.
    const live = new Map<string, string>();
    const incoming = new Set(winners.people.map((row) => String(row.id)));
    for (const { uuid, name } of db.prepare('SELECT uuid, name FROM people WHERE deleted_at IS NULL').all() as {
      uuid: string;
      name: string;
    }[])
      if (!incoming.has(uuid)) live.set(name.toLowerCase(), uuid);
    const byId = new Map(winners.people.map((row) => [String(row.id), row]));
    for (const row of winners.people) {
      if (row.deletedAt !== null && row.deletedAt !== undefined) continue;
      const name = String(row.name).toLowerCase();
      const other = live.get(name);
      const id = String(row.id);
      if (other === undefined || other === id) {
        live.set(name, id);
        continue;
      }
      if (id > other) {
        row.mergedInto = other;
        row.deletedAt = row.updatedAt;
        madeOne.push(id);
        continue;
      }
      const rival = byId.get(other);
      if (rival) {
        rival.mergedInto = id;
        rival.deletedAt = rival.updatedAt;
      } else db.prepare('UPDATE people SET merged_into = ?, deleted_at = updated_at WHERE uuid = ?').run(id, other);
      madeOne.push(other);
      live.set(name, id);
    }
  }
  // The importer updates a row only from a newer updated time; the stamps have decided, so the rows that won
  // are made older than anything first.
  for (const spec of plan) {
    const here = (winners[spec.section] ?? []).filter((row) => existsIn(spec.table, row[keyField(spec)]));
    if (here.length === 0) continue;
    const older = db.prepare(`UPDATE ${ident(spec.table)} SET updated_at = -1 WHERE ${ident(keyColumn(spec))} = ?`);
    for (const row of here) older.run(row[keyField(spec)]);
  }
  // Someone here who is (or stays) merged into someone gets the nicknames and tags the file gives them, besides
  // their own here; settleMergedPeople hands all of them on as this device's change, stamped like every hand-on.
  const listsOfMerged = new Map<string, Record<string, unknown>>();
  const mergedHere = (id: string) =>
    preparedOnce(db, 'SELECT 1 FROM people WHERE uuid = ? AND deleted_at IS NOT NULL AND merged_into IS NOT NULL')
      .pluck()
      .get(id) !== undefined;
  for (const row of winners.people ?? []) {
    const id = String(row.id);
    const incomingMerged = typeof row.mergedInto === 'string' && row.deletedAt != null;
    if (!existsIn('people', id) || !(incomingMerged || mergedHere(id))) continue;
    listsOfMerged.set(id, { aliases: row.aliases, tags: row.tags });
    delete row.aliases;
    delete row.tags;
  }
  if (Object.keys(winners).length > 0) importJournal(db, now, winners, what);
  if (listsOfMerged.size > 0) {
    const rowIdOf = db.prepare('SELECT id FROM people WHERE uuid = ?').pluck();
    const addList = {
      aliases: db.prepare('INSERT OR IGNORE INTO person_aliases(person_id, alias) VALUES (?, ?)'),
      tags: db.prepare('INSERT OR IGNORE INTO person_tags(person_id, tag) VALUES (?, ?)'),
    };
    for (const [id, lists] of listsOfMerged) {
      const person = rowIdOf.get(id);
      for (const field of ['aliases', 'tags'] as const) {
        const list = lists[field];
        if (Array.isArray(list))
          for (const value of list)
            if (typeof value === 'string' && value.trim() !== '') addList[field].run(person, value);
      }
    }
  }
  for (const { tbl, key, stamp } of won) putStamp.run({ tbl, key, ...stamp, gone: 0 });
  for (const { spec, key, beaten } of takenBack) keepAgainst(db, spec, key, beaten);
  // Made one here, so merged everywhere: the merge goes out as this device's change, one-way like any merge of
  // people (a device that renamed one of them meanwhile would otherwise keep them apart).
  const people = plan.find((spec) => spec.table === 'people');
  if (people && tally.newest) for (const uuid of madeOne) keepAgainst(db, people, uuid, tally.newest);
  for (const [section, rows] of Object.entries(winners)) tally.rows[section] = rows.length;
  // Rows that point at others go first (entries, then touchpoints, then people): a person removed together with
  // the touchpoint that named them is no longer pointed at when their turn comes.
  const order = (record: GoneRecord) => -plan.findIndex((spec) => spec.section === record.section);
  for (const record of [...body.gone].sort((a, b) => order(a) - order(b))) {
    const spec = plan.find((s) => s.section === record.section);
    const stamp = parseStamp(record.stamp);
    if (!spec || !stamp) throw new UsageError(`${what}: a removed row is not what connect writes.`);
    see(stamp);
    const local = localStamp.get(spec.table, record.id) as Stamp | undefined;
    if (local && compareStamps(stamp, local) <= 0) continue;
    const row = db
      .prepare(
        `SELECT ${spec.key === 'uuid' ? 'id' : 'rowid AS id'} FROM ${ident(spec.table)} WHERE ${ident(keyColumn(spec))} = ?`,
      )
      .get(record.id) as { id: number } | undefined;
    if (row) {
      if (stillReferenced(db, spec.table, row.id, record.id)) {
        // Kept here, so sent again as this device's change, newer than the removal: the devices that removed it
        // take it back, and the rows here that point at it can be merged there.
        keepAgainst(db, spec, record.id, stamp);
        continue;
      }
      for (const child of spec.children ?? [])
        db.prepare(`DELETE FROM ${ident(child.table)} WHERE ${ident(child.parent)} = ?`).run(row.id);
      db.prepare(`DELETE FROM ${ident(spec.table)} WHERE ${ident(keyColumn(spec))} = ?`).run(record.id);
      tally.removed += 1;
    }
    putStamp.run({ tbl: spec.table, key: record.id, ...stamp, gone: 1 });
  }
  return tally;
}

/** The rows a row points at, as [table, id]: an entry's people and touchpoint, a touchpoint's people, a merge. */
function pointedAt(section: string, row: Record<string, unknown>): [string, unknown][] {
  const people = (list: unknown): [string, unknown][] =>
    Array.isArray(list) ? list.map((id): [string, unknown] => ['people', id]) : [];
  if (section === 'entries')
    return [
      ...people(row.people),
      ...(row.touchpointId == null ? [] : [['touchpoints', row.touchpointId] as [string, unknown]]),
    ];
  if (section === 'touchpoints') return people(row.people);
  if (section === 'people' && typeof row.mergedInto === 'string') return [['people', row.mergedInto]];
  return [];
}

/**
 * Rows the winning rows point at that this device removed outright (an undone log, say) come back with them, from
 * the batch, whatever its stamp: as when a removal reaches a row something still points at, the row is kept, and
 * goes out again as this device's change, newer than the removal. Adds them to `winners`; returns them.
 */
function takeBackPointedAt(
  body: SyncBody,
  plan: TableSpec[],
  winners: Record<string, Record<string, unknown>[]>,
  localStamp: Database.Statement,
  existsIn: ExistsIn,
): { spec: TableSpec; key: string; beaten: Stamp }[] {
  const taken: { spec: TableSpec; key: string; beaten: Stamp }[] = [];
  const queue = Object.entries(winners).flatMap(([section, rows]) => rows.flatMap((row) => pointedAt(section, row)));
  // Each row pointed at is looked at once; the winners themselves are here already (or about to be).
  const looked = new Set(
    plan.flatMap((spec) => (winners[spec.section] ?? []).map((row) => `${spec.table} ${String(row[keyField(spec)])}`)),
  );
  for (let next = queue.pop(); next; next = queue.pop()) {
    const [table, key] = next;
    const spec = plan.find((s) => s.table === table);
    if (!spec || typeof key !== 'string' || looked.has(`${table} ${key}`)) continue;
    looked.add(`${table} ${key}`);
    if (existsIn(table, key)) continue;
    const local = localStamp.get(table, key) as (Stamp & { gone: number }) | undefined;
    const row = (body.rows[spec.section] ?? []).find((r) => r[keyField(spec)] === key);
    if (!local?.gone || !row) continue;
    const copy = { ...row };
    winners[spec.section] = [...(winners[spec.section] ?? []), copy];
    taken.push({ spec, key, beaten: local });
    queue.push(...pointedAt(spec.section, copy));
  }
  return taken;
}

/** Merges every other device's files not merged yet, in one write (one `connect undo`). */
export function receiveChanges(
  journal: Journal,
  root: string,
  now: Date,
  label: (received: SyncOutcome['received']) => string,
): { received: SyncOutcome['received']; notes: SyncNote[]; wrote: boolean } {
  const db = journal.db;
  const notes: SyncNote[] = [];
  const received: SyncOutcome['received'] = { files: 0, rows: {}, removed: 0 };
  const { device } = clock(db);
  const found = candidates(db, root, device);
  const chained = `SELECT 1 FROM people a JOIN people b ON b.uuid = a.merged_into
    WHERE a.deleted_at IS NOT NULL AND b.deleted_at IS NOT NULL AND b.merged_into IS NOT NULL AND b.uuid <> a.uuid`;
  if (
    found.length === 0 &&
    db.prepare(`SELECT 1 ${UNSETTLED_MERGES} LIMIT 1`).get() === undefined &&
    db.prepare(`${chained} LIMIT 1`).get() === undefined
  )
    return { received, notes, wrote: false };
  journal.write(
    now,
    () => label(received),
    () => {
      db.prepare('UPDATE sync_clock SET merging = 1').run();
      const merged = db.prepare('SELECT 1 FROM sync_seen WHERE device = ? AND sequence = ? AND checksum = ?').pluck();
      const remember = db.prepare(
        `INSERT OR REPLACE INTO sync_seen(device, name, size, mtime, sequence, checksum, written_at, merged_at)
         VALUES (@device, @name, @size, @mtime, @sequence, @checksum, @writtenAt, @mergedAt)`,
      );
      let newestStamp: Stamp | null = null;
      const limit = now.getTime() + CLOCK_GRACE_MS;
      const isAhead = (batch: ReturnType<typeof readBatch>) =>
        !('reason' in batch) && batch.body !== null && newestPhysical(batch.body.stamps, batch.body.gone) > limit;
      const read = found.map((candidate) => ({ candidate, batch: readBatch(candidate) }));
      // A file gathering a device's folder adds nothing where every file it replaces is merged already, or is
      // merged in this same sync: such a file is not read further, and the others are read whole.
      const planned = new Set(
        read.flatMap(({ candidate, batch }) =>
          'reason' in batch || batch.body === null || isAhead(batch)
            ? []
            : [`${candidate.device}/${candidate.sequence}/${batch.checksum}`],
        ),
      );
      const mergedFrom = (device: string, alsoPlanned: boolean) => (sequence: number, checksum: string) =>
        merged.get(device, sequence, checksum) !== undefined ||
        (alsoPlanned && planned.has(`${device}/${sequence}/${checksum}`));
      const skipped = new Set<Candidate>();
      for (const entry of read) {
        if ('reason' in entry.batch || !entry.batch.header.compacts) continue;
        if (coveredBy(entry.batch.header, mergedFrom(entry.candidate.device, true))) skipped.add(entry.candidate);
        else if (entry.batch.body === null) entry.batch = readBatch(entry.candidate, true);
      }
      // Files from a device whose clock runs more than a day ahead come last: a later file from that device, once
      // its clock is right again, carries everything again and passes them over.
      const batches = [...read.filter(({ batch }) => !isAhead(batch)), ...read.filter(({ batch }) => isAhead(batch))];
      const newest = newestPeople(
        batches.map(({ candidate, batch }) =>
          'reason' in batch || skipped.has(candidate) || isAhead(batch) ? null : batch.body,
        ),
      );
      const putRight = db
        .prepare('SELECT 1 FROM sync_seen WHERE device = ? AND sequence > ? AND written_at <= ?')
        .pluck();
      for (const { candidate, batch } of batches) {
        if ('reason' in batch) {
          notes.push(batch);
          continue;
        }
        const seen = {
          device: candidate.device,
          name: candidate.name,
          size: candidate.size,
          mtime: candidate.mtime,
          sequence: candidate.sequence,
          checksum: batch.checksum,
          writtenAt: Date.parse(String(batch.header.writtenAt)) || 0,
          mergedAt: now.getTime(),
        };
        if (
          merged.get(candidate.device, candidate.sequence, batch.checksum) ||
          (batch.header.compacts && coveredBy(batch.header, mergedFrom(candidate.device, false)))
        ) {
          remember.run(seen);
          continue;
        }
        // Read whole when a file it replaces could not be merged after all.
        const whole = batch.body === null ? readBatch(candidate, true) : batch;
        if ('reason' in whole) {
          notes.push(whole);
          continue;
        }
        if (isAhead(whole)) {
          if (putRight.get(candidate.device, candidate.sequence, limit)) remember.run(seen);
          else
            notes.push({
              file: join(SYNC_SUBFOLDER, candidate.device, candidate.name),
              reason: 'ahead',
              detail:
                "its changes are dated more than a day ahead of this device's clock; it is read once that device's clock is right again and it syncs",
            });
          continue;
        }
        const body = whole.body as SyncBody;
        const what = join(SYNC_SUBFOLDER, candidate.device, candidate.name);
        try {
          const tally = db.transaction(() => mergeBatch(db, now, body, what, newest))();
          received.files += 1;
          received.removed += tally.removed;
          for (const [section, count] of Object.entries(tally.rows))
            received.rows[section] = (received.rows[section] ?? 0) + count;
          if (tally.newest && (!newestStamp || compareStamps(tally.newest, newestStamp) > 0))
            newestStamp = tally.newest;
          remember.run(seen);
        } catch (error) {
          if (!(error instanceof UsageError)) throw error;
          const detail = error.message.startsWith(`${what}: `) ? error.message.slice(what.length + 2) : error.message;
          notes.push({ file: what, reason: 'set-aside', detail: detail.replace(/\.$/, '') });
        }
      }
      // The clock goes past everything received first: what settling the merges changes here is newer.
      if (newestStamp) {
        const next = receiveStamp(clock(db), newestStamp);
        db.prepare('UPDATE sync_clock SET physical = ?, counter = ?').run(next.physical, next.counter);
      }
      reapplyMerges(db);
      settleMergedPeople(db);
      db.prepare('UPDATE sync_clock SET merging = 0, synced_at = ?').run(now.getTime());
    },
  );
  return { received, notes, wrote: true };
}

/**
 * A device whose clock ran more than a day ahead and has been put right: what it wrote meanwhile is dated again
 * (times past the limit become now, its stamps this device's next ticks, in their old order), and the whole
 * journal goes out again, so the others, which left its files from ahead waiting, get every row and pass those
 * files over. The clock then runs from now again instead of staying where the wrong clock left it.
 */
function returnClock(journal: Journal, now: Date): void {
  const db = journal.db;
  const limit = now.getTime() + CLOCK_GRACE_MS;
  if (clock(db).physical <= limit) return;
  journal.write(now, "sync: changes made while this device's clock ran ahead, dated again", () => {
    const { device } = clock(db);
    db.prepare('UPDATE sync_clock SET merging = 1').run();
    for (const spec of transferPlan(db))
      for (const table of [spec.table, ...(spec.children ?? []).map((c) => c.table)]) {
        const times = db
          .prepare("SELECT name FROM pragma_table_info(?) WHERE name = 'at' OR name LIKE '%\\_at' ESCAPE '\\'")
          .pluck()
          .all(table) as string[];
        for (const column of times)
          db.prepare(`UPDATE ${ident(table)} SET ${ident(column)} = ? WHERE ${ident(column)} > ?`).run(
            now.getTime(),
            limit,
          );
      }
    const sane = db.prepare('SELECT max(physical) FROM sync_stamps WHERE physical <= ?').pluck().get(limit) as
      | number
      | null;
    const base = Math.max(now.getTime(), (sane ?? 0) + 1);
    let counter = 0;
    const ahead = 'WHERE physical > ? ORDER BY physical, counter, device';
    const stamps = db.prepare(`SELECT tbl, key FROM sync_stamps ${ahead}`).all(limit) as { tbl: string; key: string }[];
    const putStamp = db.prepare(
      'UPDATE sync_stamps SET physical = ?, counter = ?, device = ? WHERE tbl = ? AND key = ?',
    );
    for (const { tbl, key } of stamps) putStamp.run(base, counter++, device, tbl, key);
    const merges = db.prepare(`SELECT uuid FROM sync_merged ${ahead}`).pluck().all(limit) as string[];
    const putMerge = db.prepare('UPDATE sync_merged SET physical = ?, counter = ?, device = ? WHERE uuid = ?');
    for (const uuid of merges) putMerge.run(base, counter++, device, uuid);
    db.prepare('UPDATE sync_merged SET deleted_at = ? WHERE deleted_at > ?').run(now.getTime(), limit);
    db.prepare('UPDATE sync_stamps SET local = 1').run();
    db.prepare('UPDATE sync_clock SET physical = ?, counter = ?, merging = 0').run(base, counter);
  });
}

/** One whole sync: this device's changes out, then everyone else's in. */
export function syncJournal(
  journal: Journal,
  root: string,
  now: Date,
  label: (received: SyncOutcome['received']) => string,
): SyncOutcome {
  // What a sync writes into the journal is a copy of what lies in the folder, or what the folder holds is a copy of
  // the journal, and the next sync does it again: a power cut that takes the last commits back loses nothing. So
  // its commits do not wait for the disk (synchronous NORMAL, which in WAL mode still never leaves the journal
  // damaged, and a later command's commit makes them durable too); the closing checkpoint does wait, and each
  // file written to the folder is on disk before it counts as sent.
  journal.db.pragma('synchronous = NORMAL');
  const device = ensureDevice(journal);
  returnClock(journal, now);
  const before = ownFiles(root, device);
  let sent: SyncOutcome['sent'] = null;
  let notSent: string | null = null;
  const send = () => {
    try {
      const file = sendChanges(journal, root, now);
      if (file)
        sent = sent ? { file: file.file, rows: sent.rows + file.rows, removed: sent.removed + file.removed } : file;
    } catch (error) {
      notSent = folderProblem(error);
    }
  };
  send();
  const { received, notes, wrote } = receiveChanges(journal, root, now, label);
  // What the merge itself changed here (a row kept against a removal, people made one, nicknames handed on) goes
  // out in the same sync, so a second sync in a row has nothing to write.
  if (wrote && notSent === null && journal.db.prepare('SELECT 1 FROM sync_stamps WHERE local = 1 LIMIT 1').get())
    send();
  let compacted: SyncOutcome['compacted'] = null;
  if (notSent === null) {
    try {
      compacted = compactOwnFolder(journal, root, now, before);
    } catch (error) {
      // Nothing is lost: the files stay as they were, and a later sync gathers them.
      folderProblem(error);
    }
  }
  // One commit (one wait for the disk) fewer when the sync already wrote.
  if (!sent && !wrote) journal.db.prepare('UPDATE sync_clock SET synced_at = ?').run(now.getTime());
  return { device, sent, notSent, received, notes, compacted };
}

/** Why the folder could not be written, in words; any other error goes on up. */
function folderProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (!code || !['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR', 'ENOSPC', 'EDQUOT'].includes(code)) throw error;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the sync folder is full';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'the sync folder went away';
  return 'the sync folder is read-only to you';
}

export interface SyncStatus {
  device: string | null;
  lastSync: number | null;
  /** This device's changes not yet written to the folder. */
  waitingOut: number;
  devices: { device: string; files: number; lastFile: number; writtenAt: number | null; mergedAt: number }[];
  /** Other devices' files in the folder that the next sync would read. */
  waitingIn: number;
}

/** What sync knows: this device, the others seen, and what waits in either direction. */
export function syncStatus(db: Database.Database, root: string | null): SyncStatus {
  const row = clock(db);
  const devices = db
    .prepare(
      `SELECT device, count(DISTINCT sequence) AS files, max(sequence) AS lastFile, max(written_at) AS writtenAt, max(merged_at) AS mergedAt
         FROM sync_seen GROUP BY device ORDER BY max(merged_at) DESC, device`,
    )
    .all() as SyncStatus['devices'];
  const waitingOut =
    row.device === ''
      ? transferPlan(db).reduce(
          (sum, spec) =>
            sum +
            (db
              .prepare(`SELECT count(*) FROM ${ident(spec.table)}`)
              .pluck()
              .get() as number),
          0,
        )
      : (db.prepare('SELECT count(*) FROM sync_stamps WHERE local = 1').pluck().get() as number);
  return {
    device: row.device === '' ? null : row.device,
    lastSync: row.synced_at,
    waitingOut,
    devices: devices.map((d) => ({ ...d, writtenAt: d.writtenAt || null })),
    waitingIn: root ? candidates(db, root, row.device).length : 0,
  };
}
