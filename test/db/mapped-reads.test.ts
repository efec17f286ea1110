import { afterEach, describe, expect, it, vi } from 'vitest';
import { Context } from '../../src/context';
import { openForReading } from '../../src/db/journal';
import { journal, type Journal } from '../support/in-process';

// Commands that read parts of the journal have SQLite map the file; those that read all of it (export, backup) read
// it instead, so that the pages they pass through are not all counted as the process's own memory.

let j: Journal;
afterEach(() => {
  vi.restoreAllMocks();
  j?.cleanup();
});

const mmapSize = (reader: NonNullable<ReturnType<typeof openForReading>>) =>
  reader.db.pragma('mmap_size', { simple: true });

describe('reading the journal', () => {
  it('maps the file for a reading command, and not for one that reads it whole', async () => {
    j = journal();
    expect((await j.run(['log', 'Sam', '--channel', 'call', '--after', '4'])).code).toBe(0);
    const parts = openForReading(j.db)!;
    const whole = openForReading(j.db, {}, { whole: true })!;
    try {
      expect(mmapSize(parts)).toBe(0x7fff0000);
      expect(mmapSize(whole)).toBe(0);
      const read = 'SELECT count(*) FROM entries';
      expect(parts.db.prepare(read).pluck().get()).toBe(1);
      expect(whole.db.prepare(read).pluck().get()).toBe(1);
    } finally {
      parts.db.close();
      whole.db.close();
    }
  });

  it('has export and backup read the whole journal, and next only parts of it', async () => {
    j = journal();
    expect((await j.run(['log', 'Sam', '--channel', 'call', '--after', '4'])).code).toBe(0);
    const openRead = vi.spyOn(Context.prototype, 'openRead');
    const asked = async (args: string[]) => {
      openRead.mockClear();
      expect((await j.run(args)).code).toBe(0);
      return openRead.mock.calls.map(([reading]) => reading?.whole ?? false);
    };
    expect(await asked(['export', '--format', 'json'])).toEqual([true]);
    expect(await asked(['export', '--format', 'csv', '--out', `${j.dir}/out.csv`])).toEqual([true]);
    expect(await asked(['backup', `${j.dir}/copy.db`])).toEqual([true]);
    expect(await asked(['next'])).toEqual([false]);
  });
});
