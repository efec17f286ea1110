// The sync folder over time: the file format's own version, a device gathering its folder into one file, and a
// folder that goes away while it is being read. Interruptions are made exactly where they matter through a hook
// on node:fs, so each test is the same every run.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMPACT_AT, SYNC_FORMAT_VERSION } from '../../src/core/sync';
import { SCHEMA_VERSION } from '../../src/db/journal';
import { MIGRATIONS } from '../../src/db/migrations';
import { transferPlan } from '../../src/db/transfer';
import type { Journal } from '../support/in-process';
import { syncDevices } from '../support/sync-devices';

/** Called before connect reads a file or renames one into place; a test sets it to interrupt there. */
const hooks: { read?: (path: string) => void; renamed?: (to: string) => void; removing?: (path: string) => void } = {};

vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return {
    ...real,
    readFileSync: ((path: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (typeof path === 'string') hooks.read?.(path);
      return (real.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
    }) as typeof real.readFileSync,
    renameSync: ((from: fs.PathLike, to: fs.PathLike) => {
      real.renameSync(from, to);
      hooks.renamed?.(String(to));
    }) as typeof real.renameSync,
    rmSync: ((path: fs.PathLike, options?: fs.RmOptions) => {
      hooks.removing?.(String(path));
      real.rmSync(path, options);
    }) as typeof real.rmSync,
  };
});

// Test files share their worker's modules: connect's are loaded afresh here, so that they see the hook above.
vi.resetModules();
const { journal } = await import('../support/in-process');

const { copyFileSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } = fs;

const { device, folder, removeLater, cleanup } = syncDevices(journal, 'connect-sync-folder-');
afterEach(() => {
  for (const key of Object.keys(hooks)) delete hooks[key as keyof typeof hooks];
  cleanup();
});

const exportOf = async (j: Journal) =>
  (await j.run(['export', '--format', 'json'])).stdout.replace(/^\s*"exportedAt".*\n/m, '');

/** The numbered files in a device's folder. */
const numbered = (dir: string, id: string) =>
  readdirSync(join(dir, 'connect', id))
    .filter((name) => /^\d+\.json$/.test(name))
    .sort();

let minute = 0;
/** A fresh minute for each run, so every change is later than the one before. */
const at = () => {
  minute += 1;
  return new Date(Date.parse('2026-11-26T10:00:00Z') + minute * 60_000).toISOString();
};

/** Logs on `a` and syncs it, `times` times; returns the last sync's --json. */
async function logAndSync(a: Journal, dir: string, times: number, from = 0) {
  let last: { device: string; compacted: { file: string; replaced: number } | null } | null = null;
  for (let i = 0; i < times; i += 1) {
    await a.run(['log', i % 3 === 0 ? 'Sam' : 'Ana', '--channel', 'call', '--note', `call ${from + i}`], { now: at() });
    const r = await a.run(['sync', dir, '--json'], { now: at() });
    expect(r.code, r.stderr).toBe(0);
    last = r.json();
  }
  return last as NonNullable<typeof last>;
}

