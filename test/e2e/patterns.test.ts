import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox } from './run';
import { HARSH, Story } from './week-story';

const NOW = '2026-11-26T10:00:00Z';
const day = (month: number, d: number) => `2026-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

interface FindingJson {
  subject: string;
  kind: string;
  value: number;
  n: number;
  level: string;
  low: number | null;
  high: number | null;
  text: string;
  why: string | null;
}

describe('connect patterns: a season of entries', () => {
  const story = new Story({ now: NOW });
  let findings: FindingJson[] = [];
  const find = (subject: string, kind: string) => findings.find((f) => f.subject === subject && f.kind === kind);

  beforeAll(() => {
    // Fourteen morning walks with Sam in early October; each one felt safe and close.
    for (let d = 1; d <= 14; d++) {
      story.met('Sam', {
        at: `${day(10, d)} 10:00`,
        channel: 'in-person',
        activity: 'walk',
        minutes: 60,
        mood: [d % 2 ? 2 : 3, 4],
        quality: 5,
        felt: 'safe,available',
      });
    }
    // Five calls with Ana that left things about where they were.
    for (let d = 15; d <= 19; d++)
      story.met('Ana', { at: `${day(10, d)} 19:00`, channel: 'call', minutes: 30, mood: [3, 3], quality: 2 });
    // Only four texts with Lee: too few to say anything about Lee or about texts.
    for (let d = 20; d <= 23; d++) story.met('Lee', { at: `${day(10, d)} 21:00`, channel: 'text', mood: [2, 5] });
    // Mood check-ins: five on walking days, five on quiet days in November.
    for (const d of [2, 4, 6, 8, 10]) story.felt(4, `${day(10, d)} 20:00`);
    for (const d of [1, 2, 3, 4, 5]) story.felt(2, `${day(11, d)} 20:00`);
    findings = story.json('patterns').findings;
  });
  afterAll(() => story.cleanup());

  it('gives the JSON shape of SPEC', () => {
    const result = story.json('patterns');
    expect(result.since).toBe('2026-10-01');
    expect(result.entries).toBe(33);
    for (const f of result.findings as FindingJson[]) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['subject', 'value', 'n', 'text']));
      expect(typeof f.value).toBe('number');
      expect(f.n).toBeGreaterThanOrEqual(5);
    }
  });

  it('from 14 entries on, a figure comes with its range', () => {
    const sam = find('person:Sam', 'lift')!;
    expect(sam).toMatchObject({ value: 1.5, n: 14, level: 'established', low: 1.23, high: 1.77 });
    expect(sam.text).toBe(
      'Time with Sam tends to go with feeling better: mood +1.5 from before to after (+1.2 to +1.8, 14 entries; other connections +1.3).',
    );
    expect(sam.why).toContain('Teo et al. 2013');
    expect(find('person:Sam', 'quality')).toMatchObject({ value: 5, n: 14 });
    expect(find('person:Sam', 'felt')!.text).toContain('With Sam you often felt safe and emotionally available');
    expect(find('activity:walk', 'lift')).toMatchObject({ value: 1.5, n: 14 });
    expect(find('channel:in-person', 'lift')).toMatchObject({ n: 14 });
  });

  it('5 to 13 entries are "an early pattern", without a range', () => {
    const ana = find('person:Ana', 'lift')!;
    expect(ana).toMatchObject({ value: 0, n: 5, level: 'early', low: null, high: null });
    expect(ana.text).toContain('tends to leave your mood about where it was (an early pattern, 5 entries');
    expect(find('channel:call', 'quality')).toMatchObject({ value: 2, n: 5, level: 'early' });
  });

  it('under 5 entries, nothing is said about that subject', () => {
    expect(findings.some((f) => f.subject === 'person:Lee' || f.subject === 'channel:text')).toBe(false);
    expect(story.run('patterns').stdout).not.toContain('Lee');
  });

  it('shows how much time goes to the relationships that feel closest', () => {
    const share = find('time-with-closest', 'share')!;
    expect(share).toMatchObject({ n: 23, level: 'established' });
    expect(share.value).toBeCloseTo(14 / 23, 2);
    expect(share.text).toBe(
      '61% of your connections with people are with the relationships that feel closest: Sam (41% to 78%, 14 of 23 entries), and 85% of the minutes you noted (840 of 990).',
    );
  });

  it('compares mood on days with and without connection, and the day after', () => {
    expect(find('cycle:same-day', 'cycle')).toMatchObject({ value: 2, n: 10, level: 'early' });
    expect(find('cycle:same-day', 'cycle')!.text).toBe(
      'Your mood on days with a connection tends to be higher: 4 against 2 on days without (an early pattern, 5 and 5 days).',
    );
    expect(find('cycle:next-day', 'cycle')).toMatchObject({ value: 2, n: 10 });
    expect(find('cycle:same-day', 'cycle')!.why).toContain('Santini et al. 2020');
  });

  it('reads as gentle observations, never as causes', () => {
    const { code, stdout, stderr } = story.run('patterns');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('People');
    expect(stdout).toContain('Why it matters:');
    expect(stdout).toContain('tends to go with');
    expect(stdout).not.toMatch(HARSH);
    for (const f of findings) expect(f.text).not.toMatch(HARSH);
  });

  it('--since looks only from that day on', () => {
    const result = story.json('patterns', '--since', '2026-11-01');
    expect(result.since).toBe('2026-11-01');
    expect(result.entries).toBe(5);
    expect(result.findings).toEqual([]);
    expect(result.suggestions.length).toBeGreaterThan(0);
    const bad = story.run('patterns', '--since', 'the before times');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--since');
  });
});

describe('connect patterns: empty and sparse journals', () => {
  it('with no journal: what to log to start seeing patterns, exit 0, nothing created', () => {
    const box = sandbox({ now: NOW });
    try {
      const text = box.run(['patterns']);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('Your journal is empty so far');
      expect(text.stdout).toContain('connect log NAME --before 3 --after 4');
      expect(text.stdout).toContain('connect mood 3');
      expect(text.stdout).not.toMatch(HARSH);
      const json = box.run(['patterns', '--json']).json();
      expect(json).toMatchObject({ since: null, entries: 0, findings: [] });
      expect(existsSync(box.db)).toBe(false);
    } finally {
      box.cleanup();
    }
  });

  it('a few entries: no findings, a kind word on what would help', () => {
    const story = new Story({ now: NOW });
    try {
      story
        .met('Sam', { at: '2026-11-20 18:00', channel: 'call', mood: [2, 4] })
        .met('Sam', { at: '2026-11-22 18:00', channel: 'call', mood: [3, 4] })
        .smallMoment('2026-11-23 08:00')
        .felt(3, '2026-11-24 20:00');
      const json = story.json('patterns');
      expect(json.findings).toEqual([]);
      const { code, stdout } = story.run('patterns');
      expect(code).toBe(0);
      expect(stdout).toContain('So far: 3 connections, 2 with a mood before and after, 1 mood check-in.');
      expect(stdout).not.toContain('Sam');
      expect(stdout).not.toMatch(HARSH);
    } finally {
      story.cleanup();
    }
  });
});

describe('connect patterns: loneliness check-ins', () => {
  it('says nothing under 5 check-ins, then shows the trend as scores', () => {
    const story = new Story({ now: NOW });
    try {
      const scores = ['3,2,2', '2,3,2', '2,2,2', '1,2,1', '1,1,2'];
      scores.slice(0, 4).forEach((answers, i) => {
        story.checkin(answers, `2026-11-0${i + 1}T18:00:00Z`);
      });
      expect(story.json('patterns').findings.filter((f: FindingJson) => f.subject === 'loneliness')).toEqual([]);
      story.checkin(scores[4], '2026-11-05T18:00:00Z');
      const [trend] = story.json('patterns').findings.filter((f: FindingJson) => f.subject === 'loneliness');
      // 7, 7 before; 6, 4, 4 after.
      expect(trend).toMatchObject({ kind: 'trend', n: 5, level: 'early' });
      expect(trend.value).toBeCloseTo(14 / 3 - 7, 2);
      expect(trend.text).toBe(
        'Your loneliness check-ins tend to be lower lately: a score of 4.7 on the three-item loneliness scale across the latest 3, against 7 across the 2 before (an early pattern, 5 check-ins).',
      );
      expect(trend.why).toContain('never a diagnosis');
    } finally {
      story.cleanup();
    }
  });
});
