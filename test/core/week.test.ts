import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weekAround, weekOf } from '../../src/core/calendar';
import { EMPTY_INTERACTION } from '../../src/core/entry-input';
import type { Entry, Interaction, MoodEntry } from '../../src/core/types';
import { summariseWeek, sumWeek } from '../../src/core/week';

// vitest.config runs these in Europe/Berlin. Local times below are Berlin times.
const local = (text: string) => new Date(text.replace(' ', 'T'));
let counter = 0;

function talk(people: string[], when: string, rest: Partial<Interaction> = {}): Interaction {
  return {
    id: `i${++counter}`,
    type: 'interaction',
    ...EMPTY_INTERACTION,
    at: local(when),
    people,
    ...rest,
  };
}
const mood = (value: number, when: string): MoodEntry => ({
  id: `m${++counter}`,
  type: 'mood',
  at: local(when),
  mood: value,
  energy: null,
  note: null,
});

const NOW = new Date('2026-11-26T10:00:00Z');
const LAST = weekAround(NOW, 'monday', -1);

function summarise(entries: Entry[], previous: Entry[] = [], weeks = 4) {
  const earlier = Array.from({ length: weeks }, (_, i) => weekAround(LAST.start, 'monday', -(i + 1)));
  return summariseWeek({
    week: LAST,
    entries,
    previous: earlier.map((week) => ({
      week,
      sums: sumWeek(
        previous.filter((e): e is Interaction => e.type === 'interaction' && e.at >= week.start && e.at < week.next),
      ),
    })),
    touchpointsDue: 0,
    now: NOW,
  });
}

describe('summariseWeek', () => {
  it('counts only the week, by local day', () => {
    const week = summarise([
      talk(['Sam'], '2026-11-15 23:30'),
      talk(['Sam'], '2026-11-16 00:30', { minutes: 10, channel: 'call' }),
      talk([], '2026-11-22 23:30', { small: true }),
      talk(['Ana'], '2026-11-23 00:30'),
    ]);
    expect([week.interactions, week.smallMoments, week.minutes]).toEqual([2, 1, 10]);
    expect(week.byChannel).toEqual({ call: 1 });
  });

  it('averages lift per person over the entries that have both moods', () => {
    const week = summarise([
      talk(['Sam', 'Ana'], '2026-11-16 12:00', { moodBefore: 2, moodAfter: 5, minutes: 30 }),
      talk(['Sam'], '2026-11-17 12:00', { moodBefore: 3, moodAfter: 3 }),
      talk(['Sam'], '2026-11-18 12:00', { moodAfter: 4 }),
    ]);
    expect(week.people).toEqual([
      { name: 'Sam', interactions: 3, minutes: 30, averageLift: 1.5, liftEntries: 2 },
      { name: 'Ana', interactions: 1, minutes: 30, averageLift: 3, liftEntries: 1 },
    ]);
  });

  it("a day's mood is the mean of its check-ins and moods after", () => {
    const week = summarise([
      mood(2, '2026-11-17 08:00'),
      talk(['Sam'], '2026-11-17 18:00', { moodBefore: 1, moodAfter: 5 }),
      mood(4, '2026-11-17 22:00'),
    ]);
    const tuesday = week.mood.days[1];
    expect([tuesday.average, tuesday.readings]).toEqual([3.67, 3]);
    expect(week.mood.days.filter((d) => d.average !== null)).toHaveLength(1);
  });

  it('says "fewer conversations, and they felt deeper" when that is what happened', () => {
    const previous = [1, 2, 3, 4].map((d) => talk(['Ana'], `2026-11-1${d} 12:00`, { quality: 2 }));
    const week = summarise(
      [talk(['Sam'], '2026-11-16 12:00', { quality: 5 }), talk(['Sam'], '2026-11-18 12:00', { quality: 4 })],
      previous,
      1,
    );
    expect(week.observations[0]).toBe(
      'Fewer conversations than last week, and they felt deeper (connection 4.5 of 5, after 2).',
    );
    expect(week.comparison[0]).toBe('Fewer connections than last week (2, after 4).');
  });

  it('gives one to three observations, and a kind one for an empty week', () => {
    expect(summarise([]).observations).toEqual([
      'A quiet week in the journal. One conversation, one shared moment, one step at a time is enough.',
    ]);
    const week = summarise([talk(['Sam'], '2026-11-16 12:00')]);
    expect(week.observations).toEqual(['You connected on 1 of the 7 days.']);
  });

  it('the current week counts "so far"', () => {
    const current = weekOf(NOW, 'monday');
    const week = summariseWeek({
      week: current,
      entries: [talk(['Sam'], '2026-11-24 12:00')],
      previous: [],
      touchpointsDue: 2,
      now: NOW,
    });
    expect(week.inProgress).toBe(true);
    expect(week.mood.days.map((d) => d.future)).toEqual([false, false, false, false, true, true, true]);
    expect(week.observations).toContain('You connected on 1 of the 4 days so far.');
    expect(week.touchpoints).toEqual({ kept: 0, due: 2 });
  });

  it('never says anything harsh or causal, whatever the week holds', () => {
    const harsh = /overdue|failed|streak|you should|you must|neglect|missed|\bcaus|because|leads? to|makes you/i;
    const arbitraryTalk = fc.record({
      day: fc.integer({ min: 9, max: 22 }),
      hour: fc.integer({ min: 0, max: 23 }),
      who: fc.subarray(['Sam', 'Ana', 'Lee']),
      channel: fc.constantFrom(null, 'in-person', 'call', 'text', 'video'),
      activity: fc.constantFrom(null, 'walk', 'book club'),
      small: fc.boolean(),
      minutes: fc.option(fc.integer({ min: 1, max: 300 })),
      before: fc.option(fc.integer({ min: 1, max: 5 })),
      after: fc.option(fc.integer({ min: 1, max: 5 })),
      quality: fc.option(fc.integer({ min: 1, max: 5 })),
    });
    fc.assert(
      fc.property(fc.array(arbitraryTalk, { maxLength: 25 }), (items) => {
        const entries = items.map((t) =>
          talk(t.who, `2026-11-${String(t.day).padStart(2, '0')} ${String(t.hour).padStart(2, '0')}:00`, {
            channel: t.channel as Interaction['channel'],
            activity: t.activity,
            small: t.small,
            minutes: t.minutes,
            moodBefore: t.before,
            moodAfter: t.after,
            quality: t.quality,
          }),
        );
        const week = summarise(entries, entries);
        expect(week.observations.length).toBeGreaterThanOrEqual(1);
        expect(week.observations.length).toBeLessThanOrEqual(3);
        for (const line of [...week.observations, ...week.comparison]) expect(line).not.toMatch(harsh);
        expect(week.interactions).toBe(entries.filter((e) => e.at >= LAST.start && e.at < LAST.next).length);
      }),
      { numRuns: 150 },
    );
  });
});
