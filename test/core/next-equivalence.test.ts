import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvery } from '../../src/core/every';
import type { Contact } from '../../src/core/people-stats';
import { lastWeekSince, planNext, suggestNext, type NextInput } from '../../src/core/next';
import { firstDue, parseDay, type Touchpoint } from '../../src/core/schedule';
import { CHANNELS, FELT } from '../../src/core/types';
import { suggestNext as referenceSuggestNext } from './reference/next';

// next was made faster (each contact's day worked out once, the people with a touchpoint never read): these
// properties hold the faster one to the answers of the one before it, over random journals.

const DAY = 86_400_000;
const NOW = new Date('2026-11-26T10:00:00Z');
const NAMES = ['Sam', 'sam', 'Mum', 'Kai', 'Lee', 'Jo', 'Ana', 'Élodie', 'Max Power'];
const EVERY = ['week on saturday', '2 weeks', 'month', '4 days', 'week on monday', 'month on the last friday'];

const orNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });

/** Contacts clustered so that rhythms, weekday habits, text-heavy people and lapses all turn up. */
const contact = (now: Date): fc.Arbitrary<Contact> =>
  fc
    .record({
      daysAgo: fc.oneof(fc.integer({ min: -3, max: 60 }), fc.integer({ min: 0, max: 400 })),
      weeksAgo: fc.integer({ min: 0, max: 8 }),
      weekly: fc.boolean(),
      minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
      channel: orNull(fc.constantFrom(...CHANNELS, 'text', 'text')),
      activity: orNull(fc.constantFrom('coffee', 'Coffee', 'walk', 'dinner')),
      moodBefore: orNull(fc.integer({ min: 1, max: 5 })),
      moodAfter: orNull(fc.integer({ min: 1, max: 5 })),
      quality: orNull(fc.integer({ min: 1, max: 5 })),
      felt: fc.subarray([...FELT]),
    })
    .map(({ daysAgo, weeksAgo, weekly, minute, ...rest }) => ({
      ...rest,
      // Either any day, or the same weekday a few weeks back (weekday habits).
      at: new Date(now.getTime() - (weekly ? weeksAgo * 7 : daysAgo) * DAY - minute * 60_000),
    }));

const person = (now: Date) =>
  fc.record({
    name: fc.constantFrom(...NAMES),
    interactions: fc.array(contact(now), { maxLength: 40 }),
    sorted: fc.boolean(),
  });

const touchpoint = fc
  .record({
    id: fc.integer({ min: 0, max: 0xffffffff }).map((n) => n.toString(16).padStart(8, '0')),
    title: fc.constantFrom('Sunday call', 'Coffee walk', 'Dinner'),
    people: fc.subarray(NAMES, { maxLength: 2 }),
    every: fc.constantFrom(...EVERY),
    from: fc.integer({ min: -40, max: 20 }),
    paused: fc.boolean(),
  })
  .map(({ every, from, ...rest }): Touchpoint => {
    const parsed = parseEvery(every);
    const anchor = parseDay(new Date(NOW.getTime() + from * DAY).toISOString().slice(0, 10));
    return {
      ...rest,
      every: parsed,
      anchor,
      nextDue: firstDue(parsed, anchor),
      lastKept: null,
      paused: rest.paused && from % 3 === 0,
      channel: null,
      activity: null,
    };
  });

const mood = (now: Date) =>
  fc
    .record({
      daysAgo: fc.integer({ min: 0, max: 8 }),
      mood: orNull(fc.integer({ min: 1, max: 5 })),
      energy: orNull(fc.integer({ min: 1, max: 5 })),
    })
    .map(({ daysAgo, ...rest }) => ({
      id: 'm',
      type: 'mood' as const,
      at: new Date(now.getTime() - daysAgo * DAY - 3_600_000),
      note: null,
      ...rest,
    }));

const input = fc
  .record({
    shift: fc.integer({ min: -200, max: 200 }),
    people: fc.array(person(NOW), { maxLength: 12 }),
    touchpoints: fc.array(touchpoint, { maxLength: 6 }),
    moods: fc.array(mood(NOW), { maxLength: 6 }),
    count: fc.integer({ min: 1, max: 25 }),
  })
  .map(
    ({ shift, people, ...rest }): NextInput => ({
      ...rest,
      // Days either side of the contacts' now too, so that some are in the future.
      now: new Date(NOW.getTime() + shift * 3_600_000),
      // The journal hands contacts over oldest first; any order is allowed, and both are checked.
      people: people.map(({ name, interactions, sorted }) => ({
        name,
        interactions: sorted ? [...interactions].sort((a, b) => a.at.getTime() - b.at.getTime()) : interactions,
      })),
    }),
  );

describe('next, made faster, answers as before', () => {
  it('suggestNext: the same suggestions, order, words and dates as the one before it', () => {
    fc.assert(
      fc.property(input, (next) => {
        expect(suggestNext(next)).toEqual(referenceSuggestNext(next));
      }),
      { numRuns: 400 },
    );
  });

  it('planNext, given only the people it asks for and everyone’s past week, gives the same answer', () => {
    fc.assert(
      fc.property(input, (next) => {
        const since = lastWeekSince(next.now).getTime();
        const lastWeek = next.people.flatMap((p) => p.interactions.filter((e) => e.at.getTime() >= since));
        const plan = planNext({ ...next, lastWeek });
        const answer = plan.list ?? plan.finish(next.people.filter((p) => plan.wants(p.name)));
        expect(answer).toEqual(referenceSuggestNext(next));
      }),
      { numRuns: 400 },
    );
  });
});
