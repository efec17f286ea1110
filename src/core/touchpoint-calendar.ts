import { isAnchored, type Every } from './every';
import {
  dayOf,
  occurrenceAfter,
  occurrenceOnOrAfter,
  occurrenceOnOrBefore,
  viewDue,
  type Touchpoint,
} from './schedule';

/*
 * Touchpoints as calendar events (RFC 5545). A touchpoint is a day, not a time, so each event is an all-day
 * one: a calendar shows it on the same day in every zone and through every DST change, as connect does.
 */

const BYDAY = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/**
 * The RRULE that means what --every means, or null for a floating rhythm (due a period after it was last kept,
 * so no rule can say it). "month on the 31st" falls back to a short month's last day, as connect does: the
 * 28th–31st, last of those the month has (BYSETPOS=-1), never a rule that skips short months.
 */
export function recurrenceRule(every: Every): string | null {
  switch (every.kind) {
    case 'weeks':
      return every.weekday === null ? null : `FREQ=WEEKLY;INTERVAL=${every.n};BYDAY=${BYDAY[every.weekday]}`;
    case 'month-weekday':
      return `FREQ=MONTHLY;BYDAY=${every.ordinal}${BYDAY[every.weekday]}`;
    case 'month-day': {
      if (every.day <= 28) return `FREQ=MONTHLY;BYMONTHDAY=${every.day}`;
      const days = Array.from({ length: every.day - 27 }, (_, i) => 28 + i);
      return `FREQ=MONTHLY;BYMONTHDAY=${days.join(',')};BYSETPOS=-1`;
    }
    default:
      return null;
  }
}

export interface CalendarEvent {
  /** The touchpoint's id: the event's UID, so importing the file again updates the event instead of adding one. */
  id: string;
  touchpoint: Touchpoint;
  /** A local day: the grid's first occurrence for a series, the next occurrence for a floating touchpoint. */
  start: Date;
  /** RRULE value, or null for a single event. */
  rule: string | null;
  /** Occurrences connect will not offer though the rule holds them: let pass (skip) or already kept ahead of their day. */
  except: Date[];
}

/**
 * Every live, unpaused touchpoint as an event. An anchored one is a series from its grid's first day; from the
 * occurrence whose period holds today on, its dates are exactly the ones connect offers (viewDue, then each
 * occurrenceAfter), the ones closed early listed as exceptions. A floating one is its next single occurrence,
 * written afresh on each run.
 */
export function calendarEvents(touchpoints: Touchpoint[], now: Date): CalendarEvent[] {
  const today = dayOf(now);
  return touchpoints
    .filter((touchpoint) => !touchpoint.paused)
    .map((touchpoint): CalendarEvent => {
      const { every, anchor } = touchpoint;
      const { due } = viewDue(touchpoint, today);
      const rule = recurrenceRule(every);
      if (!isAnchored(every) || rule === null)
        return { id: touchpoint.id, touchpoint, start: due, rule: null, except: [] };
      const start = occurrenceOnOrAfter(every, anchor, dayOf(anchor));
      // The occurrence whose window holds today (each runs from its day to the day before the next).
      const current = occurrenceOnOrBefore(every, anchor, today);
      const except: Date[] = [];
      for (
        let day = current.getTime() < start.getTime() ? start : current;
        day.getTime() < due.getTime();
        day = occurrenceAfter(every, anchor, day)
      )
        except.push(day);
      return { id: touchpoint.id, touchpoint, start, rule, except };
    });
}
