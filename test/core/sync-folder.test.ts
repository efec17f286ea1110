import { describe, expect, it } from 'vitest';
import { compactionList, coveredBy, headerFromStart, type SyncHeader } from '../../src/core/sync';

const file = (sequence: number, gathers = false, checksum: string | null = `sha256-${sequence}`) => ({
  sequence,
  checksum,
  gathers,
});

describe('what a file gathering a device’s folder lists as replaced', () => {
  it('runs from the first file when there was no gathering before', () => {
    expect(compactionList([file(2), file(1), file(3)], 4)).toEqual([
      { sequence: 1, checksum: 'sha256-1' },
      { sequence: 2, checksum: 'sha256-2' },
      { sequence: 3, checksum: 'sha256-3' },
    ]);
  });

  it('runs from the newest earlier gathering file, whatever older files were left beside it', () => {
    const files = [file(5), file(6), file(7, true), file(8), file(9)];
    expect(compactionList(files, 10).map((f) => f.sequence)).toEqual([7, 8, 9]);
  });

  it('is empty when the run has a gap or a header that could not be read', () => {
    expect(compactionList([file(1), file(3)], 4)).toEqual([]);
    expect(compactionList([file(1), file(2, false, null), file(3)], 4)).toEqual([]);
    expect(compactionList([file(2), file(3)], 4)).toEqual([]);
  });
});

describe('whether a reader already holds what a gathering file holds', () => {
  const header = (sequence: number, compacts?: { sequence: number; checksum: string }[]) =>
    ({ sequence, compacts }) as SyncHeader;
  const list = [7, 8, 9].map((sequence) => ({ sequence, checksum: `sha256-${sequence}` }));

  it('does when every listed file, with that checksum, is merged', () => {
    expect(coveredBy(header(10, list), () => true)).toBe(true);
  });

  it('does not when one is missing, merged in another version, or the list does not reach the file', () => {
    expect(coveredBy(header(10, list), (sequence) => sequence !== 8)).toBe(false);
    expect(coveredBy(header(10, list), (_, checksum) => checksum !== 'sha256-9')).toBe(false);
    expect(coveredBy(header(11, list), () => true)).toBe(false);
    expect(coveredBy(header(10, [list[0], list[2]]), () => true)).toBe(false);
    expect(coveredBy(header(10, []), () => true)).toBe(false);
    expect(coveredBy(header(10), () => true)).toBe(false);
  });
});

describe('a header from the start of a file', () => {
  const whole = JSON.stringify({ format: 'connect-sync', sequence: 3, checksum: 'sha256-x', body: { rows: {} } });

  it('reads the header written before the body', () => {
    expect(headerFromStart(whole.slice(0, whole.indexOf('"body"') + 12))).toEqual({
      format: 'connect-sync',
      sequence: 3,
      checksum: 'sha256-x',
    });
  });

  it('is null when the start holds no whole header', () => {
    expect(headerFromStart(whole.slice(0, 20))).toBeNull();
    expect(headerFromStart('[1,"body":')).toBeNull();
    expect(headerFromStart('not json,"body":')).toBeNull();
  });
});
