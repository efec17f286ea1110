import { describe, expect, it } from 'vitest';
import { parseEvery } from '../../src/core/every';
import { HARD_RIGHT_NOW, lastWeekSince, planNext, suggestNext, shellWord, type NextInput } from '../../src/core/next';
import { firstDue, parseDay, type Touchpoint } from '../../src/core/schedule';
import type { Interaction } from '../../src/core/types';
import { interaction, mood, rhythm } from './next-builders';
import { HARSH } from '../tone';

const now = new Date('2026-11-26T10:00:00Z'); // a Thursday

function touchpoint(
  id: string,
  title: string,
  people: string[],
  every: string,
  from: string,
  overrides: Partial<Touchpoint> = {},
): Touchpoint {
  const parsed = parseEvery(every);
  return {
    id,
    title,
    people,
    every: parsed,
    anchor: parseDay(from),
    nextDue: firstDue(parsed, parseDay(from)),
    lastKept: null,
    paused: false,
    channel: null,
    activity: null,
    ...overrides,
  };
}

function journal(interactions: Interaction[]): NextInput['people'] {
  const byName = new Map<string, Interaction[]>();
  for (const e of interactions) for (const name of e.people) byName.set(name, [...(byName.get(name) ?? []), e]);
  return [...byName.entries()].map(([name, list]) => ({ name, interactions: list }));
}

/** Sam: coffee on 5 of the last 6 Saturdays. */
const samSaturdays = ['2026-11-21', '2026-11-14', '2026-10-31', '2026-10-24', '2026-10-17'].map((day) =>
  interaction(`${day}T10:00:00Z`, ['Sam'], { channel: 'in-person', activity: 'coffee' }),
);
/** Mum: weekly calls that have gone quiet, and that tend to feel good. */
const mumCalls = rhythm('Mum', now, 6, 7, 16, {
  channel: 'call',
  moodBefore: 2,
  moodAfter: 4,
  quality: 5,
  felt: ['safe'],
});
/** Kai: a rhythm that has gone quiet too, with nothing recorded about how it feels. */
const kaiMeets = rhythm('Kai', now, 6, 7, 30, { channel: 'in-person' });
/** Lee: mostly texts, lately. */
const leeTexts = rhythm('Lee', now, 6, 3, 2, { channel: 'text' });

const story = () => [...samSaturdays, ...mumCalls, ...kaiMeets, ...leeTexts];

