import { copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bodyChecksum } from '../../src/core/sync';
import * as uuid from '../../src/db/uuid';
import { journal, type Journal } from '../support/in-process';
import { syncDevices } from '../support/sync-devices';

const { device, folder, cleanup } = syncDevices(journal, 'connect-sync-');
afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

/** Every file under the folder, as paths relative to it. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/**
 * Makes ids come in order, each starting with the hex digit `prefix()` gives at that moment: a test decides which of
 * two people of one name has the lower id (and stays when they are made one).
 */
function orderedIds(prefix: () => string): void {
  let n = 0;
  vi.spyOn(uuid, 'newUuid').mockImplementation(() => {
    n += 1;
    return `${prefix()}0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  });
}

const exportOf = async (j: Journal) => (await j.run(['export', '--format', 'json'])).stdout;

describe('connect sync', () => {
  it('needs a folder: none given and no sync.dir, or a path that is not a folder, is exit 2 and changes nothing', async () => {
    const a = device();
    const none = await a.run(['sync']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('connect sync needs a folder');
    const file = join(folder(), 'plain.txt');
    writeFileSync(file, 'x');
    const notFolder = await a.run(['sync', file]);
    expect(notFolder.code).toBe(2);
    expect(notFolder.stderr).toContain('is not a folder');
    expect((await a.run(['sync', join(file, 'missing')])).code).toBe(2);
    expect(statSync(a.db, { throwIfNoEntry: false })).toBeUndefined();
  });

  it('carries entries both ways through one folder, remembers sync.dir, and reports in --json', async () => {
    const dir = folder();
    const a = device();
    const b = device();
    expect((await a.run(['config', 'set', 'sync.dir', dir])).code).toBe(0);
    await a.run(['log', 'Sam', '--channel', 'call', '--note', 'from the laptop']);
    const first = (await a.run(['sync', '--json'])).json();
    expect(first.sent.rows).toBeGreaterThan(0);
    expect(first.received.files).toBe(0);
    await b.run(['log', 'Ana', '--channel', 'text']);
    const second = (await b.run(['sync', dir, '--json'])).json();
    expect(second.received).toEqual({ files: 1, rows: { people: 1, entries: 1 }, removed: 0 });
    expect(second.sent.file).toContain(join('connect', second.device));
    const third = (await a.run(['sync', '--json'])).json();
    expect(third.received.rows).toEqual({ people: 1, entries: 1 });
    expect(third.sent).toBeNull();
    expect(await exportOf(a)).not.toBe(await exportOf(b)); // sync.dir is a's own setting
    const settings = (j: string) => JSON.parse(j).settings.map((s: { key: string }) => s.key);
    expect(settings(await exportOf(a))).toEqual(['sync.dir']);
    expect(settings(await exportOf(b))).toEqual([]);
    await a.run(['config', 'set', 'week.start', 'sunday']);
    await a.run(['sync']);
    await b.run(['sync', dir]);
    expect((await b.run(['config', 'get', 'week.start'])).stdout.trim()).toBe('sunday');
    expect((await b.run(['config', 'get', 'sync.dir'])).stdout.trim()).toBe('');
    // Syncing again changes nothing and writes nothing.
    const again = (await b.run(['sync', dir, '--json'])).json();
    expect(again.sent).toBeNull();
    expect(again.received.files).toBe(0);
  });

  it('writes a file of many slices whole, characters outside the BMP where the slices meet included', async () => {
    const dir = folder();
    const a = device();
    const b = device();
    await a.run(['log', 'Sam', '--note', 'the first']);
    // Two hundred entries whose notes are nearly all surrogate pairs: the file's body is cut into 32K slices to be
    // written, and a slice that ended between the halves of a pair would leave U+FFFD in the file.
    const exported = JSON.parse(await exportOf(a));
    const [first] = exported.entries;
    exported.entries = Array.from({ length: 200 }, (_, i) => ({
      ...first,
      id: `${first.id.slice(0, 24)}${String(i).padStart(12, '0')}`,
      note: `${'x'.repeat(i % 7)}${'🌿'.repeat(990)}`,
    }));
    const file = join(folder(), 'many.json');
    writeFileSync(file, JSON.stringify(exported));
    expect((await a.run(['import', file])).code).toBe(0);
    const { sent } = (await a.run(['sync', dir, '--json'])).json();
    expect(readFileSync(sent.file, 'utf8')).not.toContain('\ufffd');
    expect(readFileSync(sent.file, 'utf8').length).toBeGreaterThan(10 * 32_768);
    const received = (await b.run(['sync', dir, '--json'])).json();
    expect(received.received.rows.entries).toBe(201);
    const entries = (j: string) => JSON.parse(j).entries.map((e: { id: string; note: string }) => [e.id, e.note]);
    expect(entries(await exportOf(b))).toEqual(entries(await exportOf(a)));
  });

  it('says so calmly, sends nothing and keeps every change waiting when a body is longer than JavaScript can hold', async () => {
    const dir = folder();
    const a = device();
    await a.run(['log', 'Sam', '--note', 'kept']);
    const stringify = JSON.stringify;
    const tooLong = vi.spyOn(JSON, 'stringify').mockImplementation((value, ...rest) => {
      if (value && typeof value === 'object' && 'rows' in value && 'stamps' in value)
        throw new RangeError('Invalid string length');
      return stringify(value, ...(rest as [never]));
    });
    const refused = await a.run(['sync', dir]);
    tooLong.mockRestore();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('more than connect can write into one sync file yet; nothing was sent');
    expect(refused.stderr).not.toMatch(/unexpected|Invalid string length/);
    expect(filesIn(dir).filter((name) => name.endsWith('.json'))).toEqual([]);
    const sent = (await a.run(['sync', dir, '--json'])).json();
    expect(sent.sent.rows).toBeGreaterThan(0);
  });

  it('keeps the files owner-only, holding what export holds', async () => {
    const dir = folder();
    const a = device();
    await a.run(['log', 'Sam', '--note', 'private words']);
    const { device: id, sent } = (await a.run(['sync', dir, '--json'])).json();
    expect(statSync(join(dir, 'connect')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'connect', id)).mode & 0o777).toBe(0o700);
    expect(statSync(sent.file).mode & 0o777).toBe(0o600);
    const file = JSON.parse(readFileSync(sent.file, 'utf8'));
    const exported = JSON.parse(await exportOf(a));
    expect(file.body.rows.entries).toEqual(exported.entries);
    expect(file.body.rows.people).toEqual(exported.people);
    expect(Object.keys(file).sort()).toEqual(
      [
        'body',
        'checksum',
        'device',
        'format',
        'formatVersion',
        'from',
        'schemaVersion',
        'sequence',
        'to',
        'writtenAt',
      ].sort(),
    );
  });

  it('newer change wins per row; a delete beats an older edit; connect undo takes a whole merge back', async () => {
    const dir = folder();
    const a = device();
    const b = device();
    const id = (await a.run(['log', 'Sam', '--note', 'one', '--json'])).json().id;
    await a.run(['sync', dir]);
    await b.run(['sync', dir]);
    await b.run(['edit', id, '--note', 'edited on b'], { now: '2026-11-26T10:05:00Z' });
    await a.run(['delete', id, '--yes'], { now: '2026-11-26T10:10:00Z' });
    await b.run(['sync', dir], { now: '2026-11-26T10:11:00Z' });
    await a.run(['sync', dir], { now: '2026-11-26T10:12:00Z' });
    await b.run(['sync', dir], { now: '2026-11-26T10:13:00Z' });
    for (const j of [a, b]) expect((await j.run(['history', '--json'])).json()).toEqual([]);
    expect(await exportOf(a)).toBe(await exportOf(b));
    // b logs again; a's sync brings it in, and one undo on a takes exactly that merge back.
    await b.run(['log', 'Ana', '--channel', 'text'], { now: '2026-11-26T10:20:00Z' });
    await b.run(['sync', dir], { now: '2026-11-26T10:21:00Z' });
    const before = await exportOf(a);
    expect((await a.run(['sync', dir], { now: '2026-11-26T10:22:00Z' })).stdout).toContain('Merged 2 rows');
    const undo = await a.run(['undo'], { now: '2026-11-26T10:23:00Z' });
    expect(undo.stdout).toContain('Took back: sync with');
    expect(await exportOf(a)).toBe(before);
  });

  it('a clock running years ahead wins only until another device has seen its change', async () => {
    const dir = folder();
    const fast = device();
    const right = device();
    const id = (await right.run(['log', 'Sam', '--note', 'first', '--json'])).json().id;
    await right.run(['sync', dir]);
    // Three hours ahead: within the day a clock may run ahead, so its files are read at once.
    await fast.run(['sync', dir], { now: '2026-11-26T13:00:00Z' });
    await fast.run(['edit', id, '--note', 'from the future'], { now: '2026-11-26T13:01:00Z' });
    await fast.run(['sync', dir], { now: '2026-11-26T13:02:00Z' });
    await right.run(['sync', dir], { now: '2026-11-26T10:05:00Z' });
    expect((await right.run(['history', '--json'])).json()[0].note).toBe('from the future');
    await right.run(['edit', id, '--note', 'written after'], { now: '2026-11-26T10:06:00Z' });
    await right.run(['sync', dir], { now: '2026-11-26T10:07:00Z' });
    await fast.run(['sync', dir], { now: '2026-11-26T13:03:00Z' });
    for (const j of [fast, right]) expect((await j.run(['history', '--json'])).json()[0].note).toBe('written after');
  });

  it('a clock a year ahead does not drag the others after it, and converges once it is put right', async () => {
    const dir = folder();
    const fast = device();
    const right = device();
    const id = (await right.run(['log', 'Sam', '--note', 'first', '--json'])).json().id;
    await right.run(['sync', dir]);
    const ahead = (time: string) => ({ now: `2027-11-26T${time}:00Z` });
    await fast.run(['sync', dir], ahead('10:00'));
    await fast.run(['edit', id, '--note', 'from a year ahead'], ahead('10:01'));
    await fast.run(['log', 'Ana', '--note', 'met', '--json'], ahead('10:02'));
    const { device: fastId } = (await fast.run(['sync', dir, '--json'], ahead('10:03'))).json();

    // Its file waits, named, and nothing of it is merged.
    const waited = (await right.run(['sync', dir, '--json'], { now: '2026-11-26T10:05:00Z' })).json();
    expect(waited.received.files).toBe(0);
    expect(waited.waiting).toEqual([
      expect.objectContaining({ file: join('connect', fastId, '00000001.json'), reason: 'ahead' }),
    ]);
    const status = (await right.run(['sync', dir], { now: '2026-11-26T10:05:30Z' })).stdout;
    expect(status).toContain('left for later');
    expect((await right.run(['history', '--json'])).json()[0].note).toBe('first');

    // This device's clock stays its own: its next change is stamped within a day of its own time.
    await right.run(['edit', id, '--note', 'written here'], { now: '2026-11-26T10:06:00Z' });
    const sent = (await right.run(['sync', dir, '--json'], { now: '2026-11-26T10:07:00Z' })).json().sent;
    const header = JSON.parse(readFileSync(sent.file, 'utf8'));
    expect(Number(header.to.slice(0, 18))).toBeLessThan(Date.parse('2026-11-27T10:07:00Z'));

    // The fast device, still ahead, merges the others but keeps its own newer edit.
    await fast.run(['sync', dir], ahead('10:08'));
    expect((await fast.run(['history', '--json'], ahead('10:09'))).json().map((e: { note: string }) => e.note)).toEqual(
      ['met', 'from a year ahead'],
    );

    // Its clock is put right: what it wrote ahead is dated now, goes out again, and both end the same.
    const back = { now: '2026-11-26T10:10:00Z' };
    const resent = (await fast.run(['sync', dir, '--json'], back)).json();
    expect(resent.sent).not.toBeNull();
    const merged = (await right.run(['sync', dir, '--json'], { now: '2026-11-26T10:11:00Z' })).json();
    expect(merged.waiting).toEqual([]);
    await fast.run(['sync', dir], { now: '2026-11-26T10:12:00Z' });
    expect(await exportOf(right)).toBe(await exportOf(fast));
    const entries = JSON.parse(await exportOf(right)).entries as { note: string; at: string }[];
    expect(entries.map((e) => e.note).sort()).toEqual(['from a year ahead', 'met']);
    for (const entry of entries) expect(Date.parse(entry.at)).toBeLessThanOrEqual(Date.parse('2026-11-26T10:10:00Z'));
    // Nothing more to exchange, and the year-ahead file no longer waits.
    expect((await right.run(['sync', dir, '--json'], { now: '2026-11-26T10:13:00Z' })).json()).toMatchObject({
      sent: null,
      waiting: [],
    });
  });

  it('a person merged on one device and given a nickname and a contact on another ends as one person with both', async () => {
    const dir = folder();
    const a = device();
    const b = device();
    await a.run(['log', 'Sam', 'Samuel', '--new']);
    await a.run(['sync', dir]);
    await b.run(['sync', dir]);
    await a.run(['people', 'merge', 'Sam', 'Samuel'], { now: '2026-11-26T10:05:00Z' });
    await b.run(['people', 'alias', 'add', 'Sam', 'Sammy'], { now: '2026-11-26T10:06:00Z' });
    await b.run(['log', 'Sam', '--channel', 'call', '--note', 'after'], { now: '2026-11-26T10:07:00Z' });
    for (let round = 0; round < 2; round += 1)
      for (const j of [a, b]) await j.run(['sync', dir], { now: `2026-11-26T10:1${round}:00Z` });
    expect(await exportOf(a)).toBe(await exportOf(b));
    for (const j of [a, b]) {
      const people = (await j.run(['people', '--json'])).json();
      expect(people.map((p: { name: string }) => p.name)).toEqual(['Samuel']);
      const shown = await j.run(['history', '--person', 'Sammy', '--json']);
      expect(shown.json().map((e: { note: string | null }) => e.note)).toContain('after');
    }
  });

  it('a merge undone after it went out in a file is merged again, and that travels: both devices end with one person', async () => {
    const dir = folder();
    const a = device();
    const b = device();
    await a.run(['log', 'Sam', 'Bo', '--channel', 'call'], { now: '2026-11-26T10:01:00Z' });
    await a.run(['people', 'merge', 'Sam', 'Bo'], { now: '2026-11-26T10:02:00Z' });
    await a.run(['sync', dir], { now: '2026-11-26T10:03:00Z' });
    const undone = await a.run(['undo'], { now: '2026-11-26T10:04:00Z' });
    expect(undone.stdout).toBe(
      'Took back: merged Sam into Bo.\nSam went to your other devices merged into Bo at a sync, and merges travel one way: the next sync merges them again.\n',
    );
    // The undo goes out as a newer change, and a's sync merges Sam into Bo again, as the file it sent said.
    for (let round = 0; round < 2; round += 1)
      for (const j of [a, b]) await j.run(['sync', dir], { now: `2026-11-26T10:1${round}:00Z` });
    expect(await exportOf(b)).toBe(await exportOf(a));
    for (const j of [a, b])
      expect((await j.run(['people', '--json'])).json().map((p: { name: string }) => p.name)).toEqual(['Bo']);
    // A merge that no sync sent is this device's alone: undo parts them for good, and --json says nothing returns.
    await b.run(['log', 'Cyrus', 'Dana', '--channel', 'call', '--new'], { now: '2026-11-26T10:20:00Z' });
    await b.run(['people', 'merge', 'Cyrus', 'Dana'], { now: '2026-11-26T10:21:00Z' });
    const json = (await b.run(['undo', '--json'], { now: '2026-11-26T10:22:00Z' })).json();
    expect(json).toMatchObject({ undone: 'merged Cyrus into Dana', mergedAgainAtSync: [] });
    await b.run(['sync', dir], { now: '2026-11-26T10:23:00Z' });
    expect((await b.run(['people', '--json'])).json().map((p: { name: string }) => p.name)).toEqual([
      'Bo',
      'Cyrus',
      'Dana',
    ]);
  });

  it('a merge on one device and a new nickname for the person merged into, on another, keep every nickname', async () => {
    const dir = folder();
    const a = device();
    const b = device();
    await a.run(['log', 'Sam', 'Samuel', '--new']);
    await a.run(['people', 'alias', 'add', 'Sam', 'Sammy']);
    await a.run(['sync', dir]);
    await b.run(['sync', dir]);
    await a.run(['people', 'merge', 'Sam', 'Samuel'], { now: '2026-11-26T10:05:00Z' });
    await b.run(['people', 'alias', 'add', 'Samuel', 'Sol'], { now: '2026-11-26T10:06:00Z' });
    for (let round = 0; round < 3; round += 1)
      for (const j of [a, b]) await j.run(['sync', dir], { now: `2026-11-26T10:1${round}:00Z` });
    expect(await exportOf(a)).toBe(await exportOf(b));
    const people = (await a.run(['people', '--json'])).json();
    expect(people.map((p: { name: string; aliases: string[] }) => [p.name, [...p.aliases].sort()])).toEqual([
      ['Samuel', ['Sam', 'Sammy', 'Sol']],
    ]);
  });

  it('an entry that reaches two devices after each merged its person into someone else ends with the same person everywhere', async () => {
    const dir = folder();
    const [a, b, c] = [device(), device(), device()];
    await a.run(['log', 'Sam', 'Xavier', 'Yara', '--new'], { now: '2026-11-26T10:00:00Z' });
    await a.run(['sync', dir], { now: '2026-11-26T10:01:00Z' });
    for (const j of [b, c]) await j.run(['sync', dir], { now: '2026-11-26T10:02:00Z' });
    await a.run(['people', 'merge', 'Sam', 'Xavier'], { now: '2026-11-26T10:05:00Z' });
    await b.run(['people', 'merge', 'Sam', 'Yara'], { now: '2026-11-26T10:06:00Z' });
    // c, not knowing of either merge, logs an entry with Sam; a and b each move it on when it arrives.
    await c.run(['log', 'Sam', '--channel', 'call', '--note', 'from c'], { now: '2026-11-26T10:07:00Z' });
    await c.run(['sync', dir], { now: '2026-11-26T10:08:00Z' });
    await a.run(['sync', dir], { now: '2026-11-26T10:09:00Z' });
    await b.run(['sync', dir], { now: '2026-11-26T10:10:00Z' });
    for (let round = 0; round < 3; round += 1)
      for (const j of [a, b, c]) await j.run(['sync', dir], { now: `2026-11-26T10:2${round}:00Z` });
    expect(await exportOf(a)).toBe(await exportOf(c));
    expect(await exportOf(b)).toBe(await exportOf(c));
    for (const j of [a, b, c]) {
      const people = (await j.run(['people', '--json'])).json();
      expect(people.map((p: { name: string }) => p.name).sort()).toEqual(['Xavier', 'Yara']);
    }
    const withYara = (await c.run(['history', '--person', 'Yara', '--json'])).json();
    expect(withYara.map((e: { note: string | null }) => e.note)).toContain('from c');
  });

  it('a person merged into someone this device took back arrives merged, and both end with the one kept', async () => {
    let prefix = '0';
    orderedIds(() => prefix);
    const dir = folder();
    const a = device();
    const c = device();
    // c adds Cyrus (the lower id); a, which has never seen that Cyrus, adds its own.
    await c.run(['log', 'Cyrus', '--channel', 'call'], { now: '2026-11-26T10:01:00Z' });
    await c.run(['sync', dir], { now: '2026-11-26T10:02:00Z' });
    prefix = 'f';
    await a.run(['log', 'Cyrus', '--channel', 'text'], { now: '2026-11-26T10:03:00Z' });
    // a meets c's Cyrus, makes its own one with them, and sends that.
    await a.run(['sync', dir], { now: '2026-11-26T10:04:00Z' });
    // c takes its log back (its Cyrus goes with it), then reads a's files: a's Cyrus comes in merged into the
    // Cyrus c no longer has, which comes back once a, which still points at them, keeps them against the removal.
    await c.run(['undo'], { now: '2026-11-26T10:05:00Z' });
    const first = (await c.run(['sync', dir, '--json'], { now: '2026-11-26T10:06:00Z' })).json();
    expect(first.waiting).toEqual([]);
    for (let round = 0; round < 3; round += 1)
      for (const j of [a, c]) {
        const r = (await j.run(['sync', dir, '--json'], { now: `2026-11-26T10:1${round}:00Z` })).json();
        expect(r.waiting).toEqual([]);
      }
    expect(await exportOf(c)).toBe(await exportOf(a));
    const people = JSON.parse(await exportOf(c)).people as { id: string; mergedInto: string | null }[];
    expect(people.map((p) => [p.id[0], p.mergedInto?.[0] ?? null])).toEqual([
      ['0', null],
      ['f', '0'],
    ]);
    const entries = JSON.parse(await exportOf(c)).entries as { people: string[]; deletedAt: string | null }[];
    expect(entries.map((e) => e.people.map((p) => p[0]))).toEqual([['0']]);
  });

  it('a person renamed on one device after another made them one with someone keeps every nickname where it is on both', async () => {
    let prefix = 'f';
    orderedIds(() => prefix);
    const dir = folder();
    const a = device();
    const c = device();
    await a.run(['log', 'Cyrus', '--channel', 'call'], { now: '2026-11-26T10:01:00Z' });
    await a.run(['sync', dir], { now: '2026-11-26T10:02:00Z' });
    prefix = '0';
    // c has its own Cyrus (the lower id): meeting a's, it makes them one, a's merged into its own.
    await c.run(['log', 'Cyrus', '--channel', 'text'], { now: '2026-11-26T10:03:00Z' });
    await c.run(['sync', dir], { now: '2026-11-26T10:04:00Z' });
    // Meanwhile a renames its Cyrus to Sam, keeping "Cyrus" as a nickname; that reaches c, where they are merged.
    await a.run(['people', 'rename', 'Cyrus', 'Sam'], { now: '2026-11-26T10:05:00Z' });
    await a.run(['sync', dir], { now: '2026-11-26T10:06:00Z' });
    await c.run(['sync', dir], { now: '2026-11-26T10:07:00Z' });
    for (let round = 0; round < 3; round += 1)
      for (const j of [a, c]) await j.run(['sync', dir], { now: `2026-11-26T10:1${round}:00Z` });
    expect(await exportOf(c)).toBe(await exportOf(a));
    const people = JSON.parse(await exportOf(a)).people as { id: string; name: string; aliases: string[] }[];
    const kept = people.find((p) => p.id.startsWith('0'));
    expect(kept?.name).toBe('Cyrus');
    expect(kept?.aliases).not.toContain('Cyrus');
  });

  it('two devices that each added Sam end with one Sam, the same one on both', async () => {
    const dir = folder();
    const a = device();
    const b = device();
    await a.run(['log', 'Sam', '--note', 'a']);
    await b.run(['log', 'Sam', '--note', 'b']);
    for (const j of [a, b, a]) await j.run(['sync', dir]);
    expect(await exportOf(a)).toBe(await exportOf(b));
    const people = (await a.run(['people', '--json'])).json();
    expect(people).toHaveLength(1);
    expect((await a.run(['history', '--person', 'Sam', '--json'])).json()).toHaveLength(2);
  });

  it('a person one device took back but another still points at is kept, sent again, and taken back in', async () => {
    const dir = folder();
    const a = device();
    const b = device();
    await a.run(['log', 'Sam', '--channel', 'call'], { now: '2026-11-26T10:00:00Z' });
    await a.run(['sync', dir], { now: '2026-11-26T10:01:00Z' });
    await b.run(['sync', dir], { now: '2026-11-26T10:02:00Z' });
    await b.run(['log', 'Sam', '--channel', 'text', '--note', 'on b'], { now: '2026-11-26T10:03:00Z' });
    // a takes its log back (Sam with it) while b has an entry of its own with Sam.
    expect((await a.run(['undo'], { now: '2026-11-26T10:04:00Z' })).code).toBe(0);
    await a.run(['sync', dir], { now: '2026-11-26T10:05:00Z' });
    await b.run(['sync', dir], { now: '2026-11-26T10:06:00Z' });
    const back = (await a.run(['sync', dir, '--json'], { now: '2026-11-26T10:07:00Z' })).json();
    expect(back.waiting).toEqual([]);
    expect(await exportOf(a)).toBe(await exportOf(b));
    const entries = (await a.run(['history', '--person', 'Sam', '--json'])).json();
    expect(entries.map((e: { note: string | null }) => e.note)).toEqual(['on b']);
    // What the merge kept went out in that same sync: a second one writes nothing.
    expect((await b.run(['sync', dir, '--json'], { now: '2026-11-26T10:08:00Z' })).json().sent).toBeNull();
  });

  it('a person taken back with the touchpoint that named them is removed elsewhere too, not kept for it', async () => {
    const dir = folder();
    const a = device();
    const b = device();
    await a.run(['touchpoint', 'add', 'Call Ana', '--every', 'week', '--with', 'Ana'], { now: '2026-11-26T10:00:00Z' });
    await a.run(['sync', dir], { now: '2026-11-26T10:01:00Z' });
    expect((await a.run(['undo'], { now: '2026-11-26T10:02:00Z' })).code).toBe(0);
    await a.run(['sync', dir], { now: '2026-11-26T10:03:00Z' });
    // b reads the touchpoint with Ana and its removal (Ana's with it) in one sync.
    await b.run(['sync', dir], { now: '2026-11-26T10:04:00Z' });
    await a.run(['sync', dir], { now: '2026-11-26T10:05:00Z' });
    expect(await exportOf(b)).toBe(await exportOf(a));
    expect(JSON.parse(await exportOf(b)).people).toEqual([]);
  });

  it('a person renamed in a later file is not made one with someone of their old name on the way', async () => {
    const dir = folder();
    const a = device();
    const c = device();
    await a.run(['log', 'Sam', '--channel', 'call'], { now: '2026-11-26T10:00:00Z' });
    await a.run(['sync', dir], { now: '2026-11-26T10:01:00Z' });
    await a.run(['people', 'rename', 'Sam', 'Ana'], { now: '2026-11-26T10:02:00Z' });
    await a.run(['sync', dir], { now: '2026-11-26T10:03:00Z' });
    await c.run(['log', 'Sam', '--channel', 'text'], { now: '2026-11-26T10:04:00Z' });
    // c reads both of a's files in one sync: the first still calls a's person Sam.
    for (const [j, minute] of [
      [c, 5],
      [a, 6],
      [c, 7],
    ] as const)
      await j.run(['sync', dir], { now: `2026-11-26T10:0${minute}:00Z` });
    expect(await exportOf(c)).toBe(await exportOf(a));
    const names = (await c.run(['people', '--json'])).json().map((p: { name: string }) => p.name);
    expect(names.sort()).toEqual(['Ana', 'Sam']);
  });

  it('two Sams made one on one device stay one when the other device renames its Sam meanwhile', async () => {
    const dir = folder();
    const a = device();
    const c = device();
    await a.run(['log', 'Sam', '--channel', 'call'], { now: '2026-11-26T10:00:00Z' });
    await a.run(['sync', dir], { now: '2026-11-26T10:01:00Z' });
    await c.run(['log', 'Sam', '--channel', 'text'], { now: '2026-11-26T10:02:00Z' });
    await c.run(['sync', dir], { now: '2026-11-26T10:03:00Z' });
    // a has not seen c's Sam yet and renames its own.
    await a.run(['people', 'rename', 'Sam', 'Ana'], { now: '2026-11-26T10:04:00Z' });
    for (let round = 0; round < 3; round += 1)
      for (const j of [a, c]) await j.run(['sync', dir], { now: `2026-11-26T10:1${round}:00Z` });
    expect(await exportOf(c)).toBe(await exportOf(a));
    const people = (await a.run(['people', '--json'])).json();
    expect(people).toHaveLength(1);
    expect((await a.run(['history', '--json'])).json()).toHaveLength(2);
  });
});

describe('what sync engines do to the folder', () => {
  async function written(): Promise<{ a: Journal; b: Journal; dir: string; file: string; id: string }> {
    const dir = folder();
    const a = device();
    const b = device();
    await a.run(['log', 'Sam', '--note', 'one']);
    const out = (await a.run(['sync', dir, '--json'])).json();
    return { a, b, dir, file: out.sent.file, id: out.device };
  }

  it('a file cut short, or still under a temporary name, waits and is merged once whole', async () => {
    const { b, dir, file } = await written();
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, text.length - 40));
    writeFileSync(`${file.replace(/[^/]+$/, '.00000002.json.syncthing.tmp')}`, text);
    const cut = await b.run(['sync', dir, '--json']);
    expect(cut.json().received.files).toBe(0);
    expect(cut.json().waiting).toEqual([expect.objectContaining({ reason: 'incomplete' })]);
    expect((await b.run(['history', '--json'])).json()).toEqual([]);
    expect((await b.run(['sync', 'status', '--json'])).code).toBe(0);
    writeFileSync(file, text);
    const whole = await b.run(['sync', dir, '--json']);
    expect(whole.json().received.files).toBe(1);
    expect((await b.run(['history', '--json'])).json()).toHaveLength(1);
  });

  it('a checksum that does not match is never half-merged', async () => {
    const { b, dir, file } = await written();
    writeFileSync(file, readFileSync(file, 'utf8').replace('"one"', '"ONE"'));
    const result = (await b.run(['sync', dir, '--json'])).json();
    expect(result.received.files).toBe(0);
    expect(result.waiting[0].detail).toContain('checksum');
    expect((await b.run(['history', '--json'])).json()).toEqual([]);
  });

  /**
   * `file` holding `text` with one change (`alter`) waits as incomplete, while `others` files merge; holding `text`,
   * it merges.
   */
  async function waitsAltered(
    b: Journal,
    dir: string,
    file: string,
    text: string,
    alter: [string, string],
    others = 0,
  ) {
    writeFileSync(file, text.replace(...alter));
    const altered = (await b.run(['sync', dir, '--json'])).json();
    expect(altered.received.files).toBe(others);
    expect(altered.waiting).toEqual([expect.objectContaining({ reason: 'incomplete' })]);
    writeFileSync(file, text);
    expect((await b.run(['sync', dir, '--json'])).json().received.files).toBe(1);
  }

  it('checks a body by the cyrb64 hash of its JSON, a day’s small file and a large one alike', async () => {
    const dir = folder();
    const a = device();
    const b = device();
    await a.run(['log', 'Sam', '--note', 'small']);
    const small = (await a.run(['sync', dir, '--json'])).json().sent.file as string;
    for (let i = 0; i < 20; i++) await a.run(['log', 'Ana', '--note', `${'n'.repeat(1_990)}${i}`]);
    const large = (await a.run(['sync', dir, '--json'])).json().sent.file as string;
    for (const file of [small, large]) {
      const { checksum, body } = JSON.parse(readFileSync(file, 'utf8'));
      expect(checksum).toBe(bodyChecksum(JSON.stringify(body)));
    }
    expect(readFileSync(large, 'utf8').length).toBeGreaterThan(40_000);
    // The large file altered by one character waits while the small one merges; put back, it merges too.
    await waitsAltered(b, dir, large, readFileSync(large, 'utf8'), ['"nnnn', '"Nnnn'], 1);
    expect(await exportOf(b)).toBe(await exportOf(a));
  });

  it('a file of format 1, checked by SHA-256, is still merged; altered, it waits', async () => {
    const { a, b, dir, file } = await written();
    const older = JSON.parse(readFileSync(file, 'utf8'));
    older.formatVersion = 1;
    older.checksum = `sha256-${createHash('sha256').update(JSON.stringify(older.body)).digest('hex')}`;
    await waitsAltered(b, dir, file, `${JSON.stringify(older)}\n`, ['"one"', '"ONE"']);
    expect(await exportOf(b)).toBe(await exportOf(a));
  });

  it('conflict copies are other versions of a device’s file: each is merged, nothing is lost, duplicates add nothing', async () => {
    const { a, b, dir, file, id } = await written();
    const firstVersion = readFileSync(file, 'utf8');
    // a's journal is put back to before its sync (as if its write of the file had been lost) and logs more:
    // its next file has the same number and other contents.
    const copy = `${file}.keep`;
    copyFileSync(file, copy);
    rmSync(file);
    await a.run(['log', 'Ana', '--note', 'two']);
    const db = await import('better-sqlite3');
    const raw = new db.default(a.db);
    raw.exec('UPDATE sync_clock SET sequence = 0; UPDATE sync_stamps SET local = 1');
    raw.close();
    await a.run(['sync', dir]);
    const folderOf = join(dir, 'connect', id);
    writeFileSync(join(folderOf, '00000001.sync-conflict-20261126-101500-ABCDEFG.json'), firstVersion);
    writeFileSync(join(folderOf, '00000001 (conflicted copy 2026-11-26).json'), firstVersion);
    writeFileSync(join(folderOf, '00000001.json~'), firstVersion);
    rmSync(copy);
    const result = (await b.run(['sync', dir, '--json'])).json();
    expect(result.received.files).toBe(2);
    expect(result.waiting).toEqual([]);
    const notes = (await b.run(['history', '--json'])).json().map((e: { note: string }) => e.note);
    expect(notes.sort()).toEqual(['one', 'two']);
    expect(await exportOf(b)).toBe(await exportOf(a));
    expect(filesIn(dir).filter((f) => f.startsWith(join('connect', id)))).toHaveLength(4);
  });

  it('a file from a newer connect is left untouched, with a note', async () => {
    const { b, dir, file } = await written();
    const newer = JSON.parse(readFileSync(file, 'utf8'));
    newer.formatVersion = 99;
    writeFileSync(file, JSON.stringify(newer));
    const result = await b.run(['sync', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('left untouched, written by a newer connect (sync format 99');
    expect(result.stdout).toContain('Files from a newer connect are read once this one is updated.');
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(newer));
  });

  it('sync status shows this device, the devices seen, and what waits', async () => {
    const { a, b, dir } = await written();
    await b.run(['config', 'set', 'sync.dir', dir]);
    const before = (await b.run(['sync', 'status', '--json'])).json();
    expect(before).toMatchObject({ device: null, waitingIn: 1, devices: [] });
    await b.run(['sync']);
    await a.run(['log', 'Ana']);
    const status = (await a.run(['sync', 'status', '--json'])).json();
    expect(status.waitingOut).toBeGreaterThan(0);
    const after = (await b.run(['sync', 'status', '--json'])).json();
    expect(after.devices).toEqual([expect.objectContaining({ files: 1, lastFile: 1 })]);
    expect(after.waitingIn).toBe(0);
    const text = (await b.run(['sync', 'status'])).stdout;
    expect(text).toContain('Other devices seen:');
    expect(text).toContain(after.devices[0].device);
  });

  it('a sync folder that is gone by the time of the write leaves the changes waiting', async () => {
    const { a, dir, id } = await written();
    await a.run(['log', 'Ana']);
    rmSync(join(dir, 'connect', id), { recursive: true });
    writeFileSync(join(dir, 'connect', id), 'not a folder');
    const result = (await a.run(['sync', dir, '--json'])).json();
    expect(result.sent).toBeNull();
    expect(result.notSent).toBe('the sync folder went away');
    expect((await a.run(['sync', 'status', '--json'])).json().waitingOut).toBeGreaterThan(0);
    rmSync(join(dir, 'connect', id));
    expect((await a.run(['sync', dir, '--json'])).json().sent.rows).toBeGreaterThan(0);
  });
});