describe('the sync format has a version of its own', () => {
  it('a file from a journal with a newer schema but the same format is merged', async () => {
    const dir = folder();
    const [a, b] = [device(), device()];
    await a.run(['log', 'Sam', '--note', 'from a newer connect']);
    const { sent } = (await a.run(['sync', dir, '--json'])).json();
    const file = JSON.parse(readFileSync(sent.file, 'utf8'));
    expect(file.formatVersion).toBe(SYNC_FORMAT_VERSION);
    file.schemaVersion = SCHEMA_VERSION + 3;
    writeFileSync(sent.file, JSON.stringify(file));
    const result = (await b.run(['sync', dir, '--json'])).json();
    expect(result.waiting).toEqual([]);
    expect(result.received.files).toBe(1);
    expect((await b.run(['history', '--json'])).json()[0].note).toBe('from a newer connect');
  });

  it('a file of a newer format is left untouched with a note, and merged once it is one this connect reads', async () => {
    const dir = folder();
    const [a, b] = [device(), device()];
    await a.run(['log', 'Sam', '--note', 'one']);
    const { sent } = (await a.run(['sync', dir, '--json'])).json();
    const text = readFileSync(sent.file, 'utf8');
    const newer = JSON.parse(text);
    newer.formatVersion = SYNC_FORMAT_VERSION + 1;
    writeFileSync(sent.file, JSON.stringify(newer));
    const result = await b.run(['sync', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `left untouched, written by a newer connect (sync format ${SYNC_FORMAT_VERSION + 1}`,
    );
    expect(readFileSync(sent.file, 'utf8')).toBe(JSON.stringify(newer));
    expect((await b.run(['history', '--json'])).json()).toEqual([]);
    writeFileSync(sent.file, text);
    expect((await b.run(['sync', dir, '--json'])).json().received.files).toBe(1);
  });

  it('changes only with what travels: the sections and fields of the rows are pinned to the format version', () => {
    const db = new Database(':memory:');
    for (const migration of MIGRATIONS) migration.up(db);
    const shape = transferPlan(db).map((spec) => ({
      section: spec.section,
      columns: (db.pragma(`table_info("${spec.table}")`) as { name: string }[]).map((c) => c.name),
      lists: (spec.children ?? []).map((c) => c.field),
    }));
    db.close();
    const fingerprint = createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16);
    // A migration that changes what travels changes this fingerprint: give the format a new version with it
    // (core/sync.ts SYNC_FORMAT_VERSION), so older devices leave the new files with a note instead of setting
    // them aside, and record the pair here. Migrations of this device's own tables change neither.
    expect({ format: SYNC_FORMAT_VERSION, fingerprint }).toEqual({ format: 2, fingerprint: 'be25d85f3b50700c' });
  });
});

