import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seenIds } from '../../src/core/seen-ids';

/** What a Map of every key would answer, for comparison. */
function plainSeen() {
  const firsts = new Map<string, number>();
  return (section: string, key: unknown, index: number) => {
    const name = `${section}\u0000${String(key)}`;
    const first = firsts.get(name);
    if (first === undefined) firsts.set(name, index);
    return first;
  };
}

const hexDigit = fc.constantFrom(...'0123456789abcdef');
const hexText = (length: number) => fc.string({ unit: hexDigit, minLength: length, maxLength: length });
const uuid = fc.tuple(hexText(8), hexText(4), hexText(4), hexText(4), hexText(12)).map((parts) => parts.join('-'));
/** Ids that differ in a few places only, capitals, and keys that are not ids at all. */
const key = fc.oneof(
  uuid,
  uuid.map((id) => id.toUpperCase()),
  fc.constantFrom('ffffffff-ffff-ffff-ffff-ffffffffffff', '00000000-0000-0000-0000-000000000000', 'theme', ''),
);

describe('seenIds', () => {
  it('names the row where each key was first seen in its section, as a Map of every key would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('people', 'entries', 'settings'), key), { maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 50 }),
        (notes, repeats) => {
          // Repeats of keys noted earlier, spliced in, so that most runs see some.
          const all = [...notes];
          for (const r of repeats) if (notes.length > 0) all.splice(r % (all.length + 1), 0, notes[r % notes.length]);
          const seen = seenIds();
          const expected = plainSeen();
          all.forEach(([section, id], index) => {
            expect(seen(section, id, index)).toBe(expected(section, id, index));
          });
        },
      ),
    );
  });

  it('keeps a hundred thousand ids apart as its table grows, and finds each again', () => {
    const seen = seenIds();
    const id = (n: number) => `${n.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    const firsts: (number | undefined)[] = [];
    for (let n = 0; n < 100_000; n++) firsts.push(seen('entries', id(n), n));
    expect(firsts.filter((first) => first !== undefined)).toEqual([]);
    const again: (number | undefined)[] = [];
    const picked: number[] = [];
    for (let n = 0; n < 100_000; n += 997) {
      again.push(seen('entries', id(n), 200_000 + n));
      picked.push(n);
    }
    expect(again).toEqual(picked);
    expect(seen('people', id(5), 0)).toBeUndefined();
  });
});
