import { describe, expect, it } from 'vitest';
import {
  nextNudgeAt,
  readNudgeEvery,
  rhythmQuietFrom,
  touchpointLaterLine,
  touchpointTodayLine,
} from '../../src/core/nudge';
import { findLapsedRhythms } from '../../src/core/rhythm';
import { rhythm } from './next-builders';
import { HARSH } from '../tone';

const at = (iso: string) => new Date(iso);

describe('readNudgeEvery', () => {
  it.each([
    ['1 day', { unit: 'day', count: 1 }],
    ['2 days', { unit: 'day', count: 2 }],
    ['12 hours', { unit: 'hour', count: 12 }],
    ['1 hour', { unit: 'hour', count: 1 }],
    ['off', 'off'],
    [null, { unit: 'day', count: 1 }],
    ['now and then', { unit: 'day', count: 1 }],
    ['0 days', { unit: 'day', count: 1 }],
  ] as const)('reads %j', (stored, expected) => {
    expect(readNudgeEvery(stored)).toEqual(expected);
  });
});

describe('nextNudgeAt (TZ Europe/Berlin)', () => {
  it('"1 day" means the next local midnight, however late in the day it spoke', () => {
    expect(nextNudgeAt(at('2026-11-26T07:00:00Z'), { unit: 'day', count: 1 }).toISOString()).toBe(
      '2026-11-26T23:00:00.000Z',
    );
    expect(nextNudgeAt(at('2026-11-26T22:59:00Z'), { unit: 'day', count: 1 }).toISOString()).toBe(
      '2026-11-26T23:00:00.000Z',
    );
  });

  it('stays on local midnight across the autumn and spring clock changes', () => {
    expect(nextNudgeAt(at('2026-10-24T10:00:00Z'), { unit: 'day', count: 1 }).toISOString()).toBe(
      '2026-10-24T22:00:00.000Z',
    );
    expect(nextNudgeAt(at('2026-10-25T10:00:00Z'), { unit: 'day', count: 1 }).toISOString()).toBe(
      '2026-10-25T23:00:00.000Z',
    );
    expect(nextNudgeAt(at('2026-03-29T10:00:00Z'), { unit: 'day', count: 1 }).toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
  });

  it('counts hours as hours, days as calendar days, and "off" waits for the next day', () => {
    expect(nextNudgeAt(at('2026-11-26T10:00:00Z'), { unit: 'hour', count: 12 }).toISOString()).toBe(
      '2026-11-26T22:00:00.000Z',
    );
    expect(nextNudgeAt(at('2026-11-26T10:00:00Z'), { unit: 'day', count: 2 }).toISOString()).toBe(
      '2026-11-27T23:00:00.000Z',
    );
    expect(nextNudgeAt(at('2026-11-26T10:00:00Z'), 'off').toISOString()).toBe('2026-11-26T23:00:00.000Z');
  });
});

describe('rhythmQuietFrom keeps step with findLapsedRhythms', () => {
  const now = at('2026-11-26T10:00:00Z');
  it.each([1, 2, 3, 4, 5, 7, 10, 14, 21, 30, 45, 60])('a rhythm of every %i days', (gap) => {
    const contacts = rhythm('Sam', now, 6, gap, 0);
    const last = contacts[contacts.length - 1].at;
    const from = rhythmQuietFrom(last, gap);
    // Noon on the day before, and on the day itself: findLapsedRhythms names them from exactly that day.
    const [y, m, d] = from.split('-').map(Number);
    const dayBefore = new Date(y, m - 1, d - 1, 12);
    const onTheDay = new Date(y, m - 1, d, 12);
    expect(findLapsedRhythms([{ name: 'Sam', interactions: contacts }], dayBefore)).toEqual([]);
    expect(findLapsedRhythms([{ name: 'Sam', interactions: contacts }], onTheDay).map((r) => r.name)).toEqual(['Sam']);
  });
});

describe('the touchpoint lines', () => {
  it('name who it is with unless the title already does, and stay gentle', () => {
    expect(touchpointTodayLine('Sunday call', ['Sam'])).toBe(
      'Today: Sunday call with Sam. One conversation is enough.',
    );
    expect(touchpointTodayLine('Call Sam', ['Sam'])).toBe('Today: Call Sam. One conversation is enough.');
    expect(touchpointLaterLine('Book club', ['Ana', 'Kai', 'Lee'])).toBe(
      'It’s been a little while since Book club with Ana, Kai and Lee — whenever suits, today works too.',
    );
    for (const line of [touchpointTodayLine('Walk', []), touchpointLaterLine('Walk', [])])
      expect(line).not.toMatch(HARSH);
  });
});
