import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvery, type Every } from '../../src/core/every';
import {
  dayOf,
  firstDue,
  keepOn,
  parseDay,
  resumeFrom,
  skipOnce,
  touchpointKeptBy,
  viewDue,
  type Schedule,
  type Touchpoint,
} from '../../src/core/schedule';
import { interaction } from './next-builders';
import { dayKey } from '../../src/core/local-day';

// vitest.config.ts runs unit tests with TZ=Europe/Berlin; New York runs through the built binary in e2e.
const d = (text: string) => parseDay(text);
const f = (day: Date) => dayKey(day);

function schedule(every: string, from: string, overrides: Partial<Schedule> = {}): Schedule {
  const parsed = parseEvery(every);
  return {
    every: parsed,
    anchor: d(from),
    nextDue: firstDue(parsed, d(from)),
    lastKept: null,
    paused: false,
    ...overrides,
  };
}

/** The due days of a touchpoint kept on each of its days, `count` times. */
function dueDays(every: string, from: string, count: number): string[] {
  let s = schedule(every, from);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(f(s.nextDue));
    s = keepOn(s, s.nextDue)!;
  }
  return out;
}

describe('schedule arithmetic in Europe/Berlin', () => {
  it('runs in the zone the tests expect', () => {
    expect(new Date('2026-07-01T12:00:00Z').getTimezoneOffset()).toBe(-120);
    expect(new Date('2026-12-01T12:00:00Z').getTimezoneOffset()).toBe(-60);
  });

  it('keeps a Sunday a Sunday across the end of summer time (25 October 2026)', () => {
    const days = dueDays('week on sunday', '2026-10-14', 4);
    expect(days).toEqual(['2026-10-18', '2026-10-25', '2026-11-01', '2026-11-08']);
    for (const day of days) expect(d(day).getDay()).toBe(0);
  });

  it('keeps a Sunday a Sunday across the start of summer time (29 March 2026)', () => {
    expect(dueDays('week on sunday', '2026-03-16', 3)).toEqual(['2026-03-22', '2026-03-29', '2026-04-05']);
    const due = d('2026-04-05');
    expect([due.getHours(), due.getMinutes()]).toEqual([0, 0]);
  });

  it('floats a daily touchpoint over the DST night without losing or doubling a day', () => {
    expect(dueDays('day', '2026-03-28', 3)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(dueDays('day', '2026-10-24', 3)).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
  });

  it('puts a two-weekly Friday on every other Friday from its start', () => {
    expect(dueDays('2 weeks on friday', '2026-10-20', 3)).toEqual(['2026-10-23', '2026-11-06', '2026-11-20']);
  });

  it('finds the first, fourth and last weekday of each month', () => {
    expect(dueDays('month on the first tuesday', '2026-10-07', 4)).toEqual([
      '2026-11-03',
      '2026-12-01',
      '2027-01-05',
      '2027-02-02',
    ]);
    expect(dueDays('month on the last friday', '2026-10-01', 3)).toEqual(['2026-10-30', '2026-11-27', '2026-12-25']);
    expect(dueDays('month on the fourth thursday', '2026-11-01', 2)).toEqual(['2026-11-26', '2026-12-24']);
  });

  it('lets a day of the month fall back to a short month end and come back after it', () => {
    expect(dueDays('month on the 31st', '2026-12-15', 5)).toEqual([
      '2026-12-31',
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
    ]);
    expect(dueDays('month on the 30th', '2027-01-30', 3)).toEqual(['2027-01-30', '2027-02-28', '2027-03-30']);
  });

  it('handles 29 February in a leap year, and its absence in others', () => {
    expect(dueDays('month on the 29th', '2028-01-10', 3)).toEqual(['2028-01-29', '2028-02-29', '2028-03-29']);
    expect(dueDays('month on the 29th', '2027-01-10', 3)).toEqual(['2027-01-29', '2027-02-28', '2027-03-29']);
    expect(dueDays('day', '2028-02-28', 3)).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(dueDays('week on tuesday', '2028-02-22', 2)).toEqual(['2028-02-22', '2028-02-29']);
    // A floating month from 31 January lands on the month's last day, then carries on from there.
    expect(dueDays('month', '2028-01-31', 3)).toEqual(['2028-01-31', '2028-02-29', '2028-03-29']);
    expect(dueDays('month', '2027-01-31', 2)).toEqual(['2027-01-31', '2027-02-28']);
  });
});

describe('keeping', () => {
  it('keeps a Sunday touchpoint with a call the day before or a few days late, and moves on a week', () => {
    const s = schedule('week on sunday', '2026-11-23'); // first due Sunday 29 November
    expect(f(s.nextDue)).toBe('2026-11-29');
    const early = keepOn(s, d('2026-11-28'))!;
    expect([f(early.nextDue), f(early.lastKept!)]).toEqual(['2026-12-06', '2026-11-28']);
    const late = keepOn(s, d('2026-12-02'))!;
    expect(f(late.nextDue)).toBe('2026-12-06');
  });

  it('does not keep the same period twice', () => {
    const kept = keepOn(schedule('week on sunday', '2026-11-23'), d('2026-11-29'))!;
    expect(keepOn(kept, d('2026-11-30'))).toBeNull();
    expect(keepOn(kept, d('2026-11-29'))).toBeNull();
  });

  it('floats a period on from the contact that kept it; later contacts in that period change nothing', () => {
    const s = schedule('2 weeks', '2026-11-01');
    const kept = keepOn(s, d('2026-11-10'))!;
    expect(f(kept.nextDue)).toBe('2026-11-24');
    expect(keepOn(kept, d('2026-11-12'))).toBeNull();
    expect(keepOn(kept, d('2026-11-22'))).toBeNull();
    // The day before its day opens the next one.
    expect(f(keepOn(kept, d('2026-11-23'))!.nextDue)).toBe('2026-12-07');
  });

  it('matches by any of its people, and picks the closest fit deterministically', () => {
    const base = schedule('week on sunday', '2026-11-23');
    const call: Touchpoint = {
      ...base,
      id: 'b',
      title: 'Sunday call',
      people: ['Mum', 'Dad'],
      channel: 'call',
      activity: null,
    };
    const lunch: Touchpoint = {
      ...schedule('month on the last sunday', '2026-11-01'),
      id: 'a',
      title: 'Family lunch',
      people: ['Mum'],
      channel: 'in-person',
      activity: 'lunch',
    };
    const withDad = interaction('2026-11-29T16:00:00Z', ['Dad'], { channel: 'call' });
    expect(touchpointKeptBy([lunch, call], withDad)?.touchpoint.id).toBe('b');
    const lunchWithMum = interaction('2026-11-29T11:00:00Z', ['Mum'], { channel: 'in-person', activity: 'Lunch' });
    expect(touchpointKeptBy([call, lunch], lunchWithMum)?.touchpoint.id).toBe('a');
    expect(touchpointKeptBy([call, lunch], interaction('2026-11-29T11:00:00Z', ['Sam']))).toBeNull();
    expect(touchpointKeptBy([{ ...call, paused: true }], withDad)).toBeNull();
  });

  it('matches a touchpoint without people by its activity', () => {
    const club: Touchpoint = {
      ...schedule('month on the first tuesday', '2026-11-01'),
      id: 'c',
      title: 'Book club',
      people: [],
      channel: null,
      activity: 'book club',
    };
    expect(
      touchpointKeptBy([club], interaction('2026-11-03T18:00:00Z', ['Ana'], { activity: 'Book Club' }))?.touchpoint.id,
    ).toBe('c');
    expect(touchpointKeptBy([club], interaction('2026-11-03T18:00:00Z', ['Ana'], { activity: 'walk' }))).toBeNull();
  });
});

describe('nothing piles up', () => {
  it('offers a quiet weekly touchpoint once, however many weeks have gone by', () => {
    const s = schedule('week on sunday', '2026-10-01'); // due 4 October, then silence
    const monday = viewDue(s, new Date('2026-10-05T09:00:00Z'));
    expect([f(monday.due), monday.status, monday.late, f(monday.following)]).toEqual([
      '2026-10-04',
      'due',
      true,
      '2026-10-11',
    ]);
    // Seven weeks later there is still exactly one occurrence on offer: the one a contact today would keep.
    const later = viewDue(s, new Date('2026-11-24T09:00:00Z'));
    expect([f(later.due), later.status, later.late, f(later.until!)]).toEqual([
      '2026-11-22',
      'due',
      true,
      '2026-11-28',
    ]);
    const saturday = viewDue(s, new Date('2026-11-28T09:00:00Z'));
    expect([f(saturday.due), saturday.status, saturday.late]).toEqual(['2026-11-22', 'due', true]);
    const sunday = viewDue(s, new Date('2026-11-29T09:00:00Z'));
    expect([f(sunday.due), sunday.status, sunday.late]).toEqual(['2026-11-29', 'due', false]);
  });

  it('keeps the nearest occurrence after weeks of silence, and the next is a week on', () => {
    const s = schedule('week on sunday', '2026-10-01');
    const kept = keepOn(s, d('2026-11-24'))!;
    expect(f(kept.nextDue)).toBe('2026-11-29');
  });

  it('shows a long-quiet floating touchpoint as due today, not weeks ago', () => {
    const s = schedule('week', '2026-09-01');
    const view = viewDue(s, new Date('2026-11-26T09:00:00Z'));
    expect([f(view.due), view.status, view.late]).toEqual(['2026-11-26', 'due', true]);
  });
});

describe('skip, pause and resume', () => {
  it('skip lets this one pass: the next is due a period later', () => {
    const s = schedule('week on sunday', '2026-11-23');
    expect(f(skipOnce(s, new Date('2026-11-26T09:00:00Z')).nextDue)).toBe('2026-12-06');
    const floating = schedule('2 weeks', '2026-11-20');
    expect(f(skipOnce(floating, new Date('2026-11-26T09:00:00Z')).nextDue)).toBe('2026-12-10');
  });

  it('a call in a skipped period does not keep it again', () => {
    const skipped = skipOnce(schedule('week on sunday', '2026-11-23'), new Date('2026-11-26T09:00:00Z'));
    expect(keepOn(skipped, d('2026-11-29'))).toBeNull();
    expect(f(keepOn(skipped, d('2026-12-05'))!.nextDue)).toBe('2026-12-13');
  });

  it('a paused touchpoint is shown as paused and nothing waits when it resumes', () => {
    const s = { ...schedule('week on sunday', '2026-09-01'), paused: true };
    expect(viewDue(s, new Date('2026-11-24T09:00:00Z')).status).toBe('paused');
    const resumed = resumeFrom(s, new Date('2026-11-24T09:00:00Z'));
    expect([resumed.paused, f(resumed.nextDue)]).toEqual([false, '2026-11-29']);
    expect(viewDue(resumed, new Date('2026-11-24T09:00:00Z')).late).toBe(false);
    const floating = resumeFrom(
      { ...schedule('2 weeks', '2026-09-01'), paused: true },
      new Date('2026-11-24T09:00:00Z'),
    );
    expect(f(floating.nextDue)).toBe('2026-11-24');
  });
});

// Property-based: whatever the rhythm, start and keeping days, the schedule stays on its calendar.
const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const anchoredWeekly = fc.record({ n: fc.integer({ min: 1, max: 4 }), weekday: fc.integer({ min: 0, max: 6 }) });
const startDay = fc.integer({ min: 0, max: 3 * 365 }).map((offset) => new Date(2026, 0, 1 + offset));
const gaps = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 12 });

