// One set of rules for every way in: an imported row is held to the same rules as a typed one. A bad file is
// refused whole (exit 2), naming section, row and field, and nothing is written.
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkJournalRows } from '../../src/core/journal-rows';
import { journal, type Journal } from '../support/in-process';

const FIXTURES = join(__dirname, '..', 'fixtures', 'hostile');
const fixture = (name: string) => join(FIXTURES, name);
const EXPECTED = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as Record<string, string>;
const BASE = JSON.parse(readFileSync(fixture('base.json'), 'utf8'));

let j: Journal;
afterEach(() => j?.cleanup());

/** A journal with a little in it, so "nothing written" means something. */
async function journalWithSomething(): Promise<Journal> {
  j = journal();
  expect((await j.run(['log', 'Alex', '--after', '4', '--when', '2026-11-01 10:00'])).code).toBe(0);
  return j;
}

const snapshot = async (j: Journal) => (await j.run(['export'])).stdout;

describe('a hostile connect export is refused whole, naming where', () => {
  it.each(Object.entries(EXPECTED))('%s.json → %s', async (name, where) => {
    const j = await journalWithSomething();
    const before = await snapshot(j);
    const r = await j.run(['import', fixture(`${name}.json`)]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${name}.json: ${where}`);
    expect(r.stderr).toContain('Nothing was imported');
    expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/.test(r.stderr)).toBe(false);
    expect(await snapshot(j)).toBe(before);
    // And every command that reads the journal still works.
    for (const args of [['next'], ['touchpoint', 'list'], ['history'], ['patterns'], ['log', 'Alex', '--after', '3']]) {
      expect((await j.run(args)).code, args.join(' ')).toBe(0);
    }
  });

  it('a row that is not an object is refused by name, whichever way the file is read', async () => {
    const j = await journalWithSomething();
    const before = await snapshot(j);
    const file = join(j.dir, 'not-a-row.json');
    writeFileSync(file, JSON.stringify({ ...BASE, entries: [...BASE.entries, 5] }));
    const r = await j.run(['import', file]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`not-a-row.json: entries[${BASE.entries.length}] should be an object.`);
    expect(r.stderr).toContain('Nothing was imported');
    expect(await snapshot(j)).toBe(before);
    // The rules themselves, as a sync file's rows meet them.
    for (const row of [5, null, [], 'x'])
      expect(() => checkJournalRows({ entries: [row] }, new Date('2026-11-26T10:00:00Z'), 'sync.json')).toThrow(
        'sync.json: entries[0] should be an object.',
      );
  });

  it('the base file and the same file after a UTF-8 byte-order mark both import', async () => {
    for (const name of ['base.json', 'bom.json']) {
      const j = journal();
      const r = await j.run(['import', fixture(name)]);
      expect(r.code, r.stderr).toBe(0);
      expect((await j.run(['history', '--json'])).json()).toHaveLength(2);
      j.cleanup();
    }
  });

  it('the typed export view and the import rules agree: whatever the CLI writes, the export shows in a shape the import accepts', async () => {
    j = journal();
    for (const args of [
      ['people', 'add', 'Grace', '--alias', 'The Admiral', '--tag', 'navy'],
      [
        'log',
        'Grace',
        'Sam',
        '--activity',
        'walk',
        '--initiated',
        'me',
        '--quality',
        '4',
        '--felt',
        'safe,available',
        '--minutes',
        '40',
        '--note',
        'one\n\ttwo',
      ],
      ['log', '--small', '--note', 'the barista'],
      ['mood', '2', '--energy', '3'],
      ['people', 'add', 'Samuel'],
      ['people', 'merge', 'Samuel', 'Sam'],
      ['people', 'archive', 'Grace'],
      ['touchpoint', 'add', 'Walk', '--every', 'month on the last friday', '--with', 'Sam', '--channel', 'call'],
      ['log', 'Sam'],
      ['checkin', '--answers', '3,2,3'],
      ['config', 'set', 'nudge.every', '12 hours'],
    ])
      expect((await j.run(args)).code, args.join(' ')).toBe(0);
    const exported = JSON.parse((await j.run(['export'])).stdout);
    expect(() => checkJournalRows(exported, new Date('2026-11-26T10:00:00Z'), 'export.json')).not.toThrow();
    const file = join(j.dir, 'export.json');
    writeFileSync(file, JSON.stringify(exported));
    const other = journal();
    try {
      expect((await other.run(['import', file])).code).toBe(0);
      expect(JSON.parse((await other.run(['export'])).stdout).entries).toEqual(exported.entries);
    } finally {
      other.cleanup();
    }
  });

  it('an export connect wrote imports into a new journal unchanged', async () => {
    j = journal();
    expect((await j.run(['import', fixture('base.json')])).code).toBe(0);
    const again = JSON.parse((await j.run(['export'])).stdout);
    expect(again.entries).toEqual(BASE.entries);
    expect(again.touchpoints).toEqual(BASE.touchpoints);
    expect(again.checkins).toEqual(BASE.checkins);
  });
});

describe('friends.md and Daylio files are held to the same rule on control characters', () => {
  it.each([
    ['friends-escape.md', 'friends', /friends-escape.md,? line \d+: .*cannot hold control characters/],
    ['daylio-escape.csv', 'daylio', /daylio-escape.csv, line 2: a note cannot hold control characters/],
  ])('%s is refused whole (exit 2), naming the line', async (name, from, message) => {
    const j = await journalWithSomething();
    const before = await snapshot(j);
    const r = await j.run(['import', fixture(name), '--from', from]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(await snapshot(j)).toBe(before);
  });
});

/** Values a hostile or careless file might hold anywhere. */
const anyValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '',
      'soon',
      'x',
      '2999-01-01T00:00:00.000Z',
      '1066-01-01T00:00:00Z',
      '2026-02-30',
      'carrier-pigeon',
      '__proto__',
      '\u001b[2J',
      'S'.repeat(5000),
    ),
  },
  fc.integer({ min: -10, max: 20 }),
  fc.constantFrom(1e15, -0, 0.5, Number.MAX_SAFE_INTEGER),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }),
  fc.constant({}),
);

describe('fuzz: random rows through import and the CLI', () => {
  it('valid or refused, never crashed, never half-written; what goes in, every command can read', async () => {
    const sections = ['people', 'touchpoints', 'entries', 'checkins', 'settings'] as const;
    const mutation = fc.record({
      section: fc.constantFrom(...sections),
      row: fc.nat(),
      field: fc.nat(),
      value: anyValue,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const doc = structuredClone(BASE);
        for (const m of mutations) {
          const rows = doc[m.section] as Record<string, unknown>[];
          const row = rows[m.row % rows.length];
          const fields = Object.keys(row);
          row[fields[m.field % fields.length]] = m.value;
        }
        const j = await journalWithSomething();
        try {
          const file = join(j.dir, 'fuzz.json');
          writeFileSync(file, JSON.stringify(doc));
          const before = await snapshot(j);
          const r = await j.run(['import', file]);
          expect([0, 2], r.stderr).toContain(r.code);
          if (r.code === 2) {
            expect(await snapshot(j)).toBe(before);
            return;
          }
          for (const args of [
            ['next'],
            ['touchpoint', 'list'],
            ['history'],
            ['week'],
            ['patterns'],
            ['people'],
            // --new: an imported name close to "Sam" would otherwise (rightly) be asked about.
            ['log', 'Sam', '--new', '--after', '3'],
            ['undo'],
          ]) {
            const run = await j.run(args);
            expect(run.code, `${args.join(' ')} after importing ${JSON.stringify(mutations)}: ${run.stderr}`).toBe(0);
          }
        } finally {
          j.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  });
});
