import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVERY_EXAMPLES, parseEvery } from '../../src/core/every';
import {
  parseChannel,
  parseCount,
  parseFelt,
  parseInitiated,
  parseMinutes,
  parseName,
  parseRating,
} from '../../src/core/vocabulary';
import { parseWhen } from '../../src/core/when';
import { FELT } from '../../src/core/types';
import { UsageError } from '../../src/errors';

/** Calls a parser and says what happened: its value, or the error, which must be a UsageError. */
function outcome<T>(parse: () => T): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
    return { ok: false };
  }
}

/** Any text at all, and text built from the pieces these parsers look for (so some of it parses). */
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
const fromPieces = (pieces: string[]) =>
  fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((parts) => parts.join(''));

const NOW = new Date('2026-11-26T10:00:00Z');
const whenText = fc.oneof(
  anyText,
  fromPieces([
    'yesterday',
    'today',
    'tomorrow',
    ' ',
    '6pm',
    '18:30',
    'last',
    'next',
    'friday',
    '2 hours ago',
    'ago',
    '3',
    'days',
    '2026-11-20',
    '2026-02-30',
    'T',
    'Z',
    'noon',
    '-',
    ':',
    '0',
    '9999',
    'at',
  ]),
);

describe('the parsers never throw anything but a usage error', () => {
  it('--when: a valid date or a usage error; never in the future unless allowed', () => {
    fc.assert(
      fc.property(
        whenText,
        fc.constantFrom('moment', 'start', 'end') as fc.Arbitrary<'moment' | 'start' | 'end'>,
        fc.boolean(),
        (text, reading, allowFuture) => {
          const result = outcome(() => parseWhen(text, NOW, { flag: '--when', reading, allowFuture }));
          if (!result.ok) return;
          expect(Number.isNaN(result.value.getTime())).toBe(false);
          if (!allowFuture && reading === 'moment')
            expect(result.value.getTime()).toBeLessThanOrEqual(NOW.getTime() + 60_000);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('--every: a rhythm or a usage error, and every documented example is read', () => {
    for (const example of EVERY_EXAMPLES) expect(outcome(() => parseEvery(example)).ok).toBe(true);
    const everyText = fc.oneof(
      anyText,
      fromPieces([
        'day',
        'days',
        'week',
        'weeks',
        'month',
        ' on ',
        'the ',
        'first ',
        'last ',
        'sunday',
        'fri',
        '2 ',
        '0 ',
        '400 ',
        '31st',
        '15th',
        ' ',
      ]),
    );
    fc.assert(
      fc.property(everyText, (text) => void outcome(() => parseEvery(text))),
      { numRuns: 400 },
    );
  });

  it('names: trimmed, folded, 1–80 characters, no control characters', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = outcome(() => parseName(text));
        if (!result.ok) return;
        expect(result.value).toBe(result.value.trim());
        expect(result.value.length).toBeGreaterThan(0);
        expect(result.value.length).toBeLessThanOrEqual(80);
        expect(result.value).not.toMatch(/[\u0000-\u001f\u007f]|\s{2}/);
      }),
    );
  });

  it('felt lists: only the three qualities, each once, in a fixed order', () => {
    const feltText = fc.oneof(
      anyText,
      fromPieces(['safe', 'nonjudgmental', 'available', 'non-judgemental', 'present', ',', ' ', 'SAFE', 'unsafe']),
    );
    fc.assert(
      fc.property(feltText, (text) => {
        const result = outcome(() => parseFelt(text));
        if (!result.ok) return;
        expect(result.value.every((f) => (FELT as readonly string[]).includes(f))).toBe(true);
        expect(new Set(result.value).size).toBe(result.value.length);
        expect(result.value).toEqual(FELT.filter((f) => result.value.includes(f)));
      }),
    );
  });

  it('ratings: a whole number from 1 to 5, and every such number is read', () => {
    for (const n of [1, 2, 3, 4, 5]) expect(parseRating(` ${n} `, '--after')).toBe(n);
    fc.assert(
      fc.property(fc.oneof(anyText, fc.integer().map(String), fc.double().map(String)), (text) => {
        const result = outcome(() => parseRating(text, '--after'));
        if (result.ok) expect([1, 2, 3, 4, 5]).toContain(result.value);
      }),
    );
  });

  it('minutes, counts, channels and who reached out', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.integer().map(String)), (text) => {
        const minutes = outcome(() => parseMinutes(text));
        if (minutes.ok) expect(minutes.value).toBeGreaterThanOrEqual(1);
        const count = outcome(() => parseCount(text, '--limit'));
        if (count.ok) expect(count.value).toBeLessThanOrEqual(10_000);
        outcome(() => parseChannel(text));
        outcome(() => parseInitiated(text));
      }),
    );
  });
});
