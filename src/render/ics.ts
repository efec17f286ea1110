import type * as ICalGenerator from 'ical-generator';
import { describeEvery } from '../core/every';
import { dayKey } from '../core/local-day';
import type { CalendarEvent } from '../core/touchpoint-calendar';
import { joinNames } from './entries';

/** The post's line on predictable touchpoints, carried in each event. */
export const TOUCHPOINT_LINE =
  'Predictable connection reduces the mental effort required to “make plans,” which is especially helpful when energy or motivation is low.';

const asDateValue = (day: Date) => dayKey(day).replace(/-/g, '');

/** ical-generator writes an all-day Date by its UTC fields: the local day is handed over as that day's UTC midnight. */
const asUtcDay = (day: Date) => new Date(Date.UTC(day.getFullYear(), day.getMonth(), day.getDate()));

function description(event: CalendarEvent): string {
  const { touchpoint } = event;
  const details = [
    touchpoint.people.length > 0 ? `With ${joinNames(touchpoint.people)}` : '',
    describeEvery(touchpoint.every),
    touchpoint.channel ? touchpoint.channel.replace('-', ' ') : '',
    touchpoint.activity ?? '',
  ].filter(Boolean);
  const first = details.join(' · ');
  const lines = [first.charAt(0).toUpperCase() + first.slice(1)];
  if (event.rule === null)
    lines.push(
      'Due a while after it is kept, so this is the next one only: connect touchpoint calendar again brings it up to date.',
    );
  lines.push('', TOUCHPOINT_LINE);
  return lines.join('\n');
}

/**
 * The touchpoints as an iCalendar file: all-day events (a touchpoint is a day), UID the touchpoint's id,
 * the zone named for calendars that show it, SEQUENCE from the clock so a calendar takes a newer file as an update.
 */
export function touchpointCalendarText(events: CalendarEvent[], now: Date, zone: string): string {
  // Loaded here, not at the top: every touchpoint subcommand shares this bundle, and only this one writes a calendar.
  const ical = (require('ical-generator') as typeof ICalGenerator).default;
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
            ...(event.except.length > 0 ? [`EXDATE;VALUE=DATE:${event.except.map(asDateValue).join(',')}`] : []),
          ].join('\n');
    calendar.createEvent({
      id: event.id,
      sequence: Math.floor(now.getTime() / 1000),
      stamp: now,
      start: asUtcDay(event.start),
      allDay: true,
      summary: event.touchpoint.title,
      description: description(event),
      repeating: rrule,
    });
  }
  // RFC 5545 ends every line, the last one too, with CRLF.
  return calendar
    .toString()
    .replace(/\r?\n/g, '\r\n')
    .replace(/(\r\n)?$/, '\r\n');
}
