import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journal, type Journal } from '../support/in-process';

let j: Journal;
beforeEach(() => {
  j = journal();
});
afterEach(() => j.cleanup());

const checkIn = async (answers: string, now: string) =>
  expect((await j.run(['checkin', '--answers', answers], { now })).code).toBe(0);

describe('connect checkin --history', () => {
  it('shows every check-in, oldest first, under a chart on the 3–9 scale', async () => {
    await checkIn('1,1,1', '2025-12-01T10:00:00Z');
    await checkIn('3,3,3', '2026-11-01T10:00:00Z');
    await checkIn('2,1,2', '2026-11-20T10:00:00Z');
    const result = await j.run(['checkin', '--history']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Loneliness check-ins · 3 check-ins · 3–9, higher is lonelier');
    expect(lines[2]).toBe('  ▁█▃  oldest to newest');
    expect(lines.slice(4, 7)).toEqual([
      '  Mon 1 Dec 2025  3  answers 1, 1, 1',
      '  Sun 1 Nov       9  answers 3, 3, 3',
      '  Fri 20 Nov      5  answers 2, 1, 2',
    ]);
  });

  it('gives every check-in as JSON', async () => {
    await checkIn('1,2,1', '2026-11-01T10:00:00Z');
    await checkIn('2,2,2', '2026-11-20T10:00:00Z');
    const checkins = (await j.run(['checkin', '--history', '--json'])).json();
    expect(checkins.map((c: { score: number; answers: number[] }) => [c.score, c.answers])).toEqual([
      [4, [1, 2, 1]],
      [6, [2, 2, 2]],
    ]);
    expect(checkins[0].at).toBe('2026-11-01T11:00:00+01:00');
  });

  it('asks nothing and keeps nothing, even on a terminal', async () => {
    const result = await j.run(['checkin', '--history'], { tty: true });
    expect(result.stdout).toContain('No check-ins yet.');
    expect((await j.run(['checkin', '--history', '--json'])).json()).toEqual([]);
  });

  it('--history with --answers is a usage error', async () => {
    expect((await j.run(['checkin', '--history', '--answers', '1,1,1'])).code).toBe(2);
  });
});

describe('the comparison says how much it moved', () => {
  it.each([
    ['1,1,2', 'A little higher than last time (3, 7 days ago): up 1 on the 3–9 scale.'],
    ['1,2,3', 'Noticeably higher than last time (3, 7 days ago): up 3 on the 3–9 scale.'],
    ['3,3,2', 'A lot higher than last time (3, 7 days ago): up 5 on the 3–9 scale.'],
  ])('after 1,1,1 then %s', async (answers, said) => {
    await checkIn('1,1,1', '2026-11-19T10:00:00Z');
    expect((await j.run(['checkin', '--answers', answers])).stdout).toContain(said);
  });
});