describe('a device gathers its own folder into one file', () => {
  it('after many syncs: one file instead of many, other files left alone, and a new device converges from it', async () => {
    const dir = folder();
    const [a, b] = [device(), device()];
    await b.run(['log', 'Bo', '--note', 'from b'], { now: at() });
    const bId = (await b.run(['sync', dir, '--json'], { now: at() })).json().device;
    const bFiles = readdirSync(join(dir, 'connect', bId));
    const before = await logAndSync(a, dir, COMPACT_AT);
    expect(before.compacted).toBeNull();
    const id = before.device;
    expect(numbered(dir, id)).toHaveLength(COMPACT_AT);
    // A conflict copy of one of a's files stays where it is.
    const copy = '00000003.sync-conflict-20261126-101500-ABCDEFG.json';
    copyFileSync(join(dir, 'connect', id, '00000003.json'), join(dir, 'connect', id, copy));
    await a.run(['log', 'Sam', '--note', 'the last one'], { now: at() });
    const gathering = await a.run(['sync', dir], { now: at() });
    expect(gathering.stdout).toContain(`Gathered this device's ${COMPACT_AT} files in the folder into one`);
    // The file this sync wrote stays beside the one that gathers everything before it.
    expect(numbered(dir, id)).toEqual(
      [COMPACT_AT + 1, COMPACT_AT + 2].map((n) => `${String(n).padStart(8, '0')}.json`),
    );
    expect(readdirSync(join(dir, 'connect', id))).toContain(copy);
    expect(readdirSync(join(dir, 'connect', bId))).toEqual(bFiles);
    // The next syncs write as before, one file each, numbered on.
    const next = await logAndSync(a, dir, 1, 100);
    expect(next.compacted).toBeNull();
    expect(numbered(dir, id)).toHaveLength(3);
    const c = device();
    const first = (await c.run(['sync', dir, '--json'], { now: at() })).json();
    expect(first.waiting).toEqual([]);
    for (const j of [a, b, c, a]) await j.run(['sync', dir], { now: at() });
    expect(await exportOf(c)).toBe(await exportOf(a));
    expect(await exportOf(b)).toBe(await exportOf(a));
    expect((await c.run(['history', '--all', '--json'])).json()).toHaveLength(COMPACT_AT + 3);
  });

  it('a device that had merged every file it replaces does not merge it again, and need not read it whole', async () => {
    const dir = folder();
    const [a, b] = [device(), device()];
    // Enough rows that the gathering file is larger than the part of it read for its header.
    const seed = (await a.run(['log', 'Sam', '--note', 'seed', '--json'], { now: at() })).json();
    const exported = JSON.parse((await a.run(['export', '--format', 'json'])).stdout);
    const entry = exported.entries.find((e: { id: string }) => e.id === seed.id);
    exported.entries = Array.from({ length: 300 }, (_, i) => ({
      ...entry,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      note: `entry ${i}`,
    }));
    const file = join(dir, 'seed.json');
    writeFileSync(file, JSON.stringify(exported));
    expect((await a.run(['import', file], { now: at() })).code).toBe(0);
    rmSync(file);
    let gathered = false;
    for (let i = 0; i <= COMPACT_AT && !gathered; i += 1) {
      gathered = (await logAndSync(a, dir, 1, i)).compacted !== null;
      if (!gathered) expect((await b.run(['sync', dir, '--json'], { now: at() })).json().received.files).toBe(1);
    }
    expect(gathered).toBe(true);
    const id = (await a.run(['sync', 'status', '--json'])).json().device;
    const [latest, gathering] = numbered(dir, id);
    expect(fs.statSync(join(dir, 'connect', id, gathering)).size).toBeGreaterThan(64 * 1024);
    const read: string[] = [];
    hooks.read = (path) => {
      if (path.startsWith(dir)) read.push(path);
    };
    // b reads the one small file it has not merged yet, and no more than the start of the one that gathers.
    const after = (await b.run(['sync', dir, '--json'], { now: at() })).json();
    expect(after.received).toEqual({ files: 1, rows: { entries: 1 }, removed: 0 });
    expect(after.waiting).toEqual([]);
    expect(read).toEqual([join(dir, 'connect', id, latest)]);
    expect(await exportOf(b)).toBe(await exportOf(a));
    // It counts as merged: the next sync does not look at it again, and what a writes next comes in as ever.
    expect((await b.run(['sync', 'status', '--json'])).json().waitingIn).toBe(0);
    await logAndSync(a, dir, 1, 500);
    expect((await b.run(['sync', dir, '--json'], { now: at() })).json().received.files).toBe(1);
    expect(await exportOf(b)).toBe(await exportOf(a));
  });

  it('a device that saw only half of the old files converges from the file that replaced them', async () => {
    const dir = folder();
    const [a, b] = [device(), device()];
    const half = Math.floor(COMPACT_AT / 2);
    await logAndSync(a, dir, half);
    // b's copy of the folder (as an engine delivers it) holds the first half, which b merges.
    const seenByB = folder();
    cpSync(dir, seenByB, { recursive: true });
    expect((await b.run(['sync', seenByB, '--json'], { now: at() })).json().received.files).toBe(half);
    const gathered = await logAndSync(a, dir, COMPACT_AT - half + 1);
    expect(gathered.compacted).not.toBeNull();
    // Then the engine brings the new file, and takes the old ones away.
    rmSync(join(seenByB, 'connect', gathered.device), { recursive: true });
    cpSync(join(dir, 'connect', gathered.device), join(seenByB, 'connect', gathered.device), { recursive: true });
    // b has not merged every file the new one replaces, so it reads it whole (with the one a wrote beside it).
    const result = (await b.run(['sync', seenByB, '--json'], { now: at() })).json();
    expect(result.received.files).toBe(2);
    expect(result.waiting).toEqual([]);
    expect(await exportOf(b)).toBe(await exportOf(a));
  });

  it('a sync stopped while it gathers leaves a folder that still converges, and a later sync finishes the work', async () => {
    const dir = folder();
    const [a, b, c] = [device(), device(), device()];
    await logAndSync(a, dir, COMPACT_AT);
    await b.run(['sync', dir], { now: at() });
    const id = (await a.run(['sync', 'status', '--json'])).json().device;
    const gatheringName = `${String(COMPACT_AT + 2).padStart(8, '0')}.json`;
    // Stopped just after the new file is in place, before its number is kept: the old files are all still there.
    hooks.renamed = (to) => {
      if (to.endsWith(gatheringName)) throw new Error('stopped');
    };
    await a.run(['log', 'Sam', '--note', 'stopped once'], { now: at() });
    expect((await a.run(['sync', dir], { now: at() })).code).not.toBe(0);
    delete hooks.renamed;
    expect(numbered(dir, id)).toHaveLength(COMPACT_AT + 2);
    expect((await c.run(['sync', dir, '--json'], { now: at() })).json().waiting).toEqual([]);
    expect(await exportOf(c)).toBe(await exportOf(a));
    // Stopped again, this time while the old files are going: some are gone, the rest lie beside the new file.
    let removed = 0;
    hooks.removing = (path) => {
      if (path.startsWith(join(dir, 'connect', id)) && /\d+\.json$/.test(path) && ++removed > 5)
        throw new Error('stopped');
    };
    await a.run(['log', 'Ana', '--note', 'stopped twice'], { now: at() });
    expect((await a.run(['sync', dir], { now: at() })).code).not.toBe(0);
    delete hooks.removing;
    expect(numbered(dir, id).length).toBeGreaterThan(1);
    for (const j of [b, c]) {
      const r = (await j.run(['sync', dir, '--json'], { now: at() })).json();
      expect(r.waiting).toEqual([]);
      expect(await exportOf(j)).toBe(await exportOf(a));
    }
    // A later gathering takes what was left over.
    const left = numbered(dir, id).length;
    let replaced = 0;
    for (let i = 0; i < COMPACT_AT && replaced === 0; i += 1)
      replaced = (await logAndSync(a, dir, 1, 900 + i)).compacted?.replaced ?? 0;
    expect(replaced).toBeGreaterThan(left);
    expect(numbered(dir, id)).toHaveLength(2);
    const d = device();
    await d.run(['sync', dir], { now: at() });
    for (const j of [b, c, d]) {
      await j.run(['sync', dir], { now: at() });
      expect(await exportOf(j)).toBe(await exportOf(a));
    }
  });
});

