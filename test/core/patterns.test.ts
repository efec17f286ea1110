import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPatterns } from '../../src/core/patterns';
import { EMPTY_INTERACTION } from '../../src/core/entry-input';
import type { Entry, Interaction, MoodEntry } from '../../src/core/types';

const NOW = new Date('2026-11-26T10:00:00Z');
const dayAt = (n: number, hour = 12) => new Date(2026, 8, 1 + n, hour);
let counter = 0;

function talk(people: string[], n: number, rest: Partial<Interaction> = {}): Interaction {
  return {
    id: `i${++counter}`,
    type: 'interaction',
    ...EMPTY_INTERACTION,
    at: dayAt(n),
    people,
    ...rest,
  };
}
const mood = (value: number, n: number): MoodEntry => ({
  id: `m${++counter}`,
  type: 'mood',
  at: dayAt(n, 21),
  mood: value,
  energy: null,
  note: null,
});
const walksWithSam = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    talk(['Sam'], i, { moodBefore: 2, moodAfter: i % 2 ? 4 : 5, channel: 'in-person' }),
  );
const patterns = (entries: Entry[]) => findPatterns(entries, { since: null, now: NOW });
const about = (entries: Entry[], subject: string) => patterns(entries).findings.filter((f) => f.subject === subject);

describe('honest numbers', () => {
  it('under 5 entries, nothing about that subject', () => {
    expect(about(walksWithSam(4), 'person:Sam')).toEqual([]);
    expect(about(walksWithSam(4), 'channel:in-person')).toEqual([]);
  });

  it.each([5, 13])('%i entries: an early pattern, without a range', (n) => {
    const [lift] = about(walksWithSam(n), 'person:Sam');
    expect(lift).toMatchObject({ kind: 'lift', n, level: 'early', low: null, high: null });
    expect(lift.text).toContain(`(an early pattern, ${n} entries)`);
  });

  it('14 entries: the figure with its range', () => {
    const [lift] = about(walksWithSam(14), 'person:Sam');
    expect(lift).toMatchObject({ kind: 'lift', n: 14, level: 'established', value: 2.5 });
    expect(lift.low).toBeCloseTo(2.5 - (1.96 * Math.sqrt(3.5 / 13)) / Math.sqrt(14), 2);
    expect(lift.text).toMatch(/\(\+2\.2 to \+2\.8, 14 entries\)/);
  });

  it('a lift finding is about the entries that have both moods', () => {
    const entries = [...walksWithSam(4), talk(['Sam'], 20, { moodAfter: 5 }), talk(['Sam'], 21, { moodBefore: 5 })];
    expect(about(entries, 'person:Sam').filter((f) => f.kind === 'lift')).toEqual([]);
  });

  it('compares a group with the rest once the rest has 5 entries', () => {
    const others = Array.from({ length: 5 }, (_, i) => talk(['Ana'], 30 + i, { moodBefore: 3, moodAfter: 3 }));
    const [lift] = about([...walksWithSam(5), ...others], 'person:Sam');
    expect(lift.text).toContain('other connections 0');
  });

  it('felt qualities marked on at least half of the entries with someone', () => {
    const entries = walksWithSam(6).map((e, i) => ({ ...e, felt: i < 3 ? (['safe'] as Interaction['felt']) : [] }));
    const [felt] = about(entries, 'person:Sam').filter((f) => f.kind === 'felt');
    expect(felt).toMatchObject({ value: 0.5, n: 6, level: 'early' });
    expect(felt.text).toBe('With Sam you often felt safe (an early pattern, 3 of 6 entries).');
  });

  it('the cycle needs 5 days with check-ins on each side', () => {
    const connected = [0, 1, 2, 3, 4].map((n) => talk(['Sam'], n * 2));
    const moods = [0, 2, 4, 6, 8].map((n) => mood(4, n));
    const quiet = [11, 13, 15, 17].map((n) => mood(2, n));
    expect(about([...connected, ...moods, ...quiet], 'cycle:same-day')).toEqual([]);
    const [cycle] = about([...connected, ...moods, ...quiet, mood(3, 19)], 'cycle:same-day');
    expect(cycle).toMatchObject({ value: 1.8, n: 10, level: 'early' });
  });

  it('a difference of two means has the range of both: their standard errors added in quadrature', () => {
    // The range a reader is shown, worked out here from the values themselves: mean(a) − mean(b) ± 1.96·√(s²a/na + s²b/nb).
    const range = (a: number[], b: number[]) => {
      const mean = (v: number[]) => v.reduce((x, y) => x + y, 0) / v.length;
      const spread = (v: number[]) => v.reduce((x, y) => x + (y - mean(v)) ** 2, 0) / (v.length - 1) / v.length;
      const diff = mean(a) - mean(b);
      const margin = 1.96 * Math.sqrt(spread(a) + spread(b));
      return {
        value: Math.round(diff * 100) / 100,
        low: Math.round((diff - margin) * 100) / 100,
        high: Math.round((diff + margin) * 100) / 100,
      };
    };
    // The cycle: 14 days with a connection and 14 without, one check-in each.
    const withMoods = [4, 5, 3, 4, 5, 4, 3, 5, 4, 4, 5, 3, 4, 5];
    const withoutMoods = [2, 3, 3, 2, 4, 3, 2, 3, 3, 2, 4, 3, 3, 2];
    const days = [
      ...withMoods.flatMap((value, i) => [talk(['Sam'], i * 2), mood(value, i * 2)]),
      ...withoutMoods.map((value, i) => mood(value, 40 + i * 2)),
    ];
    const [cycle] = about(days, 'cycle:same-day');
    expect(cycle).toMatchObject({ n: 28, level: 'established', ...range(withMoods, withoutMoods) });
    // Loneliness check-ins: the later half beside the earlier half.
    const scores = [5, 6, 5, 7, 6, 5, 6, 4, 5, 4, 3, 4, 5, 3];
    const checkins = scores.map((score, i) => ({ at: dayAt(i * 3), score }));
    const [loneliness] = findPatterns([], { since: null, now: NOW, checkins }).findings.filter(
      (f) => f.subject === 'loneliness',
    );
    expect(loneliness).toMatchObject({ n: 14, level: 'established', ...range(scores.slice(7), scores.slice(0, 7)) });
  });

  it('an empty journal has suggestions and no findings', () => {
    const result = patterns([]);
    expect(result).toMatchObject({ since: null, entries: 0, findings: [] });
    expect(result.suggestions.join(' ')).toContain('connect mood 3');
  });
});

