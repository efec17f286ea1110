// The help line reads only the latest check-ins (those of the two latest days with any); what it decides must be
// what every check-in up to now decides, whatever the history: several a day, days or months apart, some taken
// back, some after now (a clock set back).
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckinAnswers } from '../../src/core/checkin';
import { decideHelpLine } from '../../src/core/help-line';
import { insertCheckin, listCheckins } from '../../src/db/checkins';
import { takeHelpLine } from '../../src/db/help-line';
import { openForWriting } from '../../src/db/journal';

const folder = mkdtempSync(join(tmpdir(), 'connect-help-line-'));
const { journal } = openForWriting(join(folder, 'journal.db'));
afterAll(() => {
  journal.close();
  rmSync(folder, { recursive: true, force: true });
});

const NOW = new Date('2026-11-26T10:00:00Z');
const HOUR = 3_600_000;

const answer = fc.integer({ min: 1, max: 3 });
const checkin = fc.record({
  // Mostly the last few days, where the line looks; some weeks back, some a day or two after now.
  hoursAgo: fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 24 * 5 }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 24 * 60 }) },
    { weight: 1, arbitrary: fc.integer({ min: -48, max: 0 }) },
  ),
  answers: fc.tuple(answer, answer, answer),
  takenBack: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
});

describe('the help line from a journal’s check-ins', () => {
  it('decides from the latest two days’ check-ins what it would from all of them (property)', () => {
    const decided = { line: 0, none: 0 };
    fc.assert(
      fc.property(fc.array(checkin, { maxLength: 30 }), (history) => {
        const { db } = journal;
        db.exec('DELETE FROM checkins; DELETE FROM help_line');
        for (const c of history) {
          const made = insertCheckin(db, NOW, c.answers as CheckinAnswers, new Date(NOW.getTime() - c.hoursAgo * HOUR));
          if (c.takenBack) db.prepare('UPDATE checkins SET deleted_at = ? WHERE uuid = ?').run(NOW.getTime(), made.id);
        }
        const everyCheckin = decideHelpLine({
          now: NOW,
          moods: [],
          checkins: listCheckins(db, { until: NOW }),
          lastShown: null,
        });
        expect(takeHelpLine(journal, NOW)).toBe(everyCheckin);
        decided[everyCheckin ? 'line' : 'none'] += 1;
      }),
      { numRuns: 150 },
    );
    // Both answers came up, so the property held where the line shows and where it does not.
    expect(decided.line).toBeGreaterThan(10);
    expect(decided.none).toBeGreaterThan(10);
  });
});
