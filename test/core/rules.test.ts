import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUuid, journalRowSchemas } from '../../src/core/journal-rows';
import { list, nullable, number, optional, row, text } from '../../src/core/rules';

describe('rules: the first problem, and where it is', () => {
  const person = row(
    {
      name: text('should be text', (value) => (value === '' ? 'cannot be empty' : null)),
      age: optional(nullable(number('should be a number'))),
      tags: optional(list(text('should be text'), 'should be a list')),
    },
    'should be an object',
    (p) => (p.name === 'Nobody' ? 'is nobody' : null),
  );

  it('passes a row whose fields all hold, other fields left alone', () => {
    expect(person.check({ name: 'Ada', age: null, tags: ['a'], other: 1 })).toBeNull();
    expect(person.check({ name: 'Ada' })).toBeNull();
  });

  it('names the field, the position in a list, and a missing field', () => {
    expect(person.check({ name: 5 })).toEqual({ message: 'should be text', path: ['name'] });
    expect(person.check({ name: '' })).toEqual({ message: 'cannot be empty', path: ['name'] });
    expect(person.check({ name: 'Ada', tags: ['a', 3] })).toEqual({ message: 'should be text', path: ['tags', 1] });
    expect(person.check({ name: 'Ada', tags: 'a' })).toEqual({ message: 'should be a list', path: ['tags'] });
    expect(person.check({ age: 3 })).toEqual({ message: 'needs "name"', path: ['name'], missing: true });
  });

  it('takes the fields in order, and the whole row only once they hold', () => {
    expect(person.check({ name: 7, age: 'x' })?.path).toEqual(['name']);
    expect(person.check({ name: 'Nobody', age: 'x' })?.path).toEqual(['age']);
    expect(person.check({ name: 'Nobody' })).toEqual({ message: 'is nobody', path: [] });
  });

  it('refuses what is not a row: a list, null, text', () => {
    for (const value of [[], null, 'Ada', 3])
      expect(person.check(value)).toEqual({ message: 'should be an object', path: [] });
  });

  it('reads a field Object.prototype also names only from the row itself', () => {
    const inherited = row({ toString: text('should be text') }, 'should be an object');
    expect(inherited.check({})).toEqual({ message: 'needs "toString"', path: ['toString'], missing: true });
    expect(inherited.check({ toString: 'mine' })).toBeNull();
  });
});

describe('journal rows', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const idLike = fc
    .array(fc.constantFrom(...'0123456789abcdefABCDEFg-x'.split('')), { minLength: 34, maxLength: 38 })
    .map((chars) => chars.join(''));
  const uuidShaped = fc
    .uuid()
    .chain((id) =>
      fc
        .tuple(fc.nat(35), fc.constantFrom('-', 'g', 'G', 'A', '0', '/', ':', '`', '{', 'é'))
        .map(([at, char]) => `${id.slice(0, at)}${char}${id.slice(at + 1)}`),
    );

  it('property: isUuid is the hex pattern, either case', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uuid(), uuidShaped, idLike, fc.string()), (text) => {
        expect(isUuid(text)).toBe(UUID.test(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('felt: each of safe, nonjudgmental and available at most once, in any order', () => {
    const { entries } = journalRowSchemas(new Date('2026-11-26T10:00:00Z'));
    const entry = (felt: unknown) => ({
      id: '0e3c8605-6a0f-4a43-9a57-2f6f1b8c2d11',
      type: 'interaction',
      at: '2026-11-01T10:00:00.000+01:00',
      createdAt: '2026-11-01T10:00:00.000+01:00',
      updatedAt: '2026-11-01T10:00:00.000+01:00',
      small: true,
      felt,
    });
    for (const felt of ['safe', 'available,safe', 'nonjudgmental,available,safe', null])
      expect(entries.check(entry(felt)), String(felt)).toBeNull();
    for (const felt of ['', 'safe,safe', 'safe,', 'Safe', 'safe, available', 'safe,available,nonjudgmental,safe'])
      expect(entries.check(entry(felt))?.path, felt).toEqual(['felt']);
  });
});
