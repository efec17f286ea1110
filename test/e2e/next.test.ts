import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type RunResult, type Sandbox } from './run';
import { HARSH } from '../tone';

const NEXT_FIELDS = ['title', 'people', 'due', 'status', 'touchpointId', 'reason'];

let s: Sandbox;
let outputs: string[];
function run(args: string[], options: { now?: string } = {}): RunResult {
  const result = s.run(args, options);
  outputs.push(result.stdout, result.stderr);
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result;
}

beforeEach(() => {
  s = sandbox(); // Thursday 26 November 2026, 11:00 in Berlin
  outputs = [];
});
afterEach(() => {
  for (const text of outputs) expect(text).not.toMatch(HARSH);
  s.cleanup();
});

/** A journal with a little life in it: a Thursday touchpoint, a quiet weekly rhythm with Mum, Saturday coffees with Sam, texts with Lee. */
function story(): string {
  const t = run(['touchpoint', 'add', 'Thursday call', '--every', 'week on thursday', '--with', 'Dad', '--json'], {
    now: '2026-10-01T10:00:00Z',
  }).json();
  for (const day of ['2026-10-01', '2026-10-08', '2026-10-15', '2026-10-22', '2026-10-29', '2026-11-05']) {
    run([
      'log',
      'Mum',
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
      `${day} 18:00`,
    ]);
  }
  for (const day of ['2026-10-17', '2026-10-24', '2026-10-31', '2026-11-14', '2026-11-21']) {
    run(['log', 'Sam', '--channel', 'in-person', '--activity', 'coffee', '--when', `${day} 10:00`]);
  }
  for (const day of ['2026-11-10', '2026-11-13', '2026-11-16', '2026-11-19', '2026-11-22', '2026-11-24']) {
    run(['log', 'Lee', '--channel', 'text', '--when', `${day} 12:00`]);
  }
  return t.id;
}

describe('connect next', () => {
  it('a new journal gets a gentle, useful answer and nothing is created', () => {
    const r = run(['next']);
    expect(r.stdout).toContain('connect touchpoint add "Sunday call" --every "week on sunday" --with Mum');
    expect(r.stdout).toContain('Consistency builds connection');
    const items = run(['next', '--json']).json<any[]>();
    expect(items).toHaveLength(1);
    expect(Object.keys(items[0])).toEqual(expect.arrayContaining(NEXT_FIELDS));
    expect(items[0]).toMatchObject({ status: 'suggested', due: null, touchpointId: null });
    expect(existsSync(s.db)).toBe(false);
  });

  it('ranks a touchpoint due today first, then a lapsed rhythm, a habit worth a touchpoint, and a call', () => {
    const id = story();
    const items = run(['next', '--json', '--count', '5']).json<any[]>();
    for (const item of items) expect(Object.keys(item)).toEqual(expect.arrayContaining(NEXT_FIELDS));
    expect(items.map((i) => [i.status, i.people.join()])).toEqual([
      ['due', 'Dad'],
      ['suggested', 'Mum'],
      ['suggested', 'Sam'],
      ['suggested', 'Lee'],
    ]);
    expect(items[0]).toMatchObject({ title: 'Thursday call', due: '2026-11-26', touchpointId: id });
    expect(items[2].command).toBe(
      'connect touchpoint add "Saturday coffee with Sam" --every "week on saturday" --with Sam',
    );
    expect(items[3].reason).toContain('Kumar & Epley, 2021');

    const text = run(['next']).stdout;
    expect(text).toMatch(/^1\. Thursday call with Dad · today$/m);
    expect(text).toContain('You’ve seen Sam on 5 of the last 6 Saturdays — a standing Saturday coffee?');
    expect(text).not.toContain('Lee'); // three by default
  });

  it('is deterministic: the same journal and clock give the same answer', () => {
    story();
    const first = run(['next', '--count', '5']).stdout;
    expect(run(['next', '--count', '5']).stdout).toBe(first);
    expect(run(['next', '--count', '5', '--json']).stdout).toBe(run(['next', '--count', '5', '--json']).stdout);
  });

  it('--count N gives at most N, and refuses what is not a count', () => {
    story();
    expect(run(['next', '--count', '1', '--json']).json<any[]>()).toHaveLength(1);
    for (const bad of ['0', 'two', '-1']) {
      const r = s.run(['next', '--count', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--count');
    }
  });

  it("when mood has been low: fewer, lighter suggestions and the post's line", () => {
    story();
    run(['mood', '2', '--energy', '1', '--when', 'yesterday 20:00']);
    run(['mood', '1', '--when', '2 hours ago']);
    const text = run(['next']).stdout;
    expect(text.startsWith('It’s okay if connection feels hard right now.')).toBe(true);
    const items = run(['next', '--json']).json<any[]>();
    expect(items.length).toBe(2);
    expect(items[0].reason).toContain('A short call or a voice message counts too.');
    expect(items[1].title).toBe('A small moment');
    expect(items.some((i) => i.command)).toBe(false);
  });

  it('a kept touchpoint moves on and the answer changes with it', () => {
    story();
    run(['log', 'Dad', '--channel', 'call']);
    const items = run(['next', '--json', '--count', '10']).json<any[]>();
    // Next Thursday is a week away: still the soonest touchpoint, so still on the list, after nothing.
    expect(items[0]).toMatchObject({ people: ['Dad'], status: 'upcoming', due: '2026-12-03' });
    expect(items[0].reason).toBe('Coming up on Thu 3 Dec (every week on Thursday).');
    expect(items[1].people).toEqual(['Mum']);
  });
});
