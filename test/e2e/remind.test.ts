import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from './run';

// The post lives beside the checkout in the workspace; a fresh clone without it skips that one check.
const POST_PATH = join(__dirname, '..', '..', '..', 'shared', 'connection-post.txt');
const FOUR = [
  'It’s okay if connection feels hard right now',
  'Needing people does not mean weakness',
  'You don’t have to be outgoing to be connected',
  'Healing often happens within relationships, not outside of them',
];
const CLOSING = [
  'You don’t need to do this perfectly.',
  'You don’t need to do this all at once.',
  'One conversation, one shared moment, one step at a time is enough.',
];
const CRISIS = 'If you are in crisis: in the US, call or text 988; elsewhere, findahelpline.com lists local services.';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const reminderAt = (now: string, tz?: string) => {
  const r = s.run(['remind', '--json'], { now, env: tz ? { TZ: tz } : {} });
  expect(r.code).toBe(0);
  return r.json().reminder as string;
};

describe('connect remind', () => {
  it.skipIf(!existsSync(POST_PATH))("uses the post's own words", () => {
    const post = readFileSync(POST_PATH, 'utf8');
    for (const line of [...FOUR, ...CLOSING]) expect(post).toContain(line);
  });

  it('prints one gentle reminder and creates no journal', () => {
    const r = s.run(['remind']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(FOUR).toContain(lines[0]);
    expect(existsSync(s.db)).toBe(false);
    expect(existsSync(join(s.dir, 'data'))).toBe(false);
  });

  it('keeps the same reminder all through a local day', () => {
    // Berlin: 00:05 and 23:55 on 26 November.
    const morning = reminderAt('2026-11-25T23:05:00Z');
    expect(reminderAt('2026-11-26T10:00:00Z')).toBe(morning);
    expect(reminderAt('2026-11-26T22:55:00Z')).toBe(morning);
  });

  it('changes from one day to the next, through all four in four days', () => {
    const days = ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'].map((d) => reminderAt(`${d}T12:00:00Z`));
    for (let i = 1; i < days.length; i += 1) expect(days[i]).not.toBe(days[i - 1]);
    expect(new Set(days)).toEqual(new Set(FOUR));
  });

  it('turns over at local midnight, not UTC midnight', () => {
    // 06:00 UTC on the 26th is still the evening of the 25th in Los Angeles.
    const laEvening = reminderAt('2026-11-26T06:00:00Z', 'America/Los_Angeles');
    expect(reminderAt('2026-11-25T20:00:00Z', 'America/Los_Angeles')).toBe(laEvening);
    expect(reminderAt('2026-11-26T09:00:00Z', 'America/Los_Angeles')).not.toBe(laEvening);
  });

  it('stays one reminder a day across a DST change', () => {
    // Berlin leaves summer time on 25 October 2026.
    const day = reminderAt('2026-10-24T22:30:00Z');
    expect(reminderAt('2026-10-25T22:30:00Z')).toBe(day);
    expect(reminderAt('2026-10-25T23:30:00Z')).not.toBe(day);
  });

  it('--all prints all four, the closing lines and the crisis line', () => {
    const r = s.run(['remind', '--all']);
    expect(r.code).toBe(0);
    for (const line of [...FOUR, ...CLOSING, CRISIS]) expect(r.stdout).toContain(line);
    const order = [...FOUR, ...CLOSING, CRISIS].map((line) => r.stdout.indexOf(line));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(existsSync(s.db)).toBe(false);
  });

  it('--json gives one document with every field', () => {
    const one = s.run(['remind', '--json']).json();
    expect(one).toEqual({
      date: '2026-11-26',
      reminder: one.reminder,
      reminders: [one.reminder],
      closingLines: [],
      crisisLine: null,
      helpLine: null,
    });
    expect(FOUR).toContain(one.reminder);
    const all = s.run(['remind', '--all', '--json']).json();
    expect(all).toEqual({
      date: '2026-11-26',
      reminder: one.reminder,
      reminders: FOUR,
      closingLines: CLOSING,
      crisisLine: CRISIS,
      helpLine: null,
    });
  });

  it('--help carries the crisis line', () => {
    for (const args of [['--help'], ['remind', '--help']]) {
      const r = s.run(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(CRISIS);
    }
  });
});
