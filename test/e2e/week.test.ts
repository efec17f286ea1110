import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARSH, Story } from './week-story';
import { sandbox } from './run';

// Thursday 26 November 2026, Berlin: "--last" is the week of Monday 16 to Sunday 22 November.
const NOW = '2026-11-26T10:00:00Z';

describe('connect week: a fixture week with known numbers', () => {
  const story = new Story({ now: NOW });
  let keptId = '';

  beforeAll(() => {
    // The Sunday before, late: it belongs to the week before.
    story.met('Ana', { at: '2026-11-15 23:30', channel: 'text' });
    keptId = story.touchpoint('Sunday call', 'Lee', '2026-11-22', '2 weeks');
    story.touchpoint('Coffee', 'Kim', '2026-11-20');
    story.touchpoint('Friday run', 'Jo', '2026-11-27');
    story.touchpoint('Board games', 'Max', '2026-11-30');
    // Monday: a long walk with Sam, and a good evening.
    story.met('Sam', {
      at: '2026-11-16 10:00',
      channel: 'in-person',
      activity: 'walk',
      minutes: 60,
      mood: [3, 5],
      quality: 5,
    });
    story.felt(4, '2026-11-16 21:00');
    // Tuesday: a call with Ana, and a word with the barista.
    story.met('Ana', { at: '2026-11-17 18:00', channel: 'call', minutes: 30, mood: [2, 3], quality: 4 });
    story.smallMoment('2026-11-17 08:15');
    // Wednesday: a heavy day.
    story.felt(2, '2026-11-18 20:00');
    // Thursday: a few texts with Ana.
    story.met('Ana', { at: '2026-11-19 12:00', channel: 'text', mood: [3, 3], quality: 2 });
    // Saturday: another walk with Sam, and a bright evening.
    story.met('Sam', {
      at: '2026-11-21 11:00',
      channel: 'in-person',
      activity: 'walk',
      minutes: 45,
      mood: [3, 4],
      quality: 4,
    });
    story.felt(5, '2026-11-21 20:00');
    // Sunday, 23:30: the fortnightly video call with Lee still belongs to this week…
    story.met('Lee', { at: '2026-11-22 23:30', channel: 'video', minutes: 20, mood: [null, 4], touchpoint: keptId });
    // …and Monday 00:30 to the next one.
    story.met('Lee', { at: '2026-11-23 00:30', channel: 'call', minutes: 15 });
  });
  afterAll(() => story.cleanup());

  it('counts the week exactly, by local day', () => {
    const week = story.json('week', '--last');
    expect(week.start).toBe('2026-11-16');
    expect(week.end).toBe('2026-11-22');
    expect(week.interactions).toBe(6);
    expect(week.smallMoments).toBe(1);
    expect(week.sharedActivities).toBe(2);
    expect(week.minutes).toBe(155);
    expect(week.byChannel).toEqual({ 'in-person': 2, call: 1, text: 1, video: 1 });
    expect(week.people).toEqual([
      { name: 'Sam', interactions: 2, minutes: 105, averageLift: 1.5, liftEntries: 2 },
      { name: 'Ana', interactions: 2, minutes: 30, averageLift: 0.5, liftEntries: 2 },
      { name: 'Lee', interactions: 1, minutes: 20, averageLift: null, liftEntries: 0 },
    ]);
  });

  it('averages mood per local day from check-ins and moods after', () => {
    const { mood } = story.json('week', '--last');
    expect(mood.days.map((d: { date: string; average: number | null }) => [d.date, d.average])).toEqual([
      ['2026-11-16', 4.5],
      ['2026-11-17', 3],
      ['2026-11-18', 2],
      ['2026-11-19', 3],
      ['2026-11-20', null],
      ['2026-11-21', 4.5],
      ['2026-11-22', 4],
    ]);
    expect(mood.average).toBe(3.75);
  });

  it('counts touchpoints kept and those with a due date in the week', () => {
    expect(story.json('week', '--last').touchpoints).toEqual({ kept: 1, due: 1 });
  });

  it('draws observations and a comparison from the data', () => {
    const week = story.json('week', '--last');
    expect(week.observations.length).toBeGreaterThanOrEqual(1);
    expect(week.observations.length).toBeLessThanOrEqual(3);
    expect(week.observations[0]).toBe('Your two walks with Sam came on your best-rated days.');
    expect(week.comparison.previousWeeks[0]).toEqual({
      start: '2026-11-09',
      interactions: 1,
      minutes: 0,
      averageQuality: null,
    });
    expect(week.comparison.text[0]).toBe('5 more connections than last week (6, after 1).');
  });

  it('shows the week in words, with a mood line that reads without colour', () => {
    const { code, stdout, stderr } = story.run('week', '--last');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('The week Mon 16 Nov – Sun 22 Nov');
    expect(stdout).toContain('6 connections · 1 small moment · 2 shared activities · 2 h 35 min together');
    expect(stdout).toContain('Sam (2 times, 1 h 45 min, mood +1.5 on average over 2)');
    expect(stdout).toContain('walk ×2 with Sam');
    // 4.5 3 2 3 – 4.5 4 on a fixed 1–5 scale; a day with no reading is a dot.
    expect(stdout).toMatch(/Mood\s+▇ ▅ ▃ ▅ · ▇ ▆\s+average 3\.8 of 5 \(8 readings\)/);
    expect(stdout).toContain('M T W T F S S');
    expect(stdout).toContain('1 kept');
    expect(stdout).not.toMatch(/\x1b\[/);
    expect(stdout).not.toMatch(HARSH);
  });

  it('the Monday 00:30 entry opens the next week', () => {
    const week = story.json('week');
    expect(week.start).toBe('2026-11-23');
    expect(week.inProgress).toBe(true);
    expect(week.interactions).toBe(1);
    expect(week.people).toEqual([{ name: 'Lee', interactions: 1, minutes: 15, averageLift: null, liftEntries: 0 }]);
    expect(week.touchpoints.due).toBe(1);
  });

  it('--of picks the week holding a day, and refuses --last with it', () => {
    expect(story.json('week', '--of', '2026-11-19').start).toBe('2026-11-16');
    expect(story.json('week', '--of', '2026-11-22').interactions).toBe(6);
    const both = story.run('week', '--last', '--of', '2026-11-19');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--last or --of');
    const bad = story.run('week', '--of', 'someday soonish');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--of');
    expect(bad.stdout).toBe('');
  });
});

describe('connect week: weeks follow the local calendar', () => {
  it('a DST week (Berlin, clocks back on Sunday 25 October 2026) keeps 23:30 Sunday and drops 00:30 Monday', () => {
    const story = new Story({ now: NOW });
    try {
      story
        .met('Sam', { at: '2026-10-19 00:30', channel: 'call', minutes: 10 })
        .met('Sam', { at: '2026-10-25 23:30', channel: 'call', minutes: 20, mood: [3, 4] })
        .met('Sam', { at: '2026-10-26 00:30', channel: 'call', minutes: 40 })
        .felt(3, '2026-10-25 12:00');
      const week = story.json('week', '--of', '2026-10-25');
      expect([week.start, week.end]).toEqual(['2026-10-19', '2026-10-25']);
      expect(week.interactions).toBe(2);
      expect(week.minutes).toBe(30);
      expect(week.mood.days.map((d: { date: string }) => d.date)).toEqual([
        '2026-10-19',
        '2026-10-20',
        '2026-10-21',
        '2026-10-22',
        '2026-10-23',
        '2026-10-24',
        '2026-10-25',
      ]);
      expect(week.mood.days[6].average).toBe(3.5);
      const next = story.json('week', '--of', '2026-10-26');
      expect([next.start, next.interactions, next.minutes]).toEqual(['2026-10-26', 1, 40]);
      // The spring change too: Sunday 29 March 2026 is 23 hours long.
      story
        .met('Ana', { at: '2026-03-29 23:30', channel: 'text' })
        .met('Ana', { at: '2026-03-30 00:30', channel: 'text' });
      expect(story.json('week', '--of', '2026-03-29').interactions).toBe(1);
      expect(story.json('week', '--of', '2026-03-30').interactions).toBe(1);
    } finally {
      story.cleanup();
    }
  });

  it('with week.start sunday, Sunday 23:30 opens a new week', () => {
    const story = new Story({ now: NOW });
    try {
      story
        .met('Sam', { at: '2026-11-21 18:00', channel: 'in-person' })
        .met('Ana', { at: '2026-11-22 23:30', channel: 'call' });
      const monday = story.json('week', '--of', '2026-11-22');
      expect([monday.start, monday.end, monday.interactions]).toEqual(['2026-11-16', '2026-11-22', 2]);
      story.setting('week.start', 'sunday');
      const sunday = story.json('week', '--of', '2026-11-22');
      expect([sunday.start, sunday.end, sunday.interactions]).toEqual(['2026-11-22', '2026-11-28', 1]);
      expect(sunday.people[0].name).toBe('Ana');
      const before = story.json('week', '--of', '2026-11-21');
      expect([before.start, before.interactions]).toEqual(['2026-11-15', 1]);
      expect(story.run('week', '--of', '2026-11-22').stdout).toContain('S M T W T F S');
    } finally {
      story.cleanup();
    }
  });
});

describe('connect week: empty and sparse journals', () => {
  it('with no journal: a kind answer, exit 0, nothing created', () => {
    const box = sandbox({ now: NOW });
    try {
      const text = box.run(['week']);
      expect(text.code).toBe(0);
      expect(text.stderr).toBe('');
      expect(text.stdout).toContain('Nothing logged this week yet');
      expect(text.stdout).toContain('connect log');
      expect(text.stdout).not.toMatch(HARSH);
      const json = box.run(['week', '--last', '--json']).json();
      expect(json).toMatchObject({
        start: '2026-11-16',
        end: '2026-11-22',
        interactions: 0,
        smallMoments: 0,
        sharedActivities: 0,
        minutes: 0,
        byChannel: {},
        people: [],
        mood: { average: null },
        touchpoints: { kept: 0, due: 0 },
      });
      expect(json.mood.days).toHaveLength(7);
      expect(json.observations).toHaveLength(1);
      expect(existsSync(box.db)).toBe(false);
    } finally {
      box.cleanup();
    }
  });

  it('one small moment is enough for a gentle summary', () => {
    const story = new Story({ now: NOW });
    try {
      story.smallMoment('2026-11-25 09:00');
      const { code, stdout } = story.run('week');
      expect(code).toBe(0);
      expect(stdout).toContain('1 connection · 1 small moment');
      expect(stdout).toContain('One small moment this week');
      expect(stdout).not.toMatch(HARSH);
    } finally {
      story.cleanup();
    }
  });
});

describe('connect week: loneliness check-ins', () => {
  it("shows the week's check-in as a score, beside the one before", () => {
    const story = new Story({ now: NOW });
    try {
      // Around last week: an older check-in, the one just before it, and one in this week.
      story
        .checkin('3,3,3', '2026-11-01T18:00:00Z')
        .checkin('3,2,2', '2026-11-10T18:00:00Z')
        .checkin('2,1,2', '2026-11-18T18:00:00Z')
        .checkin('2,2,2', '2026-11-24T18:00:00Z');
      const week = story.json('week', '--last');
      expect(week.loneliness.checkins).toEqual([{ at: '2026-11-18T19:00:00+01:00', score: 5 }]);
      expect(week.loneliness.before).toBe(7);
      const { stdout } = story.run('week', '--last');
      expect(stdout).toContain(
        'a score of 5 on the three-item loneliness scale (3–9, higher is lonelier), a little lower than the one before (7).',
      );
      expect(stdout).not.toMatch(/lonely person|diagnos/i);
      expect(stdout).not.toMatch(HARSH);
      expect(story.json('week').loneliness).toEqual({
        checkins: [{ at: '2026-11-24T19:00:00+01:00', score: 6 }],
        before: 5,
        text: 'Your check-in: a score of 6 on the three-item loneliness scale (3–9, higher is lonelier), a little higher than the one before (5).',
      });
      expect(story.json('week', '--of', '2026-11-05').loneliness.before).toBe(9);
    } finally {
      story.cleanup();
    }
  });
});
