import { describeEvery } from '../core/every';
import { dayKey } from '../core/local-day';
import type { CalendarEvent } from '../core/touchpoint-calendar';
import { joinNames } from './entries';

/** The post's line on predictable touchpoints, carried in each event. */
export const TOUCHPOINT_LINE =
  'Predictable connection reduces the mental effort required to “make plans,” which is especially helpful when energy or motivation is low.';

const asDateValue = (day: Date) => dayKey(day).replace(/-/g, '');

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

/** A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, each line break as \n. */
const icsText = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A day as DATE (YYYYMMDD), from its local fields. */
const icsDate = (day: Date) => `${pad(day.getFullYear(), 4)}${pad(day.getMonth() + 1)}${pad(day.getDate())}`;

/** An instant as UTC DATE-TIME (YYYYMMDDTHHMMSSZ). */
const icsStamp = (at: Date) =>
  `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z`;

/**
 * Folds a content line (RFC 5545 3.1): at most 75 octets of UTF-8 a line, a longer one carried on by CRLF and a
 * space, never inside a character (a lone surrogate is written as U+FFFD, three octets). A line of at most 24
 * UTF-16 units needs nothing; a longer one is measured a unit at a time and cut by slices, which costs a few
 * times less than asking Buffer for each character's size and adding the characters one by one.
 */
function fold(line: string): string {
  if (line.length * 3 <= 74) return line;
  let out = '';
  let start = 0;
  let octets = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && (line.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    octets += size;
    if (octets > 74) {
      out += `${line.slice(start, i)}\r\n `;
      start = i;
      octets = size;
    }
    if (pair) i += 1;
  }
  return out + line.slice(start);
}

/**
 * The touchpoints as an iCalendar file: all-day events (a touchpoint is a day), UID the touchpoint's id,
 * the zone named for calendars that show it, SEQUENCE from the clock so a calendar takes a newer file as an update.
 * Every line ends, the last one too, with CRLF.
 */
export function touchpointCalendarText(events: CalendarEvent[], now: Date, zone: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//connect//touchpoints//EN',
    'NAME:connect touchpoints',
    'X-WR-CALNAME:connect touchpoints',
  ];
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.id}`,
      `SEQUENCE:${Math.floor(now.getTime() / 1000)}`,
      `DTSTAMP:${icsStamp(now)}`,
      `DTSTART;VALUE=DATE:${icsDate(event.start)}`,
      'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE',
      'X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT:TRUE',
    );
    if (event.rule !== null) {
      lines.push(`RRULE:${event.rule}`);
      if (event.except.length > 0) lines.push(`EXDATE;VALUE=DATE:${event.except.map(asDateValue).join(',')}`);
    }
    lines.push(
      `SUMMARY:${icsText(event.touchpoint.title)}`,
      `DESCRIPTION:${icsText(description(event))}`,
      'END:VEVENT',
    );
  }
  lines.push(`X-WR-TIMEZONE:${icsText(zone)}`, 'END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
