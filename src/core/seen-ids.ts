import type { SeenKeys } from './journal-rows';

/** An id as connect writes it (lower-case hex): kept as its 16 bytes. Any other key is kept as text. */
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const FIRST_SLOTS = 1 << 12;
/** Ids are stored in blocks of this many, each as five 32-bit words: four of id and the row it was first seen at. */
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;

/**
 * One section's ids without an object per id: each id's four 32-bit words and first row are appended to blocks of
 * typed arrays, and an open-addressed table of slots (at most half full) points into them. A million ids take
 * about 28 MB, and growing copies only the slots.
 */
class IdTable {
  private slots = new Int32Array(FIRST_SLOTS);
  private readonly blocks: Uint32Array[] = [];
  private size = 0;

  /** The row where this id was first seen, or undefined after noting it at `row`. */
  note(a: number, b: number, c: number, d: number, row: number): number | undefined {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    const slot = this.find(a, b, c, d);
    const held = this.slots[slot];
    if (held !== 0) return this.blocks[(held - 1) >>> BLOCK_BITS][((held - 1) & (BLOCK - 1)) * 5 + 4];
    const n = this.size;
    if ((n & (BLOCK - 1)) === 0) this.blocks.push(new Uint32Array(BLOCK * 5));
    const block = this.blocks[n >>> BLOCK_BITS];
    const at = (n & (BLOCK - 1)) * 5;
    block[at] = a;
    block[at + 1] = b;
    block[at + 2] = c;
    block[at + 3] = d;
    block[at + 4] = row;
    this.slots[slot] = n + 1;
    this.size += 1;
    return undefined;
  }

  /** The slot pointing at this id, or the empty slot where it would go (linear probing from its hash). */
  private find(a: number, b: number, c: number, d: number): number {
    const mask = this.slots.length - 1;
    let slot = mix(a, b, c, d) & mask;
    for (;;) {
      const held = this.slots[slot];
      if (held === 0) return slot;
      const block = this.blocks[(held - 1) >>> BLOCK_BITS];
      const at = ((held - 1) & (BLOCK - 1)) * 5;
      if (block[at] === a && block[at + 1] === b && block[at + 2] === c && block[at + 3] === d) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let n = 0; n < this.size; n++) {
      const block = this.blocks[n >>> BLOCK_BITS];
      const at = (n & (BLOCK - 1)) * 5;
      let slot = mix(block[at], block[at + 1], block[at + 2], block[at + 3]) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = n + 1;
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
