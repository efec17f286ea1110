import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, readCsv, writeCsv } from '../../src/core/csv';
import { UsageError } from '../../src/errors';
import { notAFormula } from '../../src/core/export-format';

describe('RFC 4180 CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['emoji 🙂', 'emoji 🙂'],
    [' padded ', '" padded "'],
  ])('writes %j as %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('ends every row with CRLF and leaves null empty', () => {
    expect(writeCsv([['a', null, 3, true]])).toBe('a,,3,true\r\n');
  });

  it('reads quoted commas, doubled quotes, line breaks, CRLF and a byte-order mark', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\n2,"two\nlines",🙂\n';
    expect(readCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', '🙂'],
    ]);
  });

  it('keeps a trailing empty field', () => {
    expect(readCsv('a,\n')).toEqual([['a', '']]);
  });

  it.each([
    ['an unclosed quote', 'a,"b\n'],
    ['text after a closing quote', 'a,"b"c\n'],
    ['a stray quote inside a field', 'a,b"c\n'],
  ])('refuses %s with a usage error', (_, text) => {
    expect(() => readCsv(text)).toThrow(UsageError);
  });

  it('writes byte for byte what csv-stringify wrote with the options connect gave it (property)', () => {
    // connect wrote its CSV through csv-stringify until a million rows spent a quarter of an export there.
    const reference = (rows: (string | number | boolean | null)[][]) =>
      stringify(
        rows.map((row) => row.map((value) => value ?? '')),
        {
          record_delimiter: '\r\n',
          quoted_match: /^\s|\s$|[\r\n]/,
          cast: { boolean: (value: boolean) => String(value), number: (value: number) => String(value) },
        },
      );
    const text = fc.string({
      unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', '\t', '\u00a0', '\u2028', '\ufeff', '🙂', '=', "'", ';'),
    });
    const cell = fc.oneof(text, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }), (rows) => {
        expect(writeCsv(rows)).toBe(reference(rows));
      }),
      { numRuns: 500 },
    );
  });

  it('reads back whatever it writes (property)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', '🙂', 'é', '\r\n') });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        // A lone empty field is written as an empty line, which reads back as one empty field: the same row.
        expect(readCsv(writeCsv(rows))).toEqual(rows);
      }),
    );
  });

  it('never throws anything but a usage error on any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ') }), (text) => {
        try {
          readCsv(text);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
        }
      }),
    );
  });
});

describe('notAFormula', () => {
  it('puts an apostrophe before text a spreadsheet would run, and leaves the rest alone', () => {
    for (const text of ['=1+1', '+49 30 1234', '-ish', '@Sam', '\tx', '\rx'])
      expect(notAFormula(text)).toBe(`'${text}`);
    for (const text of ['Sam', '2026-11-26T11:00:00+01:00', ' =not first', "'already", ''])
      expect(notAFormula(text)).toBe(text);
  });
});
