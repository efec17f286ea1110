import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inChunks, slicesOf } from '../../src/core/chunks';

/** What a file gets when each piece is encoded and written on its own. */
const written = (pieces: Iterable<string>) => Buffer.concat([...pieces].map((piece) => Buffer.from(piece, 'utf8')));

describe('slicesOf', () => {
  it('gives back the text, a slice at a time, each at most the size asked (or a whole pair)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (text, size) => {
        const slices = [...slicesOf(text, size)];
        expect(slices.join('')).toBe(text);
        for (const slice of slices) {
          expect(slice.length).toBeGreaterThan(0);
          expect(slice.length).toBeLessThanOrEqual(Math.max(size, 2));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never ends a slice inside a surrogate pair, so the bytes written are the text’s own', () => {
    for (let at = 0; at < 12; at++) {
      const text = `${'a'.repeat(at)}🌿${'b'.repeat(5)}👩‍👩‍👧 and 会話`;
      for (const size of [1, 2, 3, 4, 5, 8]) {
        expect(written(slicesOf(text, size)).equals(Buffer.from(text, 'utf8')), `at ${at}, size ${size}`).toBe(true);
      }
    }
  });

  it('writes nothing for no text, and a short text whole', () => {
    expect([...slicesOf('')]).toEqual([]);
    expect([...slicesOf('{"rows":{}}')]).toEqual(['{"rows":{}}']);
  });
});

describe('inChunks', () => {
  it('gathers pieces into chunks that join to the pieces joined', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 })), fc.integer({ min: 1, max: 50 }), (pieces, size) => {
        const chunks = [...inChunks(pieces, size)];
        expect(chunks.join('')).toBe(pieces.join(''));
        for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(size);
      }),
    );
  });
});
