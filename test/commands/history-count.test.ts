import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journal, type Journal } from '../support/in-process';

let j: Journal;
beforeAll(async () => {
  j = journal();
  for (let day = 1; day <= 25; day++) {
    expect(
      (
        await j.run([
          'log',
          'Sam',
          '--when',
          `2026-10-${String(day).padStart(2, '0')} 12:00`,
          '--channel',
          day <= 10 ? 'video' : 'call',
        ])
      ).code,
    ).toBe(0);
  }
  for (let day = 1; day <= 8; day++)
    expect((await j.run(['mood', '3', '--when', `2026-11-${String(day).padStart(2, '0')} 12:00`])).code).toBe(0);
});
afterAll(() => j.cleanup());

const entryLines = (stdout: string) => stdout.split('\n').filter((line) => /^\w{3} \d{1,2} \w{3} \d\d:\d\d/.test(line));

describe('history says when it shows only some', () => {
  it('shows 20 of 33 and the flags that show the rest', async () => {
    const result = await j.run(['history']);
    expect(entryLines(result.stdout)).toHaveLength(20);
    expect(result.stdout).toContain('20 of 33 shown, newest first; 13 more with --limit 33 or --all.');
  });

  it('--all shows every entry, with nothing to add', async () => {
    const result = await j.run(['history', '--all']);
    expect(entryLines(result.stdout)).toHaveLength(33);
    expect(result.stdout).not.toContain('shown');
  });

  it('--limit counts what matches the filters', async () => {
    const result = await j.run(['history', '--channel', 'video', '--limit', '4']);
    expect(entryLines(result.stdout)).toHaveLength(4);
    expect(result.stdout).toContain('4 of 10 shown');
  });

  it('says nothing when the filters match fewer than the limit', async () => {
    const result = await j.run(['history', '--channel', 'video']);
    expect(entryLines(result.stdout)).toHaveLength(10);
    expect(result.stdout).not.toContain('shown');
  });

  it('--json returns everything that matches unless --limit is given', async () => {
    expect((await j.run(['history', '--json'])).json()).toHaveLength(33);
    expect((await j.run(['history', '--json', '--limit', '5'])).json()).toHaveLength(5);
  });

  it('--all with --limit is a usage error', async () => {
    const result = await j.run(['history', '--all', '--limit', '5']);
    expect(result.code).toBe(2);
  });
});
