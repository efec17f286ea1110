import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildInteraction, buildMood, parsePeople } from '../../src/core/entry-input';
import { evidenceLevel, signed, summarise } from '../../src/core/honest';
import { personStats } from '../../src/core/people-stats';
import type { Interaction } from '../../src/core/types';
import {
  activityPhrase,
  parseChannel,
  parseFelt,
  parseInitiated,
  parseName,
  parseRating,
} from '../../src/core/vocabulary';

const now = new Date('2026-11-26T10:00:00Z');

describe('vocabulary', () => {
  it.each([
    ['video', 'video'],
    ['Zoom', 'video'],
    ['in person', 'in-person'],
    ['IRL', 'in-person'],
    ['phone', 'call'],
    ['voice note', 'voice-message'],
    ['sms', 'text'],
    ['forum', 'online'],
  ])('reads channel %s as %s', (typed, channel) => expect(parseChannel(typed)).toBe(channel));

  it('reads felt lists in the canonical order, forgiving spelling', () => {
    expect(parseFelt('emotionally available, Non-Judgemental,safe,safe')).toEqual([
      'safe',
      'nonjudgmental',
      'available',
    ]);
    expect(() => parseFelt('safe,warm')).toThrow('got "warm"');
  });

  it.each(['0', '6', '3.5', 'three', '', ' ', '-1', '1e0'])('refuses rating %j', (typed) => {
    expect(() => parseRating(typed, '--after')).toThrow(
      '--after takes a whole number from 1 (very low) to 5 (very good)',
    );
  });

  it('reads ratings 1 to 5 and who reached out', () => {
    expect([1, 2, 3, 4, 5].map((n) => parseRating(` ${n} `, '--after'))).toEqual([1, 2, 3, 4, 5]);
    expect(parseInitiated('both')).toBe('mutual');
  });

  it('tidies names and refuses empty, long or control-character ones', () => {
    expect(parseName('  Sam   Lee ')).toBe('Sam Lee');
    expect(() => parseName('   ')).toThrow('cannot be empty');
    expect(() => parseName('x'.repeat(81))).toThrow('at most 80');
    expect(() => parseName('Sam\u0007')).toThrow('control characters');
    expect(parsePeople(['Sam, Alex', 'Mum'])).toEqual(['Sam', 'Alex', 'Mum']);
  });
});

describe('building entries', () => {
  it('needs someone or a small moment', () => {
    expect(() => buildInteraction({}, now)).toThrow('Who was it with?');
    expect(buildInteraction({ small: true }, now)).toMatchObject({ small: true, people: [], at: now });
  });

  it('edits on top of an existing entry and clears with "" or none', () => {
    const base = {
      ...buildInteraction({ people: ['Sam'], after: '3', note: 'hi' }, now),
      id: 'x',
      type: 'interaction' as const,
    };
    expect(buildInteraction({ before: '2', note: '', quality: 'none' }, now, base)).toMatchObject({
      moodBefore: 2,
      moodAfter: 3,
      note: null,
      people: ['Sam'],
    });
  });

  it('needs a mood or an energy for a check-in', () => {
    expect(() => buildMood({}, now)).toThrow('needs a mood or an energy');
    expect(buildMood({ energy: '2' }, now)).toMatchObject({ mood: null, energy: 2 });
  });
});

describe('honest numbers', () => {
  it('say nothing under 5 entries, call 5–13 early, and give a range from 14', () => {
    expect([4, 5, 13, 14].map(evidenceLevel)).toEqual(['too-few', 'early', 'early', 'established']);
    const summary = summarise([1, 1, 0, 2, 1, 1, 0, 2, 1, 1, 0, 2, 1, 1])!;
    expect(summary.mean).toBe(1);
    expect(summary.low).toBeLessThan(1);
    expect(summary.high).toBeGreaterThan(1);
    expect(summarise([])).toBeNull();
    expect([0.84, -0.26, 0.01].map(signed)).toEqual(['+0.8', '−0.3', '0']);
  });
});

describe('personStats', () => {
  const interaction = (day: number, before: number | null, after: number | null): Interaction => ({
    id: `e${day}`,
    type: 'interaction',
    at: new Date(2026, 10, day, 18),
    people: ['Sam'],
    channel: 'call',
    activity: null,
    small: false,
    minutes: null,
    moodBefore: before,
    moodAfter: after,
    felt: day % 2 ? ['safe'] : [],
    quality: null,
    initiated: null,
    note: null,
    touchpointId: null,
  });

  it('finds the usual gap, the lift and the last contact', () => {
    const stats = personStats([
      interaction(15, 2, 4),
      interaction(1, 3, 4),
      interaction(8, 3, 3),
      interaction(22, null, 5),
    ]);
    expect(stats.interactions).toBe(4);
    expect(stats.usualGapDays).toBe(7);
    expect(stats.lastContact?.getDate()).toBe(22);
    expect(stats.lift).toMatchObject({ n: 3, mean: 1, level: 'too-few' });
    expect(stats.felt.safe).toBe(0.5);
    expect(stats.byChannel).toEqual({ call: 4 });
  });
});

describe('activityPhrase', () => {
  it.each([
    ['walk', 'a walk'],
    ['book club', 'a book club'],
    ['exercise class', 'an exercise class'],
    ['thanksgiving', 'thanksgiving'],
    ['volunteering', 'volunteering'],
    ['a long evening walk', 'a long evening walk'],
    ['lunch', 'a lunch'],
  ])('%s reads as "%s"', (activity, phrase) => {
    expect(activityPhrase(activity)).toBe(phrase);
  });

  it('counts an activity exactly when its last whole word is a countable one, in any case (property)', () => {
    const countable =
      /\b(?:walk|hike|run|ride|swim|class|club|group|session|meeting|game|match|meal|lunch|dinner|breakfast|brunch|coffee|drink|party|visit|trip|chat|talk|call|picnic|concert|show|film|movie|workshop|course|lesson|practice|rehearsal|service|gathering|meetup|date|night|evening|afternoon|morning)$/i;
    const word = fc.constantFrom('Walk', 'run', 'DINNER', 'sidewalk', 'walks', 'board', 'Ähm', 'ſhow', 'a', 'the', '');
    const glue = fc.constantFrom(' ', '-', '_', '', 'é', '  ', '.', '\n');
    const text = fc.array(fc.tuple(word, glue), { maxLength: 4 }).map((parts) => parts.flat().join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (typed) => {
        const trimmed = typed.trim();
        const counted = !/^(?:an?|the|my|our|some) /i.test(trimmed) && countable.test(trimmed);
        expect(activityPhrase(typed) !== trimmed).toBe(counted);
      }),
      { numRuns: 500 },
    );
  });
});
