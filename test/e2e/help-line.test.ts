import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from './run';

const HELP_LINE =
  'If loneliness feels heavy or long-standing, talking with a mental health professional can help gently rebuild trust, confidence, and connection over time.';
const NOW = '2026-11-26T10:00:00Z';
const DAY = 86_400_000;
const daysBefore = (iso: string, days: number) => new Date(new Date(iso).getTime() - days * DAY).toISOString();
const daysAfter = (iso: string, days: number) => daysBefore(iso, -days);

let s: Sandbox;
beforeEach(() => {
  s = sandbox({ now: NOW });
});
afterEach(() => s.cleanup());

/** Mood check-ins on each of `days` (days before `until`), all at `mood`. */
function moods(mood: number, days: number[], until = NOW) {
  for (const ago of days) {
    const r = s.run(['mood', String(mood), '--when', daysBefore(until, ago)], { now: until });
    expect(r.code, r.stderr).toBe(0);
  }
}

const remind = (now = NOW, extra: string[] = []) => s.run(['remind', ...extra], { now });

describe('the professional-help line', () => {
  it('appears in remind after two low weeks, then rests for a week', () => {
    moods(2, [0, 2, 4, 6]);
    moods(1, [8, 10, 12]);
    const first = remind();
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(HELP_LINE);
    // Calm: not an alarm, just the line after the reminder.
    expect(first.stdout.trim().split('\n').at(-1)).toBe(HELP_LINE);

    expect(remind().stdout).not.toContain(HELP_LINE);
    const all = remind(NOW, ['--all']);
    expect(all.stdout).not.toContain(HELP_LINE);
    expect(all.stdout).toContain('call or text 988');
    expect(remind(daysAfter(NOW, 3)).stdout).not.toContain(HELP_LINE);

    // Still low a week later: it may come once more.
    const later = daysAfter(NOW, 7);
    moods(2, [0, 1, 3, 5], later);
    expect(remind(later, ['--json']).json().helpLine).toBe(HELP_LINE);
    expect(remind(later, ['--json']).json().helpLine).toBeNull();
  });

  it('is absent when moods have been fine', () => {
    moods(4, [0, 2, 4, 6, 8, 10, 12]);
    expect(remind().stdout).not.toContain(HELP_LINE);
  });

  it('is absent after only one low week', () => {
    moods(1, [0, 1, 2, 3, 4, 5, 6]);
    expect(remind().stdout).not.toContain(HELP_LINE);
  });

  it('counts the mood after a conversation too', () => {
    moods(2, [0, 4, 8]);
    for (const ago of [2, 10])
      s.run(['log', 'Sam', '--channel', 'call', '--after', '1', '--when', daysBefore(NOW, ago)]);
    expect(remind(NOW, ['--json']).json().helpLine).toBe(HELP_LINE);
  });

  it('appears when check-ins stay at 6 or more, and not after one heavy check-in', () => {
    s.run(['checkin', '--answers', '3,2,2'], { now: daysBefore(NOW, 14) });
    expect(remind().stdout).not.toContain(HELP_LINE);
    s.run(['checkin', '--answers', '2,2,2'], { now: daysBefore(NOW, 1) });
    expect(remind().stdout).toContain(HELP_LINE);
  });

  it('is absent when the latest check-in is lighter', () => {
    s.run(['checkin', '--answers', '3,3,3'], { now: daysBefore(NOW, 14) });
    s.run(['checkin', '--answers', '3,2,2'], { now: daysBefore(NOW, 7) });
    s.run(['checkin', '--answers', '2,1,2'], { now: daysBefore(NOW, 1) });
    expect(remind().stdout).not.toContain(HELP_LINE);
  });

  it('appears in week and next too, once a week across all three', () => {
    moods(2, [0, 2, 4, 6]);
    moods(1, [8, 10, 12]);
    const week = s.run(['week', '--json']).json();
    expect(week.helpLine).toBe(HELP_LINE);
    expect(week.start).toBe('2026-11-23');
    expect(s.run(['week']).stdout).not.toContain(HELP_LINE);
    expect(s.run(['next']).stdout).not.toContain(HELP_LINE);
    expect(remind().stdout).not.toContain(HELP_LINE);

    const later = daysAfter(NOW, 7);
    moods(2, [0, 1, 3, 5], later);
    const next = s.run(['next'], { now: later });
    expect(next.stdout.trim().split('\n').at(-1)).toBe(HELP_LINE);
    expect(s.run(['week'], { now: later }).stdout).not.toContain(HELP_LINE);
  });

  it('stays out of next --json, which is an array of suggestions, and is not used up by it', () => {
    moods(2, [0, 2, 4, 6]);
    moods(1, [8, 10, 12]);
    const next = s.run(['next', '--json']).json();
    expect(Array.isArray(next)).toBe(true);
    expect(JSON.stringify(next)).not.toContain('mental health professional');
    expect(s.run(['week']).stdout).toContain(HELP_LINE);
  });

  it('week --json has helpLine null when nothing calls for it, and with no journal', () => {
    expect(s.run(['week', '--json']).json().helpLine).toBeNull();
    moods(4, [0, 2, 4, 6, 8, 10, 12]);
    expect(s.run(['week', '--json']).json().helpLine).toBeNull();
  });

  it('is not a step for connect undo', () => {
    s.run(['checkin', '--answers', '3,3,3'], { now: daysBefore(NOW, 7) });
    s.run(['checkin', '--answers', '3,3,2'], { now: daysBefore(NOW, 1) });
    expect(remind().stdout).toContain(HELP_LINE);
    expect(s.run(['undo']).stdout).toContain('Took back: noted a loneliness check-in.');
  });
});
