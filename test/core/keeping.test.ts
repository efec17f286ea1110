import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvery } from '../../src/core/every';
import { dayKey } from '../../src/core/local-day';
import { isGentleTime, suggestNext } from '../../src/core/next';
import {
  channelKeeps,
  firstDue,
  keepOn,
  keepingChannels,
  matchesTouchpoint,
  occurrenceKeptOn,
  parseDay,
  replan,
  touchpointKeptBy,
  viewDue,
  type Schedule,
  type Touchpoint,
} from '../../src/core/schedule';
import { CHANNELS, type Channel } from '../../src/core/types';
import { interaction, mood } from './next-builders';

// Unit tests run with TZ=Europe/Berlin (vitest.config); days here are local calendar days.
const d = (text: string) => parseDay(text);
const f = (day: Date | null) => (day ? dayKey(day) : null);

function touchpoint(every: string, from: string, overrides: Partial<Touchpoint> = {}): Touchpoint {
  const parsed = parseEvery(every);
  return {
    id: 't',
    title: 'Touchpoint',
    people: ['Mum'],
    every: parsed,
    anchor: d(from),
    nextDue: firstDue(parsed, d(from)),
    lastKept: null,
    paused: false,
    channel: null,
    activity: null,
    ...overrides,
  };
}

describe('what keeps a touchpoint', () => {
  // [touchpoint channel, entry channel, keeps]: that channel or a richer one; no channel on either side counts.
  const richness: [Channel | null, Channel | null, boolean][] = [
    ['call', 'call', true],
    ['call', 'video', true],
    ['call', 'in-person', true],
    ['call', 'voice-message', false],
    ['call', 'text', false],
    ['call', 'online', false],
    ['call', null, true],
    ['video', 'call', false],
    ['video', 'in-person', true],
    ['in-person', 'video', false],
    ['voice-message', 'text', false],
    ['voice-message', 'call', true],
    ['text', 'online', true],
    ['text', 'voice-message', true],
    [null, 'text', true],
    [null, null, true],
  ];
  it.each(richness)('a touchpoint by %s is kept by %s: %s', (wanted, used, keeps) => {
    expect(channelKeeps(wanted, used)).toBe(keeps);
    const t = touchpoint('week on sunday', '2026-11-23', { channel: wanted });
    expect(matchesTouchpoint(t, { people: ['Mum'], channel: used, activity: null })).toBe(keeps);
  });

  it('offers, for a channel named, only the channels that can keep it', () => {
    expect(keepingChannels('call')).toEqual(['call', 'video', 'in-person']);
    expect(keepingChannels('in-person')).toEqual(['in-person']);
    expect(keepingChannels(null)).toEqual(
      [...CHANNELS].sort(
        (a, b) =>
          ['text', 'online', 'voice-message', 'call', 'video', 'in-person'].indexOf(a) -
          ['text', 'online', 'voice-message', 'call', 'video', 'in-person'].indexOf(b),
      ),
    );
  });

  // [people, activity, channel of the touchpoint] × [entry people, activity, channel] → keeps
  const cases: [
    string,
    Partial<Touchpoint>,
    { people: string[]; activity: string | null; channel: Channel | null },
    boolean,
  ][] = [
    [
      'a walk is kept by a walk with one of them',
      { people: ['Priya', 'Tom'], activity: 'walk' },
      { people: ['Tom'], activity: 'Walk', channel: 'in-person' },
      true,
    ],
    [
      'a walk is not kept by a text with one of them',
      { people: ['Priya', 'Tom'], activity: 'walk' },
      { people: ['Priya'], activity: null, channel: 'text' },
      false,
    ],
    [
      'a walk is not kept by a video call with Priya alone',
      { people: ['Priya', 'Tom'], activity: 'walk' },
      { people: ['Priya'], activity: null, channel: 'video' },
      false,
    ],
    [
      'a walk is not kept by a walk with someone else',
      { people: ['Priya', 'Tom'], activity: 'walk' },
      { people: ['Sam'], activity: 'walk', channel: null },
      false,
    ],
    [
      'a call is never kept by a text',
      { people: ['Mum'], channel: 'call' },
      { people: ['Mum'], activity: null, channel: 'text' },
      false,
    ],
    [
      'a visit keeps a call',
      { people: ['Mum'], channel: 'call' },
      { people: ['Mum'], activity: 'Thanksgiving', channel: 'in-person' },
      true,
    ],
    [
      'keep in touch: any contact with them',
      { people: ['Lee'] },
      { people: ['Lee'], activity: null, channel: 'text' },
      true,
    ],
    [
      'an activity-only touchpoint is kept by its activity with anyone',
      { people: [], activity: 'book club' },
      { people: ['Ana'], activity: 'Book Club', channel: 'in-person' },
      true,
    ],
    [
      'an activity-only touchpoint is not kept by another activity',
      { people: [], activity: 'book club' },
      { people: ['Ana'], activity: 'walk', channel: 'in-person' },
      false,
    ],
    [
      'an activity-only touchpoint with a channel needs it',
      { people: [], activity: 'book club', channel: 'in-person' },
      { people: ['Ana'], activity: 'book club', channel: 'video' },
      false,
    ],
    [
      'nothing keeps a touchpoint with no people and no activity',
      { people: [], activity: null },
      { people: ['Ana'], activity: null, channel: null },
      false,
    ],
  ];
  it.each(cases)('%s', (_, shape, entry, keeps) => {
    expect(matchesTouchpoint(touchpoint('2 weeks', '2026-11-01', shape), entry)).toBe(keeps);
  });
});