describe('a sync folder that goes away while it is being read', () => {
  it('says so calmly, exits 0, merges nothing of what it could not read whole, and a later sync completes', async () => {
    const dir = folder();
    const [a, b, c] = [device(), device(), device()];
    for (const note of ['one', 'two']) {
      await a.run(['log', 'Sam', '--note', note], { now: at() });
      await a.run(['sync', dir], { now: at() });
    }
    await c.run(['log', 'Ana', '--note', 'from c'], { now: at() });
    await c.run(['sync', dir], { now: at() });
    const aId = (await a.run(['sync', 'status', '--json'])).json().device;
    await b.run(['log', 'Bo', '--note', 'from b'], { now: at() });
    const away = `${dir}-away`;
    removeLater(away);
    // The whole folder goes (an engine or a user moves it) once the listing is done, as the first file is read.
    hooks.read = (path) => {
      if (path.startsWith(join(dir, 'connect'))) fs.renameSync(dir, away);
    };
    const gone = await b.run(['sync', dir, '--json'], { now: at() });
    delete hooks.read;
    expect(gone.code, gone.stderr).toBe(0);
    const outcome = gone.json();
    expect(outcome.received).toEqual({ files: 0, rows: {}, removed: 0 });
    expect(outcome.waiting.map((n: { reason: string }) => n.reason)).toEqual([
      'unreadable',
      'unreadable',
      'unreadable',
    ]);
    expect(outcome.waiting[0].detail).toBe('it went away while being read');
    expect(JSON.parse(await exportOf(b)).entries.map((e: { note: string }) => e.note)).toEqual(['from b']);
    fs.renameSync(away, dir);
    // In words: what waited, and that the next sync reads it.
    hooks.read = (path) => {
      if (path.startsWith(join(dir, 'connect', aId))) rmSync(join(dir, 'connect', aId), { recursive: true });
    };
    cpSync(join(dir, 'connect', aId), join(away, aId), { recursive: true });
    const text = await b.run(['sync', dir], { now: at() });
    delete hooks.read;
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('left for next time, it went away while being read.');
    expect(text.stdout).toContain('Files left for next time are read again at the next sync.');
    expect(text.stdout).toContain('Merged 2 rows from 1 file of other devices');
    // Only c's file came in; a's folder went before any of it was read.
    expect(
      JSON.parse(await exportOf(b))
        .entries.map((e: { note: string }) => e.note)
        .sort(),
    ).toEqual(['from b', 'from c']);
    cpSync(join(away, aId), join(dir, 'connect', aId), { recursive: true });
    const later = (await b.run(['sync', dir, '--json'], { now: at() })).json();
    expect(later.waiting).toEqual([]);
    expect(later.received.files).toBe(2);
    for (const j of [a, c, b]) await j.run(['sync', dir], { now: at() });
    expect(await exportOf(b)).toBe(await exportOf(a));
    expect(await exportOf(c)).toBe(await exportOf(a));
  });
});
