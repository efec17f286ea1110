import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { journal, type Journal } from '../support/in-process';

let j: Journal;
afterEach(() => j?.cleanup());

describe('--when has a floor: 1900', () => {
  it.each([['10000 years ago'], ['1899-12-31'], ['1066-10-14 09:00']])(
    '--when %j is refused and nothing is written',
    async (when) => {
      j = journal();
      const r = await j.run(['log', 'Sam', '--when', when]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/before 1900/);
      expect((await j.run(['history', '--json'])).json()).toEqual([]);
    },
  );
  it('1900-01-01 itself is kept, and survives export → import exactly', async () => {
    j = journal();
    expect((await j.run(['log', 'Sam', '--when', '1900-01-01 01:30'])).code).toBe(0);
    const exported = (await j.run(['export'])).stdout;
    const other = journal();
    try {
      const file = `${other.dir}/in.json`;
      writeFileSync(file, exported);
      expect((await other.run(['import', file])).code).toBe(0);
      expect(JSON.parse((await other.run(['export'])).stdout).entries).toEqual(JSON.parse(exported).entries);
    } finally {
      other.cleanup();
    }
  });
});
