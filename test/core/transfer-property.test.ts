import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHANNELS, FELT, INITIATED } from '../../src/core/types';
import { insertInteraction, insertMood } from '../../src/db/entries';
import { openForWriting } from '../../src/db/journal';
import { addPerson } from '../../src/db/people';
import { checkExportHeader, exportJournal, exportJournalText, importJournal } from '../../src/db/transfer';

const folder = mkdtempSync(join(tmpdir(), 'connect-transfer-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let n = 0;
const newJournal = () => {
  n += 1;
  return openForWriting(join(folder, `j${n}.db`)).journal;
};

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const rating = maybe(fc.integer({ min: 1, max: 5 }));
const text = fc.string({
  unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '🙂', 'é', '\\', '*', '\u2028'),
  maxLength: 30,
});
const instant = fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2030-01-01') }).map((ms) => new Date(ms));

const interaction = fc.record({
  kind: fc.constant('interaction' as const),
  at: instant,
  channel: maybe(fc.constantFrom(...CHANNELS)),
  activity: maybe(text),
  small: fc.boolean(),
  minutes: maybe(fc.integer({ min: 1, max: 1440 })),
  moodBefore: rating,
  moodAfter: rating,
  felt: fc.subarray([...FELT]),
  quality: rating,
  initiated: maybe(fc.constantFrom(...INITIATED)),
  note: maybe(text),
  people: fc.subarray([0, 1, 2, 3]),
  created: instant,
});
const mood = fc.record({
  kind: fc.constant('mood' as const),
  at: instant,
  mood: rating,
  energy: rating,
  note: maybe(text),
  created: instant,
});
const journalContent = fc.record({
  people: fc.uniqueArray(
    text.map((t) => `P ${t.replace(/\s+/g, ' ').trim()}`.trim()),
    { minLength: 4, maxLength: 4, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() },
  ),
  entries: fc.array(fc.oneof(interaction, mood), { maxLength: 12 }),
});

describe('export and import (property)', () => {
  it('any journal comes back the same after export → import into an empty journal, and a second import adds nothing', () => {
    fc.assert(
      fc.property(journalContent, ({ people, entries }) => {
        const source = newJournal();
        const target = newJournal();
        try {
          const now = new Date('2026-11-26T10:00:00Z');
          source.write(now, 'fill', () => {
            const stored = people.map((name) => addPerson(source.db, now, name));
            for (const e of entries) {
              if (e.kind === 'mood')
                insertMood(source.db, e.created, { at: e.at, mood: e.mood, energy: e.energy, note: e.note });
              else
                insertInteraction(
                  source.db,
                  e.created,
                  { ...e, touchpointId: null, people: e.people.map((i) => stored[i].name) },
                  e.people.map((i) => stored[i]),
                );
            }
          });
          const exported = JSON.parse(JSON.stringify(exportJournal(source.db)));
          // The text written a row at a time is the document as JSON.stringify writes it.
          expect([...exportJournalText(source.db)].join('')).toBe(`${JSON.stringify(exported, null, 2)}\n`);
          const first = target.write(now, 'import', () =>
            importJournal(target.db, now, checkExportHeader(exported, 'test'), 'test'),
          );
          expect(first.entries.added).toBe(entries.length);
          expect(JSON.parse(JSON.stringify(exportJournal(target.db)))).toEqual(exported);
          const second = target.write(now, 'again', () => importJournal(target.db, now, exported, 'test'));
          expect(Object.values(second).every((t) => t.added === 0 && t.updated === 0)).toBe(true);
        } finally {
          source.close();
          target.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
