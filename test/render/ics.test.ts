// connect writes its calendar itself; ical-generator, which it used to load for this, is the reference here: the
// same events give the same bytes.
import fc from 'fast-check';
import ical from 'ical-generator';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/core/types';
import { parseEvery } from '../../src/core/every';
import { dayKey } from '../../src/core/local-day';
import { firstDue, type Touchpoint } from '../../src/core/schedule';
import { calendarEvents, type CalendarEvent } from '../../src/core/touchpoint-calendar';
import { touchpointCalendarText } from '../../src/render/ics';

const ORIGINAL_TZ = process.env.TZ;
afterEach(() => {
  process.env.TZ = ORIGINAL_TZ;
});

/** The calendar as ical-generator 10 writes it, with the options connect gave it. */
function reference(events: CalendarEvent[], now: Date, zone: string, description: (e: CalendarEvent) => string) {
  const calendar = ical({
    name: 'connect touchpoints',
    prodId: { company: 'connect', product: 'touchpoints', language: 'EN' },
  });
  calendar.x([['X-WR-TIMEZONE', zone]]);
  for (const event of events) {
    const rrule =
      event.rule === null
        ? null
        : [
            `RRULE:${event.rule}`,
            ...(event.except.length > 0
              ? [`EXDATE;VALUE=DATE:${event.except.map((d) => dayKey(d).replace(/-/g, '')).join(',')}`]
              : []),
          ].join('\n');
    calendar.createEvent({
      id: event.id,
      sequence: Math.floor(now.getTime() / 1000),
      stamp: now,
      start: new Date(Date.UTC(event.start.getFullYear(), event.start.getMonth(), event.start.getDate())),
      allDay: true,
      summary: event.touchpoint.title,
      description: description(event),
      repeating: rrule,
    });
  }
  return calendar
    .toString()
    .replace(/\r?\n/g, '\r\n')
    .replace(/(\r\n)?$/, '\r\n');
}

/** The DESCRIPTION connect wrote, read back from its own text (unfolded, unescaped). */
function descriptions(text: string): string[] {
  return text
    .replace(/\r\n /g, '')
    .split('\r\n')
    .filter((line) => line.startsWith('DESCRIPTION:'))
    .map((line) => line.slice('DESCRIPTION:'.length).replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c)));
}

const SPECS = [
  'week on sunday',
  '2 weeks on friday',
  'month on the last friday',
  'month on the 31st',
  '2 weeks',
  'day',
];
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];
// Whole characters from every plane, with the ones iCalendar escapes or folds around among them.
const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom(',', ';', '\\', '\n', '\r\n', 'é', '·', '“', '😀', '👩‍👩‍👧'),
    fc.string({ unit: 'grapheme' }),
  ),
  maxLength: 40,
});

describe('touchpointCalendarText', () => {
  it('writes what ical-generator wrote, byte for byte', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(
          fc.record({
            title: text,
            people: fc.array(text, { maxLength: 3 }),
            channel: fc.option(fc.constantFrom(...CHANNELS)),
            activity: fc.option(text),
            spec: fc.constantFrom(...SPECS),
            fromDays: fc.integer({ min: -800, max: 60 }),
            paused: fc.boolean(),
          }),
          { maxLength: 4 },
        ),
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }),
        (zone, shapes, nowMs) => {
          process.env.TZ = zone;
          const now = new Date(nowMs);
          const touchpoints: Touchpoint[] = shapes.map((shape, i) => {
            const every = parseEvery(shape.spec);
            const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() + shape.fromDays);
            return {
              id: `tp-${i}-${shape.spec}`,
              title: shape.title,
              people: shape.people,
              channel: shape.channel,
              activity: shape.activity,
              every,
              anchor: from,
              nextDue: firstDue(every, from, now),
              lastKept: null,
              paused: shape.paused,
            };
          });
          const events = calendarEvents(touchpoints, now);
          const ours = touchpointCalendarText(events, now, zone);
          const said = descriptions(ours);
          expect(said).toHaveLength(events.length);
          expect(ours).toBe(reference(events, now, zone, (e) => said[events.indexOf(e)]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('folds a title of wide characters (or lone surrogates) where ical-generator does, whatever its length', () => {
    process.env.TZ = 'Europe/Berlin';
    const now = new Date('2026-11-26T10:00:00Z');
    const every = parseEvery('week on sunday');
    for (const char of ['é', '€', '😀', '\ud83d'])
      for (let length = 1; length <= 40; length++) {
        const touchpoint: Touchpoint = {
          id: `tp-${length}`,
          title: char.repeat(length),
          people: [],
          channel: null,
          activity: null,
          every,
          anchor: now,
          nextDue: firstDue(every, now, now),
          lastKept: null,
          paused: false,
        };
        const events = calendarEvents([touchpoint], now);
        const ours = touchpointCalendarText(events, now, 'Europe/Berlin');
        expect(ours).toBe(reference(events, now, 'Europe/Berlin', () => descriptions(ours)[0]));
      }
  });
});