describe('connect next: ranking', () => {
  it('puts touchpoints first — gone by, then today, then this week — and leaves out paused and far-off ones', () => {
    const touchpoints = [
      touchpoint('t-week', 'Climbing', ['Jo'], 'week on monday', '2026-11-27'), // Monday 30 November
      touchpoint('t-today', 'Thursday call', ['Dad'], 'week on thursday', '2026-11-26'),
      touchpoint('t-past', 'Tuesday call', ['Mum'], 'week on tuesday', '2026-11-20'), // due 24 November, quiet since
      touchpoint('t-far', 'Book club', [], 'month on the 15th', '2026-11-26'), // 15 December
      touchpoint('t-paused', 'Walk', ['Sam'], 'week on friday', '2026-11-20', { paused: true }),
    ];
    const plan = suggestNext({ now, touchpoints, people: [], moods: [], count: 10 });
    expect(plan.items.map((i) => [i.touchpointId, i.status])).toEqual([
      ['t-past', 'due'],
      ['t-today', 'due'],
      ['t-week', 'upcoming'],
    ]);
    expect(plan.items[0].reason).toBe(
      'Its day was Tue 24 Nov; any time by Mon 30 Nov still keeps it (every week on Tuesday).',
    );
    expect(plan.items[1].reason).toBe('Today is the day for this one (every week on Thursday).');
    expect(plan.items[2].reason).toBe('Coming up on Mon 30 Nov (every week on Monday).');
    expect(plan.items.map((i) => i.due?.getDate())).toEqual([24, 26, 30]);
  });

  it('then people whose rhythm has lapsed, best-feeling first; habits worth a touchpoint; a call where contact is mostly text', () => {
    const plan = suggestNext({
      now,
      touchpoints: [touchpoint('t1', 'Thursday call', ['Dad'], 'week on thursday', '2026-11-26')],
      people: journal(story()),
      moods: [],
      count: 10,
    });
    expect(plan.items.map((i) => [i.kind, i.people.join()])).toEqual([
      ['touchpoint', 'Dad'],
      ['rhythm', 'Mum'],
      ['make-touchpoint', 'Sam'],
      ['voice', 'Lee'],
      ['rhythm', 'Kai'],
    ]);
    const sam = plan.items[2];
    expect(sam.reason).toMatch(/^You’ve seen Sam on 5 of the last 6 Saturdays — a standing Saturday coffee\?/);
    expect(sam.command).toBe('connect touchpoint add "Saturday coffee with Sam" --every "week on saturday" --with Sam');
    expect(plan.items[3].reason).toContain('Kumar & Epley, 2021');
    expect(plan.items[1].reason).toMatch(/lift your mood/);
  });

  it('a touchpoint takes the place of rhythm and habit suggestions for its people', () => {
    const touchpoints = [
      touchpoint('t1', 'Saturday coffee', ['Sam'], 'week on saturday', '2026-11-01'),
      touchpoint('t2', 'Sunday call', ['Mum'], 'week on sunday', '2026-11-01'),
    ];
    const plan = suggestNext({ now, touchpoints, people: journal(story()), moods: [], count: 10 });
    expect(plan.items.filter((i) => i.kind !== 'touchpoint').flatMap((i) => i.people)).not.toContain('Sam');
    expect(plan.items.filter((i) => i.kind !== 'touchpoint').flatMap((i) => i.people)).not.toContain('Mum');
  });

  it('--count trims the list, keeping the order', () => {
    const all = suggestNext({ now, touchpoints: [], people: journal(story()), moods: [], count: 10 }).items;
    const two = suggestNext({ now, touchpoints: [], people: journal(story()), moods: [], count: 2 }).items;
    expect(two.map((i) => i.title)).toEqual(all.slice(0, 2).map((i) => i.title));
  });

  it('suggests a standing plan for a steady pace that is not tied to a weekday', () => {
    const ana = rhythm('Ana', now, 7, 14, 5, { channel: 'in-person', activity: 'walk' });
    const plan = suggestNext({
      now,
      touchpoints: [touchpoint('t', 'x', ['Dad'], 'week', '2026-11-20')],
      people: journal(ana),
      moods: [],
      count: 5,
    });
    const item = plan.items.find((i) => i.people.includes('Ana'))!;
    expect(item.kind).toBe('make-touchpoint');
    expect(item.reason).toMatch(/^You and Ana tend to connect about every 2 weeks — a standing walk\?/);
    expect(item.command).toBe('connect touchpoint add "Walk with Ana" --every "2 weeks" --with Ana');
    // An uneven pace is not a habit to pin down.
    const uneven = [...rhythm('Bo', now, 3, 14, 5), ...rhythm('Bo', now, 3, 4, 41)];
    expect(
      suggestNext({
        now,
        touchpoints: [touchpoint('t', 'x', ['Dad'], 'week', '2026-11-20')],
        people: journal(uneven),
        moods: [],
        count: 5,
      }).items.some((i) => i.kind === 'make-touchpoint'),
    ).toBe(false);
  });

  it('only suggests a call when there has been no call, voice message or time together lately', () => {
    const withCall = [...leeTexts, interaction(new Date(now.getTime() - 5 * 86_400_000), ['Lee'], { channel: 'call' })];
    expect(
      suggestNext({ now, touchpoints: [], people: journal(withCall), moods: [], count: 10 }).items.some(
        (i) => i.kind === 'voice',
      ),
    ).toBe(false);
  });
});

