// Three devices, each with its own journal and its own copy of the sync folder; a file reaches another device's
// copy only when a "delivery" step copies it there (late, twice, as a conflict copy, or cut short first). After any
// interleaving of writes, undos and syncs, a final round of syncs leaves the three journals exporting the same JSON.
import fc from 'fast-check';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatUuid } from '../../src/core/stable-uuid';
import * as uuid from '../../src/db/uuid';
import { journal, type Journal } from '../support/in-process';

const NAMES = ['Sam', 'Ana', 'Bo', 'Cyrus'];
const START = Date.parse('2026-11-26T10:00:00Z');
/** Each device's clock: one is an hour fast, one two hours slow. */
const SKEW = [0, 3_600_000, -7_200_000];

type Op =
  | { kind: 'log'; device: number; people: string[]; channel: string }
  | { kind: 'mood'; device: number; mood: number }
  | { kind: 'edit'; device: number; pick: number; note: string }
  | { kind: 'delete'; device: number; pick: number }
  | { kind: 'undo'; device: number }
  | { kind: 'rename'; device: number; from: string; to: string }
  | { kind: 'merge'; device: number; from: string; into: string }
  | { kind: 'touchpoint'; device: number; person: string }
  | { kind: 'skip'; device: number; pick: number }
  | { kind: 'sync'; device: number }
  | { kind: 'deliver'; from: number; to: number; pick: number; how: 'copy' | 'conflict' | 'cut' | 'twice' };

const device = fc.integer({ min: 0, max: 2 });
const name = fc.constantFrom(...NAMES, 'Samwise', 'Dana');
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('log' as const),
      device,
      people: fc.subarray(NAMES, { minLength: 1, maxLength: 2 }),
      channel: fc.constantFrom('call', 'text', 'in-person'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('mood' as const), device, mood: fc.integer({ min: 1, max: 5 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      device,
      pick: fc.nat(),
      note: fc.constantFrom('walked', 'a long call', ''),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), device, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const), device }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), device, from: name, to: name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('merge' as const), device, from: name, into: name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('touchpoint' as const), device, person: name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('skip' as const), device, pick: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), device }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('deliver' as const),
      from: device,
      to: device,
      pick: fc.nat(),
      how: fc.constantFrom('copy', 'copy', 'conflict', 'cut', 'twice'),
    }),
  },
);

/**
 * Each run draws from a new seed; a failure prints the seed and path to replay it with (SYNC_PROPERTY_SEED and
 * SYNC_PROPERTY_PATH). SYNC_PROPERTY_RUNS draws more runs than the suite's few.
 */
const SEED = process.env.SYNC_PROPERTY_SEED ? { seed: Number(process.env.SYNC_PROPERTY_SEED) } : {};
const RUNS = Number(process.env.SYNC_PROPERTY_RUNS) || 6;
/** Shrinking a failure (SYNC_PROPERTY_SHRINK=1) replays it many times over. */
const TIMEOUT = process.env.SYNC_PROPERTY_SHRINK ? 3_600_000 : Math.max(180_000, RUNS * 10_000);

const made: Journal[] = [];
/**
 * Ids (of devices, people, entries, touchpoints) decide ties and which of two people of one name stays, so they
 * come from the run's own seed: a failure replays exactly from the seed and path fast-check prints.
 */
let idState: number | null = null;
/** The ids' seed, from the run's steps (FNV-1a of their JSON): the same steps draw the same ids. */
function seedOf(ops: Op[]): number {
  let hash = 0x811c9dc5;
  for (const char of JSON.stringify(ops)) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return hash | 0;
}
beforeAll(() => {
  vi.spyOn(uuid, 'newUuid').mockImplementation(() => {
    if (idState === null) throw new Error('an id was drawn outside a run');
    const bytes = Buffer.alloc(16);
    for (let i = 0; i < 16; i += 4) {
      // mulberry32
      idState = (idState + 0x6d2b79f5) | 0;
      let t = Math.imul(idState ^ (idState >>> 15), 1 | idState);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      bytes.writeUInt32LE((t ^ (t >>> 14)) >>> 0, i);
    }
    return formatUuid(bytes, 4);
  });
});
afterAll(() => {
  vi.restoreAllMocks();
  for (const j of made) j.cleanup();
});

