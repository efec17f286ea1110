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