describe('when an entry keeps an occurrence', () => {
  // Sunday call from Mon 23 Nov: occurrences Sun 29 Nov, Sun 6 Dec, Sun 13 Dec…
  const sunday = touchpoint('week on sunday', '2026-11-23');
  // [state (next due), entry day, occurrence kept (null: none), next due after]
  const windows: [string, string, string, string | null, string | null][] = [
    ['too early: three days before', '2026-11-29', '2026-11-26', null, null],
    ['the day before its day', '2026-11-29', '2026-11-28', '2026-11-29', '2026-12-06'],
    ['on its day', '2026-11-29', '2026-11-29', '2026-11-29', '2026-12-06'],
    ['a few days late', '2026-11-29', '2026-12-02', '2026-11-29', '2026-12-06'],
    ['where windows meet, the earlier open one takes it', '2026-11-29', '2026-12-05', '2026-11-29', '2026-12-06'],
    [
      'where windows meet and the earlier is kept, the later one',
      '2026-12-06',
      '2026-12-05',
      '2026-12-06',
      '2026-12-13',
    ],
    ['kept already: a later contact in the same period keeps nothing', '2026-12-06', '2026-11-30', null, null],
    [
      'after weeks of quiet: the occurrence whose window holds the day',
      '2026-11-29',
      '2026-12-16',
      '2026-12-13',
      '2026-12-20',
    ],
  ];
  it.each(windows)('%s', (_, nextDue, day, occurrence, after) => {
    const s = { ...sunday, nextDue: d(nextDue) };
    expect(f(occurrenceKeptOn(s, d(day)))).toBe(occurrence);
    expect(f(keepOn(s, d(day))?.nextDue ?? null)).toBe(after);
    if (after) expect(f(keepOn(s, d(day))!.lastKept)).toBe(day);
  });

  it('--touchpoint keeps the earliest open occurrence, however early', () => {
    const s = { ...sunday, nextDue: d('2026-11-29') };
    expect(f(occurrenceKeptOn(s, d('2026-11-24'), true))).toBe('2026-11-29');
    expect(f(keepOn(s, d('2026-11-24'), true)!.nextDue)).toBe('2026-12-06');
    expect(f(occurrenceKeptOn(s, d('2026-12-16'), true))).toBe('2026-12-13');
  });

  it('a floating schedule is due a period after the entry that kept it, and later contacts do not push it', () => {
    const walk = touchpoint('2 weeks', '2026-10-28', { people: ['Priya', 'Tom'], activity: 'walk' });
    let s: Schedule = walk;
    s = keepOn(s, d('2026-10-28'))!;
    expect(f(s.nextDue)).toBe('2026-11-11');
    for (const day of ['2026-10-30', '2026-11-02', '2026-11-05', '2026-11-09']) expect(keepOn(s, d(day))).toBeNull();
    // Quiet after its day: still that one occurrence, kept whenever the walk happens.
    expect(f(occurrenceKeptOn(s, d('2026-11-20')))).toBe('2026-11-11');
    expect(f(keepOn(s, d('2026-11-20'))!.nextDue)).toBe('2026-12-04');
  });

  it('touchpointKeptBy picks the touchpoint the entry fits, never one its channel cannot keep', () => {
    const call = touchpoint('week on sunday', '2026-11-23', { id: 'call', title: 'Sunday call', channel: 'call' });
    const walk = touchpoint('2 weeks', '2026-11-20', {
      id: 'walk',
      title: 'Coffee walk',
      people: ['Priya', 'Tom'],
      activity: 'walk',
    });
    expect(
      touchpointKeptBy([call, walk], interaction('2026-11-29T15:00:00Z', ['Mum'], { channel: 'text' })),
    ).toBeNull();
    expect(
      touchpointKeptBy([call, walk], interaction('2026-11-29T15:00:00Z', ['Mum'], { channel: 'video' }))?.touchpoint.id,
    ).toBe('call');
    expect(
      touchpointKeptBy([call, walk], interaction('2026-11-22T15:00:00Z', ['Priya'], { channel: 'video' })),
    ).toBeNull();
    expect(
      touchpointKeptBy([call, walk], interaction('2026-11-22T15:00:00Z', ['Priya', 'Tom'], { activity: 'walk' }))
        ?.touchpoint.id,
    ).toBe('walk');
  });

  it('property: each occurrence is kept at most once, in order, and only by a day in its window', () => {
    const spec = fc.constantFrom(
      'day',
      '3 days',
      'week',
      '2 weeks',
      'week on sunday',
      '2 weeks on friday',
      'month',
      'month on the first monday',
      'month on the 31st',
    );
    const start = fc.integer({ min: 0, max: 700 }).map((offset) => new Date(2026, 0, 1 + offset));
    fc.assert(
      fc.property(
        spec,
        start,
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 30 }),
        (text, from, gaps) => {
          const every = parseEvery(text);
          let s: Schedule = { every, anchor: from, nextDue: firstDue(every, from), lastKept: null, paused: false };
          const kept: number[] = [];
          let day = new Date(from.getFullYear(), from.getMonth(), from.getDate() - 2);
          for (const gap of gaps) {
            day = new Date(day.getFullYear(), day.getMonth(), day.getDate() + gap);
            const occurrence = occurrenceKeptOn(s, day);
            const next = keepOn(s, day);
            expect(next === null).toBe(occurrence === null);
            if (!next || !occurrence) continue;
            // In its window: from the day before its day, and before the next one.
            expect(day.getTime()).toBeGreaterThanOrEqual(
              new Date(occurrence.getFullYear(), occurrence.getMonth(), occurrence.getDate() - 1).getTime(),
            );
            expect(next.nextDue.getTime()).toBeGreaterThan(day.getTime());
            expect(next.nextDue.getTime()).toBeGreaterThan(occurrence.getTime());
            if (kept.length > 0) expect(occurrence.getTime()).toBeGreaterThan(kept[kept.length - 1]);
            kept.push(occurrence.getTime());
            s = next;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('editing a rhythm re-plans it', () => {
  const today = new Date('2026-11-26T10:00:00Z'); // Thursday
  it('keeps an occurrence its last keeping already covers, and lays a floating one from that keeping', () => {
    const s = keepOn(touchpoint('week on sunday', '2026-11-01'), d('2026-11-22'))!;
    expect(f(replan(s, parseEvery('week on saturday'), s.anchor, today, false).nextDue)).toBe('2026-11-28');
    expect(f(replan(s, parseEvery('3 weeks'), s.anchor, today, false).nextDue)).toBe('2026-12-13');
    expect(f(replan({ ...s, lastKept: null }, parseEvery('2 weeks'), d('2026-12-01'), today, true).nextDue)).toBe(
      '2026-12-01',
    );
    // Kept yesterday; its new first day is today: that one is kept already.
    const kept = keepOn(touchpoint('week', '2026-11-20'), d('2026-11-25'))!;
    expect(f(replan(kept, parseEvery('week on thursday'), kept.anchor, today, false).nextDue)).toBe('2026-12-03');
  });
});

describe('low-mood mode', () => {
  const now = new Date('2026-11-26T10:00:00Z');
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000);
  // [readings (mood, energy, days ago), gentle]
  const table: [string, [number | null, number | null, number][], boolean][] = [
    [
      'one low energy reading among good moods',
      [
        [4, null, 1],
        [5, null, 2],
        [4, 1, 3],
      ],
      false,
    ],
    ['one very low mood reading alone', [[1, null, 1]], false],
    ['one check-in low in both', [[1, 1, 1]], false],
    [
      'two low moods',
      [
        [2, null, 1],
        [1, null, 3],
      ],
      true,
    ],
    [
      'two low energies, good moods',
      [
        [4, 2, 1],
        [5, 1, 2],
        [4, null, 3],
      ],
      true,
    ],
    [
      'two low among three, mean above 2.5',
      [
        [2, null, 1],
        [2, null, 2],
        [5, null, 3],
      ],
      false,
    ],
    [
      'one low and one middling: mean 2.5 but one low reading',
      [
        [1, null, 1],
        [4, null, 2],
      ],
      false,
    ],
    [
      'two low readings last week but not this one',
      [
        [2, null, 9],
        [1, null, 10],
      ],
      false,
    ],
    [
      'the last three are low, older good ones aside',
      [
        [2, null, 1],
        [2, null, 2],
        [1, null, 3],
        [5, null, 4],
      ],
      true,
    ],
  ];
  it.each(table)('%s', (_, readings, gentle) => {
    const moods = readings.map(([m, e, ago]) => mood(at(ago), m, e));
    expect(isGentleTime(moods, [], now)).toBe(gentle);
  });

  it('counts the mood before a conversation as a reading', () => {
    const before = [interaction(at(1), ['Sam'], { moodBefore: 2 }), interaction(at(2), ['Sam'], { moodBefore: 1 })];
    expect(isGentleTime([], before, now)).toBe(true);
    expect(isGentleTime([], before.slice(0, 1), now)).toBe(false);
  });
});

describe('connect next always answers', () => {
  const now = new Date('2026-11-26T10:00:00Z'); // Thursday

  it('a touchpoint kept today, its next a week away, is still on the list', () => {
    const s = keepOn(
      touchpoint('week on thursday', '2026-11-19', { id: 'thu', title: 'Thursday call' }),
      d('2026-11-26'),
    )!;
    const plan = suggestNext({
      now,
      touchpoints: [{ ...touchpoint('week on thursday', '2026-11-19'), ...s, id: 'thu', title: 'Thursday call' }],
      people: [],
      moods: [],
      count: 3,
    });
    expect(plan.items.map((i) => [i.kind, i.status, f(i.due)])).toEqual([['touchpoint', 'upcoming', '2026-12-03']]);
    expect(plan.items[0].reason).toBe('Coming up on Thu 3 Dec (every week on Thursday).');
  });

  it('one monthly touchpoint far off, and nothing else', () => {
    const club = touchpoint('month on the 15th', '2026-11-26', {
      id: 'club',
      title: 'Book club',
      people: [],
      activity: 'book club',
    });
    const plan = suggestNext({ now, touchpoints: [club], people: [], moods: [], count: 3 });
    expect(plan.items.map((i) => [i.touchpointId, i.status, f(i.due)])).toEqual([['club', 'upcoming', '2026-12-15']]);
  });

  it('in a low time with one place, the soonest touchpoint keeps it', () => {
    const club = touchpoint('month on the 15th', '2026-11-26', {
      id: 'club',
      title: 'Book club',
      people: [],
      activity: 'book club',
    });
    const low = [mood(new Date('2026-11-25T10:00:00Z'), 1), mood(new Date('2026-11-24T10:00:00Z'), 2)];
    expect(
      suggestNext({ now, touchpoints: [club], people: [], moods: low, count: 1 }).items.map((i) => i.kind),
    ).toEqual(['touchpoint']);
    expect(
      suggestNext({ now, touchpoints: [club], people: [], moods: low, count: 3 }).items.map((i) => i.kind),
    ).toEqual(['touchpoint', 'small-moment']);
  });

  it('with every touchpoint paused and no one to suggest, a small moment', () => {
    const paused = touchpoint('week on sunday', '2026-11-01', { paused: true });
    const items = suggestNext({ now, touchpoints: [paused], people: [], moods: [], count: 3 }).items;
    expect(items.map((i) => i.kind)).toEqual(['small-moment']);
    expect(items[0].reason).not.toContain("It's okay if connection feels hard");
  });

  it('property: over random journals, a live touchpoint always puts the soonest one on the list', () => {
    const spec = fc.constantFrom(
      'day',
      '3 days',
      'week',
      '2 weeks',
      'week on sunday',
      '3 weeks on wednesday',
      'month',
      'month on the last friday',
      'month on the 15th',
    );
    const one = fc.record({
      spec,
      from: fc.integer({ min: -120, max: 120 }),
      kept: fc.option(fc.integer({ min: -60, max: 0 }), { nil: null }),
      paused: fc.boolean(),
      people: fc.subarray(['Mum', 'Sam', 'Ana'], { minLength: 0 }),
    });
    const day = (offset: number) => new Date(2026, 10, 26 + offset);
    fc.assert(
      fc.property(
        fc.array(one, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 4 }),
        (specs, count, moodValues) => {
          const touchpoints: Touchpoint[] = specs.map((t, i) => {
            const every = parseEvery(t.spec);
            let s: Schedule = {
              every,
              anchor: day(t.from),
              nextDue: firstDue(every, day(t.from), t.from > 0 ? day(t.from) : day(-120)),
              lastKept: null,
              paused: false,
            };
            if (t.kept !== null) s = keepOn(s, day(t.kept)) ?? s;
            return {
              ...s,
              paused: t.paused,
              id: `t${i}`,
              title: `T${i}`,
              people: t.people,
              channel: null,
              activity: t.people.length ? null : 'walk',
            };
          });
          const moods = moodValues.map((v, i) => mood(new Date(now.getTime() - (i + 1) * 3_600_000), v));
          const plan = suggestNext({ now, touchpoints, people: [], moods, count });
          expect(plan.items.length).toBeGreaterThan(0);
          const live = touchpoints.filter((t) => !t.paused);
          if (live.length === 0) return;
          const soonest = Math.min(...live.map((t) => viewDue(t, now).due.getTime()));
          const first = plan.items[0];
          expect(first.kind).toBe('touchpoint');
          expect(first.due!.getTime()).toBe(soonest);
          // Every touchpoint line agrees with its status and date.
          for (const item of plan.items.filter((i) => i.kind === 'touchpoint')) {
            const days = Math.round((item.due!.getTime() - d('2026-11-26').getTime()) / 86_400_000);
            if (days > 0) expect([item.status, item.reason.startsWith('Coming up')]).toEqual(['upcoming', true]);
            if (days === 0) expect(item.status).toBe('due');
            if (days < 0) expect([item.status, item.reason.startsWith('Its day was')]).toEqual(['due', true]);
            if (item.reason.includes('works too'))
              expect(item.reason).not.toMatch(/\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) works too/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('reasons agree with what they sit beside', () => {
  const now = new Date('2026-11-26T10:00:00Z'); // Thursday
  const low = [mood(new Date('2026-11-25T10:00:00Z'), 1), mood(new Date('2026-11-24T10:00:00Z'), 2)];
  const reasonFor = (t: Touchpoint, moods = low) =>
    suggestNext({ now, touchpoints: [t], people: [], moods, count: 3 }).items[0];

  it('a floating one gone by shows today, and says today works', () => {
    const walk = touchpoint('2 weeks', '2026-11-01', { people: ['Priya'], activity: 'walk', title: 'Coffee walk' });
    const item = reasonFor(walk, []);
    expect([item.status, f(item.due)]).toEqual(['due', '2026-11-26']);
    expect(item.reason).toBe('Its day was Sun 1 Nov; today works, or whenever suits (every 2 weeks).');
  });

  it('an anchored one gone by shows its day, and until when it can still be kept', () => {
    const call = touchpoint('week on sunday', '2026-11-01', {
      nextDue: d('2026-11-22'),
      channel: 'call',
      title: 'Sunday call',
    });
    const item = reasonFor(call, []);
    expect([item.status, f(item.due)]).toEqual(['due', '2026-11-22']);
    expect(item.reason).toBe('Its day was Sun 22 Nov; any time by Sat 28 Nov still keeps it (every week on Sunday).');
  });

  it('in a low time, offers only channels that can keep it', () => {
    const base = { nextDue: d('2026-11-29') };
    expect(reasonFor(touchpoint('week on sunday', '2026-11-01', { ...base, channel: 'call' })).reason).toMatch(
      / A short call counts too\.$/,
    );
    expect(reasonFor(touchpoint('week on sunday', '2026-11-01', { ...base, activity: 'walk' })).reason).toMatch(
      / A short one counts too\.$/,
    );
    expect(reasonFor(touchpoint('week on sunday', '2026-11-01', { ...base, channel: 'in-person' })).reason).not.toMatch(
      /call|voice/,
    );
    expect(reasonFor(touchpoint('week on sunday', '2026-11-01', base)).reason).toMatch(
      / A short call or a voice message counts too\.$/,
    );
  });
});

describe('suggestions beside a touchpoint', () => {
  it('offer no channel its touchpoint could not be kept by: no call-or-voice-message line for someone with a call touchpoint', () => {
    const now = new Date('2026-11-26T10:00:00Z');
    const texts = Array.from({ length: 6 }, (_, i) =>
      interaction(new Date(now.getTime() - (2 + 3 * i) * 86_400_000), ['Lee'], { channel: 'text' }),
    );
    const people = [{ name: 'Lee', interactions: texts }];
    expect(suggestNext({ now, touchpoints: [], people, moods: [], count: 5 }).items.map((i) => i.kind)).toContain(
      'voice',
    );
    const call = touchpoint('month on the 15th', '2026-11-26', {
      people: ['Lee'],
      channel: 'call',
      title: 'Long call',
    });
    // Lee's call is weeks away and not on the list; the sooner Sunday call with Mum is.
    const sunday = touchpoint('week on sunday', '2026-11-26', { id: 'sun', title: 'Sunday call' });
    const items = suggestNext({ now, touchpoints: [call, sunday], people, moods: [], count: 5 }).items;
    expect(items[0]).toMatchObject({ kind: 'touchpoint', touchpointId: 'sun' });
    expect(items.map((i) => i.kind)).not.toContain('voice');
  });
});