interface Device {
  journal: Journal;
  folder: string;
}

/** Every file a device has written into its own copy of the folder: [device id, file name]. */
function ownFiles(d: Device): [string, string][] {
  const base = join(d.folder, 'connect');
  let devices: string[] = [];
  try {
    devices = readdirSync(base);
  } catch {
    return [];
  }
  return devices.flatMap((id) =>
    readdirSync(join(base, id))
      .filter((f) => /^\d+\.json$/.test(f))
      .map((f): [string, string] => [id, f]),
  );
}

describe('sync between three devices', () => {
  it('converges to byte-identical exports and keeps every entry nobody took back', { timeout: TIMEOUT }, async () => {
    const outcome = await fc.check(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 30 }), async (ops) => {
        idState = seedOf(ops);
        // The last run's journals go first: a long replay (SYNC_PROPERTY_RUNS) keeps only three at a time.
        for (const j of made.splice(0)) j.cleanup();
        const devices: Device[] = [0, 1, 2].map(() => {
          const j = journal();
          made.push(j);
          const folder = join(j.dir, 'sync');
          mkdirSync(folder);
          return { journal: j, folder };
        });
        const entryIds: string[] = [];
        const touchpointIds: string[] = [];
        /** Entries logged, and whether any delete or undo ran anywhere after them. */
        const logged = new Map<string, boolean>();
        let tick = 0;
        const run = async (d: number, args: string[]) => {
          tick += 1;
          const now = new Date(START + tick * 60_000 + SKEW[d]).toISOString();
          const result = await devices[d].journal.run(args, { now });
          expect(result.code, `${args.join(' ')}: ${result.stderr}`).not.toBe(1);
          return result;
        };
        const takeBack = () => {
          for (const id of logged.keys()) logged.set(id, true);
        };
        /** Device ids, learned from each device's first sync. */
        const deviceIds: (string | null)[] = [null, null, null];
        for (const step of ops) {
          switch (step.kind) {
            case 'log': {
              const r = await run(step.device, ['log', ...step.people, '--channel', step.channel, '--json']);
              if (r.code === 0) {
                const id = r.json().id as string;
                entryIds.push(id);
                logged.set(id, false);
              }
              break;
            }
            case 'mood': {
              const r = await run(step.device, ['mood', String(step.mood), '--json']);
              if (r.code === 0) {
                entryIds.push(r.json().id);
                logged.set(r.json().id, false);
              }
              break;
            }
            case 'edit':
              if (entryIds.length)
                await run(step.device, ['edit', entryIds[step.pick % entryIds.length], '--note', step.note]);
              break;
            case 'delete':
              if (entryIds.length) {
                const r = await run(step.device, ['delete', entryIds[step.pick % entryIds.length]]);
                if (r.code === 0) takeBack();
              }
              break;
            case 'undo': {
              const r = await run(step.device, ['undo', '--json']);
              if (r.code === 0 && r.json().undone !== null) takeBack();
              break;
            }
            case 'rename':
              await run(step.device, ['people', 'rename', step.from, step.to]);
              break;
            case 'merge':
              await run(step.device, ['people', 'merge', step.from, step.into]);
              break;
            case 'touchpoint': {
              const r = await run(step.device, [
                'touchpoint',
                'add',
                `Call ${step.person}`,
                '--every',
                'week',
                '--with',
                step.person,
                '--json',
              ]);
              if (r.code === 0) touchpointIds.push(r.json().id);
              break;
            }
            case 'skip':
              if (touchpointIds.length)
                await run(step.device, ['touchpoint', 'skip', touchpointIds[step.pick % touchpointIds.length]]);
              break;
            case 'sync': {
              const r = await run(step.device, ['sync', devices[step.device].folder, '--json']);
              expect(r.code, r.stderr).toBe(0);
              deviceIds[step.device] = r.json().device;
              break;
            }
            case 'deliver': {
              if (step.from === step.to) break;
              const files = ownFiles(devices[step.from]).filter(([id]) => id === deviceIds[step.from]);
              if (files.length === 0) break;
              const [id, file] = files[step.pick % files.length];
              const source = join(devices[step.from].folder, 'connect', id, file);
              const folder = join(devices[step.to].folder, 'connect', id);
              mkdirSync(folder, { recursive: true });
              if (step.how === 'cut') {
                const text = readFileSync(source, 'utf8');
                writeFileSync(join(folder, file), text.slice(0, Math.floor(text.length / 2)));
              } else if (step.how === 'conflict') {
                copyFileSync(
                  source,
                  join(folder, file.replace('.json', '.sync-conflict-20261126-101500-ABCDEFG.json')),
                );
              } else {
                copyFileSync(source, join(folder, file));
                if (step.how === 'twice') copyFileSync(source, join(folder, `${file}~`));
              }
              break;
            }
          }
        }
        // The final round: everyone syncs and every file reaches everyone, until nothing new is written.
        for (let round = 0; round < 6; round += 1) {
          let wrote = false;
          for (const d of [0, 1, 2]) {
            const r = await run(d, ['sync', devices[d].folder, '--json']);
            expect(r.code, r.stderr).toBe(0);
            deviceIds[d] = r.json().device;
            wrote ||= r.json().sent !== null;
          }
          for (const from of [0, 1, 2])
            for (const to of [0, 1, 2]) {
              if (from === to) continue;
              for (const [id, file] of ownFiles(devices[from]).filter(([id]) => id === deviceIds[from])) {
                const folder = join(devices[to].folder, 'connect', id);
                mkdirSync(folder, { recursive: true });
                copyFileSync(join(devices[from].folder, 'connect', id, file), join(folder, file));
              }
            }
          if (!wrote && round > 0) break;
        }
        for (const d of [0, 1, 2]) await run(d, ['sync', devices[d].folder]);
        const exports = await Promise.all(
          [0, 1, 2].map(async (d) =>
            (await run(d, ['export', '--format', 'json'])).stdout.replace(/^\s*"exportedAt".*\n/m, ''),
          ),
        );
        expect(exports[1]).toBe(exports[0]);
        expect(exports[2]).toBe(exports[0]);
        const entries = JSON.parse(exports[0]).entries as { id: string; deletedAt: string | null }[];
        for (const [id, takenBack] of logged) {
          if (takenBack) continue;
          const entry = entries.find((e) => e.id === id);
          expect(entry, `entry ${id}`).toBeDefined();
          expect(entry?.deletedAt, `entry ${id}`).toBeNull();
        }
      }),
      // endOnFailure: a failure reports the counterexample as found, without shrinking it first (shrinking a
      // run of three journals takes minutes; SYNC_PROPERTY_SHRINK=1 asks for it when replaying).
      {
        numRuns: RUNS,
        endOnFailure: !process.env.SYNC_PROPERTY_SHRINK,
        ...SEED,
        ...(process.env.SYNC_PROPERTY_PATH ? { path: process.env.SYNC_PROPERTY_PATH } : {}),
      },
    );
    if (outcome.failed) {
      // The assertion itself (with its diff), led by how to replay it.
      const error =
        outcome.errorInstance instanceof Error ? outcome.errorInstance : new Error(String(outcome.errorInstance));
      error.message = `Replay with SYNC_PROPERTY_SEED=${outcome.seed} SYNC_PROPERTY_PATH=${outcome.counterexamplePath ?? ''}\n${fc.defaultReportMessage(outcome)}\n${error.message}`;
      throw error;
    }
  });
});
