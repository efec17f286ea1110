import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { formatUuid, stableUuid } from '../../src/core/stable-uuid';
import { newUuid } from '../../src/db/uuid';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('UUIDs', () => {
  it('sets the version and variant bits and nothing else', () => {
    expect(formatUuid(new Uint8Array(16).fill(0xff), 4)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(formatUuid(new Uint8Array(16), 5)).toBe('00000000-0000-5000-8000-000000000000');
    expect(
      formatUuid(
        Uint8Array.from({ length: 20 }, (_, i) => i),
        4,
      ),
    ).toBe('00010203-0405-4607-8809-0a0b0c0d0e0f');
  });

  it('leaves the bytes it was given as they were', () => {
    const bytes = new Uint8Array(16).fill(0xff);
    formatUuid(bytes, 4);
    expect([...bytes]).toEqual(new Array(16).fill(0xff));
  });

  it('newUuid: random version-4 ids from SQLite, none repeated', () => {
    const db = new Database(':memory:');
    const ids = Array.from({ length: 2000 }, () => newUuid(db));
    for (const id of ids) expect(id).toMatch(V4);
    expect(new Set(ids).size).toBe(ids.length);
    db.close();
  });

  it('stableUuid: the same content gives the same version-5 id', () => {
    expect(stableUuid('Sam\u001f2026-11-20')).toBe(stableUuid('Sam\u001f2026-11-20'));
    expect(stableUuid('Sam\u001f2026-11-20')).not.toBe(stableUuid('Sam\u001f2026-11-21'));
    expect(stableUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