describe('connect next: when things feel heavy', () => {
  const lowMoods = [mood('2026-11-25T20:00:00Z', 2, 2), mood('2026-11-24T20:00:00Z', 1, 2)];

  it("offers fewer, lighter suggestions and the post's line", () => {
    const full = suggestNext({ now, touchpoints: [], people: journal(story()), moods: [], count: 4 });
    const plan = suggestNext({ now, touchpoints: [], people: journal(story()), moods: lowMoods, count: 4 });
    expect(plan.gentle).toBe(true);
    expect(plan.items.length).toBeLessThan(full.items.length);
    expect(plan.items.length).toBe(2);
    expect(plan.items.at(-1)!.kind).toBe('small-moment');
    expect(plan.items.at(-1)!.reason.startsWith(HARD_RIGHT_NOW)).toBe(true);
    expect(plan.items.some((i) => i.kind === 'make-touchpoint')).toBe(false);
    expect(plan.items[0].reason).toMatch(/voice message is enough/);
  });

  it('low energy counts too; older low moods do not', () => {
    expect(
      suggestNext({
        now,
        touchpoints: [],
        people: [],
        moods: [mood('2026-11-25T20:00:00Z', 4, 1), mood('2026-11-24T20:00:00Z', 4, 2)],
        count: 3,
      }).gentle,
    ).toBe(true);
    expect(
      suggestNext({ now, touchpoints: [], people: [], moods: [mood('2026-11-01T20:00:00Z', 1, 1)], count: 3 }).gentle,
    ).toBe(false);
    expect(
      suggestNext({
        now,
        touchpoints: [],
        people: [],
        moods: [
          mood('2026-11-25T20:00:00Z', 4, 4),
          mood('2026-11-25T08:00:00Z', 4, null),
          mood('2026-11-24T20:00:00Z', 1, null),
        ],
        count: 3,
      }).gentle,
    ).toBe(false);
  });
});

describe('connect next: a new journal', () => {
  it('shows how to make a first touchpoint', () => {
    const plan = suggestNext({ now, touchpoints: [], people: [], moods: [], count: 3 });
    expect(plan.items).toHaveLength(1);
    expect(plan.items[0]).toMatchObject({
      kind: 'first-touchpoint',
      status: 'suggested',
      due: null,
      touchpointId: null,
    });
    expect(plan.items[0].command).toBe('connect touchpoint add "Sunday call" --every "week on sunday" --with Mum');
  });

  it('with a little history, suggests it with someone who tends to feel good to be with', () => {
    const people = journal([
      interaction('2026-11-20T10:00:00Z', ['Ana'], { quality: 5, felt: ['safe'] }),
      interaction('2026-11-25T10:00:00Z', ['Bo']),
    ]);
    const plan = suggestNext({ now, touchpoints: [], people, moods: [], count: 3 });
    expect(plan.items.at(-1)!.command).toBe(
      'connect touchpoint add "Sunday call with Ana" --every "week on sunday" --with Ana',
    );
  });
});

describe('connect next: steady and kind', () => {
  it('gives the same answer for the same journal and clock, whatever order things come in', () => {
    const touchpoints = [
      touchpoint('t1', 'Thursday call', ['Dad'], 'week on thursday', '2026-11-26'),
      touchpoint('t2', 'Also Thursday', ['Eve'], 'week on thursday', '2026-11-26'),
    ];
    const a = suggestNext({ now, touchpoints, people: journal(story()), moods: [], count: 10 });
    const b = suggestNext({
      now,
      touchpoints: [...touchpoints].reverse(),
      people: journal(story().reverse()).reverse(),
      moods: [],
      count: 10,
    });
    expect(b).toEqual(a);
  });

  it('never uses harsh words, in any state', () => {
    const states: NextInput[] = [
      {
        now,
        touchpoints: [touchpoint('t', 'Sunday call', ['Mum'], 'week on sunday', '2026-08-01')],
        people: journal(story()),
        moods: [],
        count: 10,
      },
      {
        now,
        touchpoints: [touchpoint('t', 'Walk', ['Sam'], '2 weeks', '2026-06-01')],
        people: journal(story()),
        moods: [mood('2026-11-25T20:00:00Z', 1, 1)],
        count: 10,
      },
      { now, touchpoints: [], people: [], moods: [], count: 3 },
    ];
    for (const state of states)
      for (const item of suggestNext(state).items) expect(`${item.title} ${item.reason}`).not.toMatch(HARSH);
  });

  it('quotes names for the shell only when needed', () => {
    expect(shellWord('Sam')).toBe('Sam');
    expect(shellWord('Sam Lee')).toBe('"Sam Lee"');
    expect(shellWord('say "hi" $x')).toBe('"say \\"hi\\" \\$x"');
  });
});

