import { afterEach, describe, expect, it } from 'vitest';
import { journal, type Journal } from '../support/in-process';

let j: Journal;
afterEach(() => j?.cleanup());

describe('what connect understood of --when', () => {
  it.each([
    // Thursday 26 November 2026, 11:00 in Berlin.
    ['last friday', 'on Fri 20 Nov at 12:00'],
    ['yesterday 6pm', 'on Wed 25 Nov at 18:00'],
    ['3 days ago', 'on Mon 23 Nov at 11:00'],
    ['2026-11-20', 'on Fri 20 Nov at 12:00'],
    ['2025-12-24 19:00', 'on Wed 24 Dec 2025 at 19:00'],
  ])('log --when %j says it was logged %s', async (when, said) => {
    j = journal();
    const result = await j.run(['log', 'Tom', '--channel', 'text', '--when', when]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Logged a text conversation with Tom ${said}.`);
  });

  it('says nothing of the time for now', async () => {
    j = journal();
    for (const args of [
      ['log', 'Tom'],
      ['log', 'Tom', '--when', 'now'],
    ]) {
      expect((await j.run(args)).stdout.split('\n')[0]).toBe('Logged time together with Tom.');
    }
  });

  it('mood --when says it too', async () => {
    j = journal();
    expect((await j.run(['mood', '3', '--when', 'yesterday 9pm'])).stdout).toContain(
      'Noted — mood 3 on Wed 25 Nov at 21:00.',
    );
  });

  it('New York across the spring change: 3 days ago keeps the time on the clock', async () => {
    j = journal({ tz: 'America/New_York', now: '2019-03-12T17:30:00Z' });
    const result = await j.run(['log', 'Tom', '--when', '3 days ago']);
    expect(result.stdout).toContain('with Tom on Sat 9 Mar at 13:30.');
    expect((await j.run(['history', '--json'])).json()[0].at).toBe('2019-03-09T13:30:00-05:00');
  });

  it('a time the clocks skipped is refused, with the nearest times, and nothing is written', async () => {
    j = journal({ now: '2026-04-02T10:00:00Z' });
    const result = await j.run(['log', 'Tom', '--when', '2026-03-29 02:30']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Try 01:59 or 03:00.');
    expect((await j.run(['history', '--json'])).json()).toEqual([]);
  });
});

describe('an empty value on log is an error; on edit it clears', () => {
  it.each([['--after'], ['--note'], ['--channel'], ['--when']])('log %s "" changes nothing', async (flag) => {
    j = journal();
    const result = await j.run(['log', 'Sam', flag, '']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${flag} was given an empty value`);
    expect((await j.run(['history', '--json'])).json()).toEqual([]);
  });

  it('edit --note "" still clears the note', async () => {
    j = journal();
    const id = (await j.run(['log', 'Sam', '--note', 'hello', '--json'])).json().id;
    expect((await j.run(['edit', id, '--note', ''])).code).toBe(0);
    expect((await j.run(['history', '--json'])).json()[0].note).toBeNull();
  });
});
