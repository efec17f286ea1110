import type { SeenKeys } from './journal-rows';

/** An id as connect writes it (lower-case hex): kept as its 16 bytes. Any other key is kept as text. */
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const FIRST_SLOTS = 1 << 12;

/**
 * One section's ids in an open-addressed table of typed arrays: four 32-bit words of id and the row it was first
 * seen at (plus one, so 0 is an empty slot). A million ids take about 40 MB, and no object per id.
 */
class IdTable {
  private words = new Uint32Array(FIRST_SLOTS * 4);
  private rows = new Int32Array(FIRST_SLOTS);
  private size = 0;

  /** The row where this id was first seen, or undefined after noting it at `row`. */
  note(a: number, b: number, c: number, d: number, row: number): number | undefined {
    if ((this.size + 1) * 2 > this.rows.length) this.grow();
    const slot = this.find(a, b, c, d);
    if (this.rows[slot] !== 0) return this.rows[slot] - 1;
    this.put(slot, a, b, c, d, row + 1);
    this.size += 1;
    return undefined;
  }

  /** The slot holding this id, or the empty slot where it would go (linear probing from its hash). */
  private find(a: number, b: number, c: number, d: number): number {
    const mask = this.rows.length - 1;
    let slot = mix(a, b, c, d) & mask;
    for (;;) {
      if (this.rows[slot] === 0) return slot;
      const at = slot * 4;
      const w = this.words;
      if (w[at] === a && w[at + 1] === b && w[at + 2] === c && w[at + 3] === d) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private put(slot: number, a: number, b: number, c: number, d: number, stored: number): void {
    const at = slot * 4;
    this.words[at] = a;
    this.words[at + 1] = b;
    this.words[at + 2] = c;
    this.words[at + 3] = d;
    this.rows[slot] = stored;
  }

  private grow(): void {
    const { words, rows } = this;
    this.words = new Uint32Array(words.length * 2);
    this.rows = new Int32Array(rows.length * 2);
    for (let slot = 0; slot < rows.length; slot++) {
      if (rows[slot] === 0) continue;
      const at = slot * 4;
      const a = words[at];
      const b = words[at + 1];
      const c = words[at + 2];
      const d = words[at + 3];
      this.put(this.find(a, b, c, d), a, b, c, d, rows[slot]);
    }
  }
}

/** A 32-bit hash of the four words (ids are usually random already; this keeps made-up ones spread too). */
function mix(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ d, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const hex = (text: string, from: number, to: number) => Number.parseInt(text.slice(from, to), 16);

/**
 * Where each key of a large import was first seen, in memory without an object per key: ids as connect writes
 * them in a table of 16-byte words per section, any other key (a setting's, an id in capitals) in a Map.
 */
export function seenIds(): SeenKeys {
  const tables = new Map<string, IdTable>();
  const others = new Map<string, Map<string, number>>();
  return (section, key, index) => {
    const text = String(key);
    if (UUID_TEXT.test(text)) {
      let table = tables.get(section);
      if (!table) {
        table = new IdTable();
        tables.set(section, table);
      }
      // 8-4-4-4-12 hex digits: 0–8, 9–13 and 14–18, 19–23 and 24–28, 28–36.
      return table.note(
        hex(text, 0, 8),
        ((hex(text, 9, 13) << 16) | hex(text, 14, 18)) >>> 0,
        ((hex(text, 19, 23) << 16) | hex(text, 24, 28)) >>> 0,
        hex(text, 28, 36),
        index,
      );
    }
    let keys = others.get(section);
    if (!keys) {
      keys = new Map();
      others.set(section, keys);
    }
    const first = keys.get(text);
    if (first === undefined) keys.set(text, index);
    return first;
  };
}