describe('connect next: when the touchpoints fill the list', () => {
  const lowMoods = [mood('2026-11-25T20:00:00Z', 2, 2), mood('2026-11-24T20:00:00Z', 1, 2)];
  const dueThisWeek = [
    touchpoint('t-today', 'Thursday call', ['Dad'], 'week on thursday', '2026-11-26'),
    touchpoint('t-past', 'Tuesday call', ['Mum'], 'week on tuesday', '2026-11-20'),
    touchpoint('t-week', 'Climbing', ['Jo'], 'week on monday', '2026-11-27'),
  ];
  /** What the command hands over before reading anyone's history: everyone's contacts of the past week. */
  const startOf = ({ people, ...rest }: NextInput) => {
    const since = lastWeekSince(rest.now).getTime();
    return { ...rest, lastWeek: people.flatMap((p) => p.interactions.filter((e) => e.at.getTime() >= since)) };
  };

  it.each([
    ['three touchpoints, three places', dueThisWeek, [], 3, true],
    ['three touchpoints, two places', dueThisWeek, [], 2, true],
    ['three touchpoints, four places: room for a rhythm', dueThisWeek, [], 4, false],
    ['one touchpoint, three places', dueThisWeek.slice(0, 1), [], 3, false],
    ['a heavy week, five places: two touchpoints and a small moment', dueThisWeek, lowMoods, 5, true],
    ['a heavy week, seven places: three touchpoints and a small moment', dueThisWeek, lowMoods, 7, true],
    ['a heavy week, nine places: room for a rhythm', dueThisWeek, lowMoods, 9, false],
    ['a heavy week, one place: only the small moment', [], lowMoods, 1, true],
    ['no touchpoints: the first one is suggested', [], [], 1, false],
  ] as const)(
    "%s: the same answer without reading anyone's history, or none",
    (_, touchpoints, moods, count, filled) => {
      const input: NextInput = {
        now,
        touchpoints: [...touchpoints],
        people: journal(story()),
        moods: [...moods],
        count,
      };
      const early = planNext(startOf(input)).list;
      if (filled) expect(early).toEqual(suggestNext(input));
      else expect(early).toBeNull();
    },
  );

  it('reads how things are now from the past week only', () => {
    // Two heavy starts to a conversation this week (one alone never switches it on), or last month.
    const heavyMonday = [
      interaction('2026-11-23T18:00:00Z', ['Kai'], { moodBefore: 1 }),
      interaction('2026-11-24T18:00:00Z', ['Kai'], { moodBefore: 2 }),
    ];
    const heavyLastMonth = [
      interaction('2026-10-23T18:00:00Z', ['Kai'], { moodBefore: 1 }),
      interaction('2026-10-24T18:00:00Z', ['Kai'], { moodBefore: 2 }),
    ];
    const input = (e: typeof heavyMonday): NextInput => ({
      now,
      touchpoints: dueThisWeek,
      people: journal(e),
      moods: [],
      count: 3,
    });
    expect(planNext(startOf(input(heavyMonday))).list).toEqual(suggestNext(input(heavyMonday)));
    expect(suggestNext(input(heavyMonday)).gentle).toBe(true);
    expect(planNext(startOf(input(heavyLastMonth))).list).toEqual(suggestNext(input(heavyLastMonth)));
    expect(suggestNext(input(heavyLastMonth)).gentle).toBe(false);
  });
});
