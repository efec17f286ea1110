// A real journal file for each test of the db layer, in a folder of its own, closed and removed after the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openForWriting, type Journal } from '../../src/db/journal';

/** Before each test, a new journal (folder named from `prefix`) handed to `use`; after it, closed and removed. */
export function eachTestJournal(prefix: string, use: (journal: Journal) => void): void {
  let dir: string;
  let journal: Journal;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    journal = openForWriting(join(dir, 'journal.db')).journal;
    use(journal);
  });
  afterEach(() => {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  });
}
