// What SQLite adds up for the week and the calendar is what connect would count from the entries themselves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_INTERACTION } from '../../src/core/entry-input';
import type { Interaction } from '../../src/core/types';
import { sumWeek } from '../../src/core/week';
import { deleteEntry, insertInteraction, insertMood, listEntries } from '../../src/db/entries';
import type { Journal } from '../../src/db/journal';
import { resolveOrCreate } from '../../src/db/people';
import { interactionTotal, weekSums } from '../../src/db/reflection';
import { eachTestJournal } from '../support/each-test-journal';

const NOW = new Date('2026-11-26T10:00:00Z');
const HOUR = 3_600_000;

let journal: Journal;
eachTestJournal('connect-sums-', (opened) => {
  journal = opened;
});

const entry = fc.record({
  hoursAgo: fc.integer({ min: 0, max: 24 * 20 }),
  mood: fc.boolean(),
  small: fc.boolean(),
  activity: fc.option(fc.constantFrom('walk', 'book club', '')),
  minutes: fc.option(fc.integer({ min: 0, max: 300 })),
  quality: fc.option(fc.integer({ min: 1, max: 5 })),
  deleted: fc.boolean(),
});

describe('weekSums and interactionTotal', () => {
  it('add up the live interactions in a range as sumWeek does from the entries', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 25 }),
        fc.integer({ min: 0, max: 24 * 20 }),
        fc.integer({ min: 0, max: 24 * 10 }),
        (entries, fromHoursAgo, span) => {
          const { db } = journal;
          db.exec('DELETE FROM entry_people; DELETE FROM entries;');
          const [sam] = resolveOrCreate(db, NOW, ['Sam']).people;
          for (const e of entries) {
            const at = new Date(NOW.getTime() - e.hoursAgo * HOUR);
            const stored = e.mood
              ? insertMood(db, NOW, { at, mood: 3, energy: null, note: null })
              : insertInteraction(
                  db,
                  NOW,
                  {
                    ...EMPTY_INTERACTION,
                    at,
                    small: e.small,
                    activity: e.activity,
                    minutes: e.minutes,
                    quality: e.quality,
                  },
                  [sam],
                );
            if (e.deleted) deleteEntry(db, NOW, stored.rowId);
          }
          const from = new Date(NOW.getTime() - fromHoursAgo * HOUR);
          const to = new Date(from.getTime() + span * HOUR);
          const inRange = (listEntries(db, { ascending: true }) as Interaction[]).filter(
            (e) => e.type === 'interaction' && e.at >= from && e.at < to,
          );
          const sums = sumWeek(inRange);
          expect(weekSums(db, from, to)).toEqual(sums);
          expect(interactionTotal(db, from, to)).toEqual({ interactions: sums.interactions, minutes: sums.minutes });
        },
      ),
      { numRuns: 60 },
    );
  });
});
