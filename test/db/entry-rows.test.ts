import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_INTERACTION } from '../../src/core/entry-input';
import type { Interaction, InteractionInput } from '../../src/core/types';
import { findEntry, insertInteraction, iterateEntries, listEntries } from '../../src/db/entries';
import { exportJournal } from '../../src/db/transfer';
import type { Journal } from '../../src/db/journal';
import { resolveOrCreate } from '../../src/db/people';
import { entriesBetween } from '../../src/db/reflection';
import { latestWith } from '../../src/db/summaries';
import { eachTestJournal } from '../support/each-test-journal';

// Entries reach JavaScript as one JSON array per row (SQLite's json_array, then JSON.parse): every reader of them
// must give back exactly what was written, whatever the text holds and however far the instant lies.

const NOW = new Date('2026-11-26T10:00:00Z');

let journal: Journal;
eachTestJournal('connect-entry-rows-', (opened) => {
  journal = opened;
});

function log(names: string[], at: Date, extra: Partial<InteractionInput>): { rowId: number; id: string } {
  return journal.write(NOW, 'log', () => {
    const { people } = resolveOrCreate(journal.db, NOW, names);
    const input: InteractionInput = { ...EMPTY_INTERACTION, at, people: names, ...extra };
    const stored = insertInteraction(journal.db, NOW, input, people);
    return { rowId: stored.rowId, id: stored.entry.id };
  });
}

/** Every reader of entries, each asked for the one entry there is. */
function readBack(id: string, personRowId: number): Interaction[] {
  const at = (listEntries(journal.db)[0] as Interaction).at.getTime();
  return [
    listEntries(journal.db)[0],
    [...iterateEntries(journal.db, { ascending: true })][0],
    findEntry(journal.db, id.slice(0, 8)).entry,
    entriesBetween(journal.db, new Date(at), new Date(at + 1))[0],
    latestWith(journal.db, personRowId, 5)[0],
  ] as Interaction[];
}

const awkward = [
  'quotes " and \\ backslashes \\" \\u0041',
  'tab\tnew line\nreturn\r and \u0001\u001f\u007f\u0085',
  'emoji 🌿👩‍👩‍👧, CJK 会話, combining é, bidi \u202e\u2066 and \ufeff',
  '[1, "two", {"three": null}]',
  '',
];

describe('entries read as one JSON text per row', () => {
  it('gives back every text, number and list exactly, through every reader', () => {
    for (const [i, note] of awkward.entries()) {
      const names = [`Ana "${i}"`, 'Ωmega \\ Ng', '李'];
      const at = new Date(Date.UTC(1901, 0, 1, 0, 0, 0, 7) + i);
      const text = note === '' ? null : note;
      const written = {
        channel: 'video' as const,
        activity: text,
        note: text,
        minutes: 2 ** 31 + i,
        moodBefore: 1,
        moodAfter: 5,
        quality: 3,
        felt: ['safe' as const, 'available' as const],
        initiated: 'them' as const,
        small: true,
      };
      const { id } = log(names, at, written);
      const rowId = journal.db.prepare('SELECT id FROM people WHERE name = ?').pluck().get(names[0]) as number;
      for (const entry of readBack(id, rowId)) expect(entry).toMatchObject({ id, at, people: names, ...written });
      const exported = exportJournal(journal.db).entries as Record<string, unknown>[];
      expect(exported.find((e) => e.id === id)).toMatchObject({
        note: note === '' ? null : note,
        minutes: 2 ** 31 + i,
      });
      journal.db.exec('DELETE FROM entry_people; DELETE FROM entries');
    }
  });

  it('gives back any note as it was written (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (note) => {
        const { id } = log(['Sam'], NOW, { note });
        const read = findEntry(journal.db, id).entry as Interaction;
        journal.db.exec('DELETE FROM entry_people; DELETE FROM entries');
        // SQLite keeps text as UTF-8, where a lone surrogate cannot be: it is read back as U+FFFD either way.
        expect(read.note).toBe(note.replace(/\p{Surrogate}/gu, '\ufffd'));
      }),
      { numRuns: 100 },
    );
  });
});
