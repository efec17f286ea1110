import ICAL from 'ical.js';
import { RRule } from 'rrule';
import { addMonths } from 'date-fns/addMonths';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEvery } from '../../src/core/every';
import { dayKey } from '../../src/core/local-day';
import {
  firstDue,
  keepOn,
  occurrenceAfter,
  occurrenceOnOrBefore,
  skipOnce,
  viewDue,
  type Touchpoint,
} from '../../src/core/schedule';
import { calendarEvents, recurrenceRule } from '../../src/core/touchpoint-calendar';
import { touchpointCalendarText, TOUCHPOINT_LINE } from '../../src/render/ics';

// Node re-reads TZ on assignment: each case builds its days in the zone it names.
const ORIGINAL_TZ = process.env.TZ;
afterEach(() => {
  process.env.TZ = ORIGINAL_TZ;
});

const SPECS = [
  'week on sunday',
  '2 weeks on friday',
  '3 weeks on monday',
  'month on the first tuesday',
  'month on the second sunday',
  'month on the last friday',
  'month on the 15th',
  'month on the 29th',
  'month on the 30th',
  'month on the 31st',
];

function touchpoint(spec: string, from: Date, now: Date, id = 'tp-1'): Touchpoint {
  const every = parseEvery(spec);
  return {
    id,
    title: `Touchpoint ${spec}`,
    people: ['Mum'],
    channel: 'call',
    activity: null,
    every,
    anchor: from,
    nextDue: firstDue(every, from, now),
    lastKept: null,
    paused: false,
  };
}

/** connect's own schedule: today's offer, then each occurrence after it, up to `until`. */
function connectDays(t: Touchpoint, now: Date, until: Date): string[] {
  const days: string[] = [];
  for (let day = viewDue(t, now).due; day.getTime() <= until.getTime(); day = occurrenceAfter(t.every, t.anchor, day))
    days.push(dayKey(day));
  return days;
}

/**
 * The calendar file's own dates, as independent libraries read them: ical.js parses the file (DTSTART, RRULE,
 * EXDATE); rrule expands the rule, since ical.js does not apply BYSETPOS to BYMONTHDAY. Dates are days, so
 * both work on UTC midnights and no zone can move them.
 */
function calendarDays(text: string, id: string, from: string, until: string): string[] {
  const vevent = new ICAL.Component(ICAL.parse(text))
    .getAllSubcomponents('vevent')
    .find((v) => v.getFirstPropertyValue('uid') === id);
  if (!vevent) throw new Error(`no event ${id}`);
  const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
  expect(start.isDate).toBe(true);
  const rule = vevent.getFirstProperty('rrule');
  const excluded = new Set(
    vevent.getAllProperties('exdate').flatMap((p) => p.getValues().map((t) => (t as ICAL.Time).toString())),
  );
  const day = (text: string) => new Date(`${text}T00:00:00Z`);
  const days = rule
    ? new RRule({ ...RRule.parseString(String(rule.getFirstValue())), dtstart: day(start.toString()) })
        .between(day(from), day(until), true)
        .map((d) => d.toISOString().slice(0, 10))
    : [start.toString()];
  return days.filter((d) => !excluded.has(d) && d >= from && d <= until);
}

type Variant = [name: string, change: (t: Touchpoint, now: Date) => Touchpoint];
const VARIANTS: Variant[] = [
  ['fresh', (t) => t],
  ['skipped once', (t, now) => ({ ...t, ...skipOnce(t, now) })],
  [
    'skipped twice',
    (t, now) => {
      const once = { ...t, ...skipOnce(t, now) };
      return { ...once, ...skipOnce(once, now) };
    },
  ],
  ['kept ahead of its day', (t, now) => ({ ...t, ...(keepOn(t, viewDue(t, now).due) ?? t) })],
];

describe('touchpoint calendar: every date an independent parser expands is a date connect offers', () => {
  for (const zone of ['Europe/Berlin', 'America/New_York']) {
    for (const [variant, change] of VARIANTS) {
      it.each(SPECS)(`${zone}, ${variant}: %s over 24 months, through both DST changes twice`, (spec) => {
        process.env.TZ = zone;
        // Early March: both zones' spring change (8 and 29 March) and autumn change come twice in 24 months.
        const now = new Date(2026, 2, 4, 9, 30);
        const started = new Date(2025, 10, 20);
        const t = change(touchpoint(spec, started, now), now);
        const until = addMonths(now, 24);
        const text = touchpointCalendarText(calendarEvents([t], now), now, zone);
        const fromDay = dayKey(occurrenceOnOrBefore(t.every, t.anchor, new Date(2026, 2, 4)));
        const expected = connectDays(t, now, until);
        expect(expected.length).toBeGreaterThan(20);
        expect(calendarDays(text, t.id, fromDay, dayKey(until))).toEqual(expected);
      });
    }
  }

  it('writes a floating touchpoint as its next single occurrence, no rule', () => {
    const now = new Date(2026, 2, 4, 9, 30);
    const t = { ...touchpoint('2 weeks', new Date(2026, 1, 1), now), nextDue: new Date(2026, 2, 10) };
    const text = touchpointCalendarText(calendarEvents([t], now), now, 'Europe/Berlin');
    expect(calendarDays(text, t.id, '2000-01-01', '2100-01-01')).toEqual(['2026-03-10']);
    expect(text).not.toContain('RRULE');
  });

  it('leaves paused touchpoints out, and gives each event its touchpoint id as UID', () => {
    const now = new Date(2026, 2, 4);
    const text = touchpointCalendarText(
      calendarEvents(
        [touchpoint('week on sunday', now, now, 'a-1'), { ...touchpoint('month', now, now, 'b-2'), paused: true }],
        now,
      ),
      now,
      'Europe/Berlin',
    );
    const uids = new ICAL.Component(ICAL.parse(text))
      .getAllSubcomponents('vevent')
      .map((v) => v.getFirstPropertyValue('uid'));
    expect(uids).toEqual(['a-1']);
  });

  it('is RFC 5545 text: CRLF lines, all-day dates, the zone named, people and the post line in the description', () => {
    const now = new Date(2026, 2, 4);
    const text = touchpointCalendarText(
      calendarEvents([touchpoint('month on the 31st', now, now)], now),
      now,
      'Europe/Berlin',
    );
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
    expect(text).toContain('DTSTART;VALUE=DATE:20260331');
    expect(text).toContain('RRULE:FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1');
    expect(text).toContain('X-WR-TIMEZONE:Europe/Berlin');
    const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('description')).toBe(
      `With Mum · on the 31st of each month · call\n\n${TOUCHPOINT_LINE}`,
    );
  });

  it.each([
    ['week on sunday', 'FREQ=WEEKLY;INTERVAL=1;BYDAY=SU'],
    ['2 weeks on friday', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR'],
    ['month on the first tuesday', 'FREQ=MONTHLY;BYDAY=1TU'],
    ['month on the last friday', 'FREQ=MONTHLY;BYDAY=-1FR'],
    ['month on the 15th', 'FREQ=MONTHLY;BYMONTHDAY=15'],
    ['month on the 29th', 'FREQ=MONTHLY;BYMONTHDAY=28,29;BYSETPOS=-1'],
    ['day', null],
    ['2 weeks', null],
    ['month', null],
  ])('--every %j is the rule %j', (spec, rule) => {
    expect(recurrenceRule(parseEvery(spec))).toBe(rule);
  });
});
