import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sandbox } from './run';
import { HARSH, Story } from './week-story';

const NOW = '2026-11-26T10:00:00Z';

describe('connect calendar', () => {
  it('marks each local day by how many connections it held, readable without colour', () => {
    const story = new Story({ now: NOW });
    try {
      story
        .met('Sam', { at: '2026-11-22 23:30', channel: 'call', minutes: 20 }) // Sunday, late
        .met('Ana', { at: '2026-11-23 00:30', channel: 'text' }) // Monday, early
        .met('Ana', { at: '2026-11-23 12:00', channel: 'text' })
        .met('Lee', { at: '2026-11-23 18:00', channel: 'call' })
        .met('Sam', { at: '2026-11-24 08:00', channel: 'in-person' })
        .smallMoment('2026-11-24 09:00')
        .met('Kim', { at: '2026-11-24 10:00', channel: 'text' })
        .met('Jo', { at: '2026-11-24 11:00', channel: 'text' })
        .met('Sam', { at: '2026-06-01 12:00', channel: 'call' }); // before the last 4 months
      const json = story.json('calendar');
      expect([json.from, json.to, json.weekStart]).toEqual(['2026-07-27', '2026-11-26', 'monday']);
      const byDate = Object.fromEntries(
        json.days.map((d: { date: string; interactions: number }) => [d.date, d.interactions]),
      );
      expect([byDate['2026-11-22'], byDate['2026-11-23'], byDate['2026-11-24'], byDate['2026-11-25']]).toEqual([
        1, 3, 4, 0,
      ]);
      expect([json.connectedDays, json.interactions]).toEqual([3, 8]);

      const { code, stdout, stderr } = story.run('calendar');
      expect(code).toBe(0);
      expect(stderr).toBe('');
      const rows = stdout.split('\n');
      const row = (name: string) => rows.find((line) => line.startsWith(name))!;
      // The last column is this week (Mon 23 – Sun 29): ▓ three on Monday, █ four or more on Tuesday, · none on Wednesday.
      expect(row('Mon').trimEnd().endsWith('▓')).toBe(true);
      expect(row('Tue').trimEnd().endsWith('█')).toBe(true);
      expect(row('Wed').trimEnd().endsWith('·')).toBe(true);
      // Sunday 22 sits in the column before, with one connection.
      expect(row('Sun').trimEnd().endsWith('░')).toBe(true);
      expect(rows[2]).toMatch(/Aug\s+Sep\s+Oct\s+Nov/);
      expect(stdout).toContain('8 connections on 3 of 123 days.');
      expect(stdout).not.toMatch(/\x1b\[/);
      expect(stdout).not.toMatch(HARSH);

      story.setting('week.start', 'sunday');
      const sunday = story.run('calendar', '--months', '1').stdout.split('\n');
      expect(sunday[3].startsWith('Sun')).toBe(true);
      // Sunday 22 opens the last column now: ░ one, then Monday ▓, Tuesday █.
      expect(
        sunday
          .find((line) => line.startsWith('Sun'))!
          .trimEnd()
          .endsWith('░'),
      ).toBe(true);
    } finally {
      story.cleanup();
    }
  });

  it('with no journal: an empty calendar and a kind word, nothing created', () => {
    const box = sandbox({ now: NOW });
    try {
      const { code, stdout } = box.run(['calendar', '--months', '2']);
      expect(code).toBe(0);
      expect(stdout).toContain('Nothing logged in these months yet');
      expect(stdout).not.toMatch(HARSH);
      expect(box.run(['calendar', '--json']).json()).toMatchObject({ connectedDays: 0, interactions: 0 });
      expect(existsSync(box.db)).toBe(false);
    } finally {
      box.cleanup();
    }
  });

  it('refuses a span it cannot draw', () => {
    const box = sandbox({ now: NOW });
    try {
      const result = box.run(['calendar', '--months', '13']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--months takes a whole number from 1 to 12');
      expect(result.stdout).toBe('');
    } finally {
      box.cleanup();
    }
  });
});
