import { afterEach, describe, expect, it } from 'vitest';
import { journal, type Journal } from '../support/in-process';

let j: Journal;
afterEach(() => j?.cleanup());

describe('week says an average only from two entries, with how many', () => {
  it('one entry is said as it was, two as an average over 2', async () => {
    j = journal();
    await j.run(['log', 'Sam', '--before', '2', '--after', '4', '--when', '2026-11-24 18:00']);
    await j.run(['log', 'Alex', '--before', '2', '--after', '3', '--when', '2026-11-24 19:00']);
    await j.run(['log', 'Alex', '--before', '3', '--after', '5', '--when', '2026-11-25 19:00']);
    await j.run(['mood', '3', '--when', '2026-11-24 21:00']);
    const { stdout } = await j.run(['week']);
    expect(stdout).toContain('Sam (1 time, mood +2 the one time)');
    expect(stdout).toContain('Alex (2 times, mood +1.5 on average over 2)');
    expect(stdout).not.toMatch(/Sam \([^)]*on average/);
  });

  it('a single mood reading is not called an average', async () => {
    j = journal();
    await j.run(['mood', '4', '--when', '2026-11-24 21:00']);
    const { stdout } = await j.run(['week']);
    expect(stdout).toContain('4 of 5 (one reading)');
    expect(stdout).not.toContain('average 4');
  });
});
