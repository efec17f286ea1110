import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bodyChecksum,
  classifySyncFile,
  compareStamps,
  formatStamp,
  parseStamp,
  receiveStamp,
} from '../../src/core/sync';

const device = fc.uuid({ version: 4 });
const stamp = fc.record({
  physical: fc.integer({ min: 0, max: 2 ** 45 }),
  counter: fc.integer({ min: 0, max: 999_999 }),
  device,
});

describe('change stamps', () => {
  it('sort as text exactly as they compare, and read back as written', () => {
    fc.assert(
      fc.property(stamp, stamp, (a, b) => {
        expect(parseStamp(formatStamp(a))).toEqual(a);
        const text = formatStamp(a) < formatStamp(b) ? -1 : formatStamp(a) > formatStamp(b) ? 1 : 0;
        expect(text).toBe(compareStamps(a, b));
      }),
    );
  });

  it('a clock that has received a stamp never runs below it', () => {
    fc.assert(
      fc.property(stamp, stamp, (clock, seen) => {
        const next = receiveStamp(clock, seen);
        expect(compareStamps({ ...next, device: seen.device }, seen)).toBeGreaterThanOrEqual(0);
        expect(compareStamps({ ...next, device: clock.device }, clock)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it.each([['nonsense'], ['000000000000000001.000001.not-a-device'], [42], [null]])('refuses %j', (text) => {
    expect(parseStamp(text)).toBeNull();
  });
});

describe('files in a device’s folder', () => {
  it.each([
    ['00000012.json', { kind: 'batch', sequence: 12 }],
    ['00000012.sync-conflict-20261126-101500-ABCDEFG.json', { kind: 'copy', sequence: 12 }],
    ['00000012 (conflicted copy 2026-11-26).json', { kind: 'copy', sequence: 12 }],
    ["00000012 (Sam's conflicted copy).json", { kind: 'copy', sequence: 12 }],
    ['00000012.json~', { kind: 'copy', sequence: 12 }],
    ['.00000012.json.syncthing.tmp', { kind: 'other' }],
    ['00000012.json.3fa2b1c0.tmp', { kind: 'other' }],
    ['~syncthing~00000012.json.tmp', { kind: 'other' }],
    ['notes.txt', { kind: 'other' }],
  ])('%s is %j', (name, kind) => {
    expect(classifySyncFile(name)).toEqual(kind);
  });
});

describe('a sync file’s checksum (format 2)', () => {
  /** cyrb53, bryc's published hash, is cyrb64's high lane cut to 21 bits above its low lane. */
  const cyrb53Of = (checksum: string) =>
    4294967296 * (Number.parseInt(checksum.slice(7, 15), 16) & 0x1fffff) + Number.parseInt(checksum.slice(15), 16);

  it.each([
    ['a', 7929297801672961],
    ['b', 8684336938537663],
    ['revenge', 4051478007546757],
    ['revenue', 8309097637345594],
  ])('is cyrb53 with both lanes kept: %s', (text, cyrb53) => {
    expect(bodyChecksum(text)).toMatch(/^cyrb64-[0-9a-f]{16}$/);
    expect(cyrb53Of(bodyChecksum(text))).toBe(cyrb53);
  });

  it('stays what files already carry, for text beyond ASCII too', () => {
    expect(bodyChecksum('')).toBe('cyrb64-488bdcb81aee8d83');
    expect(bodyChecksum('{"rows":{"entries":[{"note":"tea with Sam ☕ — lovely"}]}}')).toBe('cyrb64-d274430786062a3c');
  });

  it('changes with any one character of the text', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 200 }),
        fc.nat(),
        fc.integer({ min: 1, max: 0xffff }),
        (text, at, by) => {
          const i = at % text.length;
          const altered =
            text.slice(0, i) + String.fromCharCode((text.charCodeAt(i) + by) % 0x10000) + text.slice(i + 1);
          expect(bodyChecksum(altered)).not.toBe(bodyChecksum(text));
        },
      ),
    );
  });
});
