import { describe, expect, it } from 'vitest';
import { describeGap, findLapsedRhythms } from '../../src/core/rhythm';
import { rhythm } from './next-builders';
import { HARSH } from '../tone';

const now = new Date('2026-11-26T10:00:00Z');

describe('findLapsedRhythms', () => {
  it('finds a weekly rhythm that has gone quiet, and not one that is still going', () => {
    const found = findLapsedRhythms(
      [
        { name: 'Sam', interactions: rhythm('Sam', now, 6, 7, 14) },
        { name: 'Ana', interactions: rhythm('Ana', now, 6, 7, 3) },
      ],
      now,
    );
    expect(found.map((r) => r.name)).toEqual(['Sam']);
    expect(found[0]).toMatchObject({ usualGapDays: 7, daysSince: 14 });
    expect(found[0].reason).toContain('every week or so');
  });

  it('ranks by how time together tends to feel, not by who was seen least', () => {
    const warm = rhythm('Mum', now, 6, 7, 12, { moodBefore: 2, moodAfter: 4, quality: 5, felt: ['safe', 'available'] });
    const distant = rhythm('Kai', now, 6, 7, 40);
    const found = findLapsedRhythms(
      [
        { name: 'Kai', interactions: distant },
        { name: 'Mum', interactions: warm },
      ],
      now,
    );
    expect(found.map((r) => r.name)).toEqual(['Mum', 'Kai']);
    expect(found[0].reason).toMatch(/lift your mood/);
  });

  it('leaves out people whose time tends to go with feeling worse', () => {
    const heavy = rhythm('Lee', now, 8, 7, 20, { moodBefore: 4, moodAfter: 2, quality: 1 });
    expect(findLapsedRhythms([{ name: 'Lee', interactions: heavy }], now)).toEqual([]);
  });

  it('needs a rhythm: two contacts are not enough to learn one', () => {
    expect(findLapsedRhythms([{ name: 'Jo', interactions: rhythm('Jo', now, 2, 7, 30) }], now)).toEqual([]);
  });

  it('is deterministic and its reasons are gentle', () => {
    const people = ['Bo', 'Al', 'Cy'].map((name) => ({ name, interactions: rhythm(name, now, 5, 10, 30) }));
    const a = findLapsedRhythms(people, now);
    const b = findLapsedRhythms([...people].reverse(), now);
    expect(a).toEqual(b);
    expect(a.map((r) => r.name)).toEqual(['Al', 'Bo', 'Cy']);
    for (const r of a) expect(r.reason).not.toMatch(HARSH);
  });

  it('words the usual gap without tallies', () => {
    expect([1, 3, 7, 14, 30, 90].map(describeGap)).toEqual([
      'most days',
      'every few days',
      'every week or so',
      'every couple of weeks',
      'about once a month',
      'every couple of months or so',
    ]);
  });
});