describe('wording', () => {
  it('never claims a cause or says anything harsh', () => {
    const harsh =
      /overdue|failed|streak|you should|you must|neglect|missed|\bcaus|because|leads? to|makes you|improves/i;
    const arbitrary = fc.record({
      day: fc.integer({ min: 0, max: 60 }),
      who: fc.subarray(['Sam', 'Ana']),
      channel: fc.constantFrom(null, 'in-person', 'call', 'text', 'voice-message'),
      activity: fc.constantFrom(null, 'walk', 'volunteering'),
      small: fc.boolean(),
      before: fc.option(fc.integer({ min: 1, max: 5 })),
      after: fc.option(fc.integer({ min: 1, max: 5 })),
      quality: fc.option(fc.integer({ min: 1, max: 5 })),
      felt: fc.subarray(['safe', 'nonjudgmental', 'available'] as const),
      checkIn: fc.option(fc.integer({ min: 1, max: 5 })),
    });
    fc.assert(
      fc.property(fc.array(arbitrary, { maxLength: 80 }), (items) => {
        const entries: Entry[] = items.flatMap((t) => [
          talk(t.who, t.day, {
            channel: t.channel as Interaction['channel'],
            activity: t.activity,
            small: t.small,
            moodBefore: t.before,
            moodAfter: t.after,
            quality: t.quality,
            felt: [...t.felt],
          }),
          ...(t.checkIn === null ? [] : [mood(t.checkIn, t.day + 1)]),
        ]);
        entries.sort((a, b) => a.at.getTime() - b.at.getTime());
        const result = patterns(entries);
        for (const f of result.findings) {
          expect(f.n).toBeGreaterThanOrEqual(5);
          expect(f.text).toContain(f.level === 'early' ? 'an early pattern' : 'to');
          if (f.kind !== 'felt' && f.kind !== 'share') expect(f.text).toMatch(/tends? to/);
          expect(f.text + (f.why ?? '')).not.toMatch(harsh);
        }
        for (const s of result.suggestions) expect(s).not.toMatch(harsh);
      }),
      { numRuns: 150 },
    );
  });
});
