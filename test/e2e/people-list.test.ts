import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from './run';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

/** Sam weekly with a lift and felt safe, Kai in some of those (group entries), Jo once; one entry deleted. */
function story(): void {
  for (const [day, before, after] of [
    [40, 2, 4],
    [33, 3, 4],
    [26, 2, 3],
    [19, 3, 5],
    [12, 2, 4],
    [5, 3, 4],
  ] as const) {
    const withKai = day % 2 === 0 ? ['Kai'] : [];
    const r = s.run([
      'log',
      'Sam',
      ...withKai,
      '--when',
      `${day} days ago`,
      '--channel',
      'call',
      '--before',
      String(before),
      '--after',
      String(after),
      '--felt',
      'safe',
      '--json',
    ]);
    expect(r.code).toBe(0);
  }
  s.run(['log', 'Kai', '--when', '2 days ago', '--channel', 'text']);
  s.run(['log', 'Jo', '--when', '60 days ago']);
  const mistake = s.run(['log', 'Sam', 'Jo', '--when', '1 day ago', '--before', '5', '--after', '1', '--json']).json();
  expect(s.run(['delete', mistake.id, '--yes']).code).toBe(0);
}

describe('connect people (list)', () => {
  it("counts each person's own entries — group ones for everyone in them, deleted ones for no one", () => {
    story();
    const listed = s.run(['people', '--json']).json();
    expect(
      listed.map(
        (p: {
          name: string;
          interactions: number;
          lastContact: string;
          usualGapDays: number | null;
          liftEntries: number;
          averageLift: number | null;
        }) => [p.name, p.interactions, p.lastContact, p.usualGapDays, p.liftEntries, p.averageLift],
      ),
    ).toEqual([
      ['Jo', 1, '2026-09-27', null, 0, null],
      ['Kai', 4, '2026-11-24', 14, 3, 1.67],
      ['Sam', 6, '2026-11-21', 7, 6, 1.5],
    ]);
    const text = s.run(['people']).stdout;
    expect(text).toContain(
      'Sam\n  last together 5 days ago · 6 times · about weekly · mood tends to go +1.5 (an early pattern, 6 entries)',
    );
    expect(text).toContain('Jo\n  last together 2 months ago · 1 time');
  });

  it('says the same about each person as people show does', () => {
    story();
    for (const person of s.run(['people', '--json']).json()) {
      const shown = s.run(['people', 'show', person.name, '--json']).json();
      const { byChannel, recent, ...same } = shown;
      expect(same).toEqual(person);
      expect(recent.length).toBe(Math.min(5, person.interactions));
      expect(Object.values(byChannel as Record<string, number>).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(
        person.interactions,
      );
    }
  });

  it('shows the five latest entries newest first in people show', () => {
    story();
    const shown = s.run(['people', 'show', 'Sam', '--json']).json();
    expect(shown.recent.map((e: { at: string }) => e.at.slice(0, 10))).toEqual([
      '2026-11-21',
      '2026-11-14',
      '2026-11-07',
      '2026-10-31',
      '2026-10-24',
    ]);
    expect(shown.byChannel).toEqual({ call: 6 });
  });
});
