import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExportShapeError, ExportSplitter, type ExportPiece } from '../../src/core/json-sections';

/** Splits `text` at the given places and feeds the splitter piece by piece. */
function read(text: string, cuts: number[] = []): ExportPiece[] {
  const splitter = new ExportSplitter();
  const pieces: ExportPiece[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    pieces.push(...splitter.push(text.slice(from, cut)));
    from = cut;
  }
  pieces.push(...splitter.push(text.slice(from)));
  splitter.finish();
  return pieces;
}

/** What the pieces say, put back together as a document. */
function rebuilt(pieces: ExportPiece[]): Record<string, unknown> {
  const document: Record<string, unknown> = {};
  for (const piece of pieces) {
    if (piece.kind === 'field') document[piece.key] = piece.value;
    else if (piece.kind === 'list') document[piece.key] = [];
    else (document[piece.key] as unknown[])[piece.index] = piece.value;
  }
  return document;
}

const documents = fc.dictionary(
  fc.string({ minLength: 1 }).filter((key) => key !== '__proto__'),
  fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue(), { maxLength: 4 })),
  { maxKeys: 5 },
);

describe('ExportSplitter', () => {
  it('hands back every field and every row, whatever the layout and wherever the text is cut', () => {
    fc.assert(
      fc.property(documents, fc.boolean(), fc.array(fc.nat(), { maxLength: 6 }), (document, pretty, cuts) => {
        const text = JSON.stringify(document, null, pretty ? 2 : undefined);
        const parsed = JSON.parse(text) as Record<string, unknown>;
        expect(
          rebuilt(
            read(
              text,
              cuts.map((c) => c % (text.length + 1)),
            ),
          ),
        ).toEqual(parsed);
      }),
    );
  });

  it('hands back lists of rows whose text holds braces, commas and brackets, read many at once or one by one', () => {
    const tricky = fc.string({ unit: fc.constantFrom('}', ',', ']', '{', '"', '\\', 'a', ' ', '\n'), maxLength: 8 });
    const rows = fc.array(fc.dictionary(tricky, fc.oneof(tricky, fc.array(tricky, { maxLength: 2 })), { maxKeys: 3 }), {
      maxLength: 12,
    });
    fc.assert(
      fc.property(rows, rows, fc.boolean(), fc.array(fc.nat(), { maxLength: 6 }), (first, second, pretty, cuts) => {
        const text = JSON.stringify({ format: 'connect-journal', first, second }, null, pretty ? 2 : undefined);
        const pieces = read(
          text,
          cuts.map((c) => c % (text.length + 1)),
        );
        expect(rebuilt(pieces)).toEqual(JSON.parse(text));
        expect(pieces.filter((p) => p.kind === 'row').map((p) => (p.kind === 'row' ? p.index : -1))).toEqual([
          ...first.keys(),
          ...second.keys(),
        ]);
      }),
    );
  });

  it('names the row that is not JSON', () => {
    expect(() => read('{"format": "connect-journal", "entries": [{"id": 1}, {"id": tru}]}')).toThrow(
      'entries[1] is not valid JSON',
    );
    const rows = Array.from({ length: 50 }, (_, i) => `{"id": ${i}, "note": "}, {"}`);
    rows[37] = '{"id": 37, "note": "}, {" x}';
    expect(() => read(`{"entries": [${rows.join(', ')}]}`)).toThrow('entries[37] is not valid JSON');
  });

  it.each([
    ['', 'the file ends before the JSON does'],
    ['[1, 2]', 'expected {'],
    ['{"a": 1', 'the file ends before the JSON does'],
    ['{"a" 1}', 'expected :'],
    ['{"a": [1,]}', 'expected a row'],
    ['{"a": 1} x', 'expected the end of the file'],
  ])('refuses %j: %s', (text, message) => {
    expect(() => read(text)).toThrow(ExportShapeError);
    expect(() => read(text)).toThrow(message);
  });
});
