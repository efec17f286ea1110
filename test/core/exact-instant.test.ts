import { format } from 'date-fns/format';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { exactInstant, readInstant } from '../../src/core/export-format';
import { EARLIEST } from '../../src/core/when';

const zoneBefore = process.env.TZ;
afterEach(() => {
  process.env.TZ = zoneBefore;
});

describe('exactInstant: every instant survives export and import exactly, at any offset', () => {
  it('Berlin before 1893 (+00:53:28) is written in UTC, not 28 s off', () => {
    process.env.TZ = 'Europe/Berlin';
    const ms = Date.UTC(1890, 5, 1, 12, 0, 0, 123);
    expect(readInstant(exactInstant(ms))).toBe(ms);
    expect(exactInstant(ms)).toBe('1890-06-01T12:00:00.123Z');
  });
  it('Monrovia in 1960 (−00:44:30) too', () => {
    process.env.TZ = 'Africa/Monrovia';
    const ms = Date.UTC(1960, 0, 1, 8, 30);
    expect(readInstant(exactInstant(ms))).toBe(ms);
  });
  it('a whole-minute offset keeps the local form', () => {
    process.env.TZ = 'Asia/Kathmandu';
    expect(exactInstant(Date.UTC(2026, 10, 26, 10, 0))).toBe('2026-11-26T15:45:00.000+05:45');
  });
  it.each([
    'Europe/Berlin',
    'America/New_York',
    'America/St_Johns',
    'Africa/Monrovia',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'UTC',
  ])(
    'property: the wall clock and offset date-fns reads in %s, or UTC where the offset has seconds, years 1 to 9999',
    (zone) => {
      process.env.TZ = zone;
      const yearOne = new Date(0).setUTCFullYear(1, 0, 1);
      const lastDay = new Date(0).setUTCFullYear(9999, 11, 30);
      fc.assert(
        fc.property(fc.integer({ min: yearOne, max: lastDay }), (ms) => {
          const date = new Date(ms);
          const wholeMinutes = date.getSeconds() === date.getUTCSeconds();
          expect(exactInstant(ms)).toBe(
            wholeMinutes ? format(date, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX") : date.toISOString(),
          );
        }),
        { numRuns: 400 },
      );
    },
  );
  it.each([
    'Europe/Berlin',
    'America/New_York',
    'Africa/Monrovia',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'Europe/Dublin',
    'UTC',
  ])('property: round trip in %s from 1900 to 2100', (zone) => {
    process.env.TZ = zone;
    fc.assert(
      fc.property(
        fc.integer({ min: EARLIEST, max: Date.UTC(2100, 0, 1) }),
        (ms) => readInstant(exactInstant(ms)) === ms,
      ),
      { numRuns: 300 },
    );
  });
});

describe('readInstant: the written shape read digit by digit, as Date.parse reads it', () => {
  const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
  const shaped = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
      two(14),
      two(33),
      two(25),
      two(61),
      two(61),
      fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0')),
      fc.oneof(
        fc.constant('Z'),
        fc.tuple(fc.constantFrom('+', '-'), two(25), two(61)).map(([sign, h, m]) => `${sign}${h}:${m}`),
      ),
    )
    .map(([y, mo, d, h, mi, s, ms, zone]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${zone}`);
  // What readInstant read before the written shape had a way of its own: ISO 8601 with an offset, by Date.parse.
  const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
  const asParsed = (text: string) => {
    const ms = ISO.test(text) ? Date.parse(text) : Number.NaN;
    return Number.isNaN(ms) ? null : ms;
  };

  it('property: every text of the written shape, the impossible parts (month 13, hour 24, +24:00) included', () => {
    fc.assert(
      fc.property(shaped, (text) => {
        expect(readInstant(text)).toBe(asParsed(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('the edges: leap days, days past a month’s end, midnight as 24:00, years before 100, other shapes', () => {
    for (const text of [
      '2024-02-29T23:59:59.999+14:00',
      '2026-02-30T00:00:00.000Z',
      '2026-04-31T00:00:00.000-01:30',
      '2026-01-01T24:00:00.000Z',
      '0050-06-01T12:00:00.000Z',
      '1900-01-01T00:00:00.000+00:53',
      '2026-11-26T11:00Z',
      '2026-11-26T11:00:00+01:00',
      '2026-11-26T11:00:00.5Z',
      '2026-11-26 11:00:00.000Z',
      '2026-11-26T11:00:00.000+0100',
      '２026-11-26T11:00:00.000Z',
    ])
      expect(readInstant(text), text).toBe(asParsed(text));
  });
});
