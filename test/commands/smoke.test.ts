import { afterEach, describe, expect, it } from 'vitest';
import { journal, type Journal } from '../support/in-process';

let j: Journal;
afterEach(() => j?.cleanup());

describe('in-process runs', () => {
  it('log then history, with a plain-English date', async () => {
    j = journal();
    const logged = await j.run(['log', 'Sam', '--channel', 'video', '--after', '4', '--when', 'yesterday 6pm']);
    expect(logged.code).toBe(0);
    expect(logged.stdout).toContain('Sam');
    const history = await j.run(['history', '--json']);
    expect(history.code).toBe(0);
    expect(history.json()[0].at).toBe('2026-11-25T18:00:00+01:00');
  });
  it('a bad rating is a usage error that changes nothing', async () => {
    j = journal();
    const result = await j.run(['log', 'Sam', '--after', '9']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^connect: /);
    expect((await j.run(['history', '--json'])).json()).toEqual([]);
  });
});
