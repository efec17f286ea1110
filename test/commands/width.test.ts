import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journal, type Journal } from '../support/in-process';

// A month of a journal with long names and notes, so every view has lines that would run past 60 columns.
let j: Journal;
beforeAll(async () => {
  j = journal();
  const people = ['Samira Lee-Whitfield', 'Alexandra Okonkwo', 'Mum'];
  const channels = ['video', 'call', 'in-person', 'text'];
  for (let day = 1; day <= 24; day++) {
    const who = people[day % people.length];
    const args = [
      'log',
      who,
      '--when',
      `2026-11-${String(day).padStart(2, '0')} 18:00`,
      '--channel',
      channels[day % 4],
    ];
    args.push(
      '--before',
      String(1 + (day % 3)),
      '--after',
      String(2 + (day % 4)),
      '--felt',
      'safe,available',
      '--minutes',
      '45',
    );
    if (day % 5 === 0) args.push('--activity', 'a long evening walk along the river and back through the park');
    expect((await j.run(args)).code).toBe(0);
    expect(
      (await j.run(['mood', String(1 + (day % 5)), '--when', `2026-11-${String(day).padStart(2, '0')} 21:00`])).code,
    ).toBe(0);
  }
  await j.run([
    'touchpoint',
    'add',
    'Sunday call with Mum and the whole extended family',
    '--every',
    'week on sunday',
    '--with',
    'Mum',
  ]);
  await j.run(['checkin', '--answers', '1,2,1', '--json'], { now: '2026-11-20T10:00:00Z' });
});
afterAll(() => j.cleanup());

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe.each([['week', '--last'], ['patterns'], ['people'], ['next'], ['checkin', '--answers', '2,2,3']])(
  'connect %s in a terminal',
  (...args) => {
    it.each([60, 80, 100])('fits %i columns, breaking only between words', async (columns) => {
      // checkin writes: each run in a fresh copy of the same answer is still the same text.
      const piped = await j.run(args);
      const wide = await j.run(args, { columns });
      expect(wide.code).toBe(0);
      for (const line of wide.stdout.split('\n')) {
        const longestWord = Math.max(0, ...words(line).map((w) => stringWidth(w)));
        expect(stringWidth(line), line).toBeLessThanOrEqual(Math.max(columns, longestWord));
      }
      if (args[0] !== 'checkin') expect(words(wide.stdout)).toEqual(words(piped.stdout));
    });
  },
);

describe('no wrapping where there is no terminal', () => {
  it('keeps long lines whole in a pipe and under --json', async () => {
    const piped = await j.run(['patterns']);
    expect(Math.max(...piped.stdout.split('\n').map((l) => l.length))).toBeGreaterThan(60);
    const json = await j.run(['people', '--json'], { columns: 40 });
    expect(() => json.json()).not.toThrow();
    expect(json.stdout).toContain('"name": "Alexandra Okonkwo"');
  });

  it('uses 80 columns on a terminal that does not say its width', async () => {
    const result = await j.run(['patterns'], { tty: true });
    expect(Math.max(...result.stdout.split('\n').map((l) => stringWidth(l)))).toBeLessThanOrEqual(80);
  });
});