describe('schedule properties', () => {
  it('the next due day is after the last kept one and on the anchor weekday', () => {
    fc.assert(
      fc.property(anchoredWeekly, startDay, gaps, ({ n, weekday }, start, steps) => {
        const every = parseEvery(`${n} weeks on ${WEEKDAY_NAMES[weekday]}`);
        let s: Schedule = { every, anchor: start, nextDue: firstDue(every, start), lastKept: null, paused: false };
        expect(s.nextDue.getDay()).toBe(weekday);
        expect(s.nextDue.getTime()).toBeGreaterThanOrEqual(start.getTime());
        let day = start;
        for (const step of steps) {
          day = new Date(day.getFullYear(), day.getMonth(), day.getDate() + step);
          const kept = keepOn(s, day);
          if (!kept) continue;
          s = kept;
          expect(s.nextDue.getTime()).toBeGreaterThan(s.lastKept!.getTime());
          expect(s.nextDue.getDay()).toBe(weekday);
          expect([s.nextDue.getHours(), s.nextDue.getMinutes()]).toEqual([0, 0]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('monthly weekday touchpoints land on that weekday in the right week of the month', () => {
    const ordinal = fc.constantFrom('first', 'second', 'third', 'fourth', 'last');
    fc.assert(
      fc.property(ordinal, fc.integer({ min: 0, max: 6 }), startDay, gaps, (which, weekday, start, steps) => {
        const every = parseEvery(`month on the ${which} ${WEEKDAY_NAMES[weekday]}`);
        let s: Schedule = { every, anchor: start, nextDue: firstDue(every, start), lastKept: null, paused: false };
        let day = start;
        for (const step of steps) {
          day = new Date(day.getFullYear(), day.getMonth(), day.getDate() + step);
          s = keepOn(s, day) ?? s;
          const due = s.nextDue;
          expect(due.getDay()).toBe(weekday);
          const week = Math.floor((due.getDate() - 1) / 7);
          if (which === 'last')
            expect(new Date(due.getFullYear(), due.getMonth(), due.getDate() + 7).getMonth()).not.toBe(due.getMonth());
          else expect(week).toBe(['first', 'second', 'third', 'fourth'].indexOf(which));
          if (s.lastKept) expect(due.getTime()).toBeGreaterThan(s.lastKept.getTime());
        }
      }),
      { numRuns: 200 },
    );
  });

  it('every rhythm: one occurrence on offer at a time, and it owns the day it is shown for', () => {
    const spec = fc.constantFrom(
      'day',
      '3 days',
      'week',
      '2 weeks',
      'week on sunday',
      '3 weeks on wednesday',
      'month',
      'month on the first monday',
      'month on the 31st',
    );
    fc.assert(
      fc.property(spec, startDay, fc.integer({ min: 0, max: 400 }), (text, start, silence) => {
        const every: Every = parseEvery(text);
        const s: Schedule = { every, anchor: start, nextDue: firstDue(every, start), lastKept: null, paused: false };
        const today = new Date(start.getFullYear(), start.getMonth(), start.getDate() + silence, 15);
        const view = viewDue(s, today);
        // Never more than one gap between occurrences back (35 days between two first Mondays), whatever the silence.
        const back = (dayOf(today).getTime() - view.due.getTime()) / 86_400_000;
        expect(back).toBeLessThanOrEqual(35);
        expect(view.following.getTime()).toBeGreaterThan(view.due.getTime());
        if (view.late) expect(view.status).toBe('due');
      }),
      { numRuns: 300 },
    );
  });

  it('an open occurrence is kept from the day before its day up to the day before the next one', () => {
    fc.assert(
      fc.property(anchoredWeekly, startDay, fc.integer({ min: -20, max: 400 }), ({ n, weekday }, start, offset) => {
        const every = parseEvery(`${n} weeks on ${WEEKDAY_NAMES[weekday]}`);
        const s: Schedule = { every, anchor: start, nextDue: firstDue(every, start), lastKept: null, paused: false };
        const day = new Date(start.getFullYear(), start.getMonth(), start.getDate() + offset);
        const kept = keepOn(s, day);
        const first = s.nextDue;
        const dayBefore = new Date(first.getFullYear(), first.getMonth(), first.getDate() - 1);
        if (day.getTime() < dayBefore.getTime()) {
          expect(kept).toBeNull();
          return;
        }
        expect(kept).not.toBeNull();
        // The occurrence it kept is the one just before what is due next, and the day lies in its window.
        const kept0 = new Date(kept!.nextDue.getFullYear(), kept!.nextDue.getMonth(), kept!.nextDue.getDate() - 7 * n);
        expect(kept0.getDay()).toBe(weekday);
        expect(day.getTime()).toBeGreaterThanOrEqual(
          new Date(kept0.getFullYear(), kept0.getMonth(), kept0.getDate() - 1).getTime(),
        );
        expect(day.getTime()).toBeLessThan(kept!.nextDue.getTime());
      }),
      { numRuns: 300 },
    );
  });
});

describe('a new touchpoint', () => {
  it('starting in the past is laid on its grid but due from today on', () => {
    const every = parseEvery('2 weeks on friday');
    expect(f(firstDue(every, d('2026-10-02'), new Date('2026-11-26T10:00:00Z')))).toBe('2026-11-27');
    expect(f(firstDue(every, d('2026-10-09'), new Date('2026-11-26T10:00:00Z')))).toBe('2026-12-04');
    expect(f(firstDue(parseEvery('week'), d('2026-10-02'), new Date('2026-11-26T10:00:00Z')))).toBe('2026-11-26');
    expect(f(firstDue(parseEvery('week'), d('2026-12-02'), new Date('2026-11-26T10:00:00Z')))).toBe('2026-12-02');
  });
});
