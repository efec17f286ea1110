// Every kind of line the nudge plans (core/nudge.ts NUDGE_LINES) must be said by a real `connect nudge` in some
// journal. A kind added to the list without a scenario here fails to compile; one whose planner is missing or
// whose lines never reach the nudge fails to run.
import { afterEach, describe, expect, it } from 'vitest';
import { NUDGE_LINES, type NudgeLine } from '../../src/core/nudge';
import { journal, type Journal } from '../support/in-process';

let j: Journal;
afterEach(() => j?.cleanup());

const day = (date: string) => `${date}T09:00:00Z`;

interface Scenario {
  /** Commands run in order, each at its own instant. */
  steps: [now: string, args: string[]][];
  /** When the nudge is asked. */
  asked: string;
  says: RegExp;
}

const SCENARIOS: Record<NudgeLine, Scenario> = {
  touchpointToday: {
    steps: [[day('2026-11-26'), ['touchpoint', 'add', 'Sunday call', '--every', 'week on sunday', '--with', 'Mum']]],
    asked: day('2026-11-29'),
    says: /^Today: Sunday call with Mum\. One conversation is enough\.$/,
  },
  touchpointLater: {
    steps: [[day('2026-11-26'), ['touchpoint', 'add', 'Sunday call', '--every', 'week on sunday', '--with', 'Mum']]],
    asked: day('2026-11-30'),
    says: /^It’s been a little while since Sunday call with Mum/,
  },
  rhythm: {
    steps: ['2026-10-01', '2026-10-08', '2026-10-15', '2026-10-22', '2026-10-29'].map((d) => [
      `${d}T20:00:00Z`,
      [
        'log',
        'Kai',
        '--channel',
        'call',
        '--before',
        '2',
        '--after',
        '4',
        '--quality',
        '5',
        '--felt',
        'safe',
        '--when',
        `${d} 18:00`,
      ],
    ]),
    asked: day('2026-11-26'),
    says: /Kai/,
  },
};

describe('every kind of nudge line is planned and said', () => {
  it.each(NUDGE_LINES.map((l) => [l.line, l.kind] as const))('%s (said as %s)', async (line, kind) => {
    j = journal();
    const scenario = SCENARIOS[line];
    for (const [now, args] of scenario.steps) expect((await j.run(args, { now })).code).toBe(0);
    const said = await j.run(['nudge', '--force', '--json'], { now: scenario.asked });
    expect(said.code).toBe(0);
    expect(said.json()).toEqual({ kind, text: expect.stringMatching(scenario.says) });
  });
});
