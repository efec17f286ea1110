import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from './run';
import { readFile } from '../support/read-file';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const countCheckins = () =>
  readFile(s.db, (db) => db.prepare('SELECT count(*) FROM checkins WHERE deleted_at IS NULL').pluck().get() as number);

describe('connect checkin', () => {
  it('scores --answers on the three-item scale and says what the score means, gently', () => {
    const r = s.run(['checkin', '--answers', '2,1,2']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('a score of 5 on the three-item loneliness scale (3–9, higher is lonelier)');
    expect(r.stdout).not.toMatch(/you are lonely|diagnos|last time/i);
  });

  it('prints at, answers and score as JSON', () => {
    const c = s.run(['checkin', '--answers', '3, 2, 3', '--json']).json();
    expect(c).toMatchObject({ at: '2026-11-26T11:00:00+01:00', answers: [3, 2, 3], score: 8, previous: null });
    expect(c.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps check-ins over time and compares with the one before, in words', () => {
    s.run(['checkin', '--answers', '3,3,2'], { now: '2026-11-12T18:00:00Z' });
    const lower = s.run(['checkin', '--answers', '2,1,2'], { now: '2026-11-19T18:00:00Z' });
    expect(lower.stdout).toContain('Noticeably lower than last time (8, 7 days ago): down 3 on the 3–9 scale.');
    const same = s.run(['checkin', '--answers', '1,2,2'], { now: '2026-11-26T18:00:00Z' });
    expect(same.stdout).toContain('The same as last time (5, 7 days ago).');
    const higher = s.run(['checkin', '--answers', '2,2,2', '--json'], { now: '2026-11-27T18:00:00Z' }).json();
    expect(higher.previous).toEqual({ at: '2026-11-26T19:00:00+01:00', score: 5 });
    expect(countCheckins()).toBe(4);
  });

  it.each([['2,4,1'], ['1,2'], ['0,1,1'], ['yes,no,maybe'], ['1,2,3,1'], ['']])(
    'refuses --answers %j with exit 2, naming the form, writing nothing',
    (answers) => {
      const r = s.run(['checkin', '--answers', answers]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('--answers takes three answers from 1 to 3, like 2,1,3');
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
      expect(existsSync(s.db)).toBe(false);
    },
  );

  it('leaves an existing journal untouched on bad answers', () => {
    s.run(['checkin', '--answers', '1,1,1']);
    expect(s.run(['checkin', '--answers', '1,1,9']).code).toBe(2);
    expect(countCheckins()).toBe(1);
  });

  it('without a terminal and without --answers, names the flag to pass', () => {
    const r = s.run(['checkin']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--answers A,B,C');
    expect(existsSync(s.db)).toBe(false);
  });

  it('can be taken back with connect undo', () => {
    s.run(['checkin', '--answers', '2,2,2']);
    s.run(['checkin', '--answers', '3,3,3']);
    const undo = s.run(['undo']);
    expect(undo.stdout).toContain('noted a loneliness check-in');
    expect(countCheckins()).toBe(1);
  });
});
