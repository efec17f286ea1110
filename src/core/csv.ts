import { UsageError } from '../errors';

/**
 * RFC 4180 CSV, both ways. Small enough to own: no CSV package is installed, and the two uses here
 * (Daylio's export in, one row per entry out) need only quoting, doubled quotes and line breaks in fields.
 */

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows joined with CRLF, as RFC 4180 asks; the last row ends with a line break too. */
export function writeCsv(rows: (string | number | boolean | null)[][]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/**
 * Parses CSV text into rows of fields. Accepts CRLF or LF line ends and a leading byte-order mark;
 * an unclosed quote or a stray quote inside an unquoted field is a usage error naming the line.
 */
export function readCsv(text: string, what = 'The CSV file'): string[][] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  let fieldStarted = false;
  const endField = () => {
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < input.length) {
    const char = input[i];
    if (char === '"' && !fieldStarted) {
      const startLine = line;
      i += 1;
      for (;;) {
        if (i >= input.length) throw new UsageError(`${what} has a quote opened on line ${startLine} that never closes.`);
        const c = input[i];
        if (c === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (c === '\n') line += 1;
        field += c;
        i += 1;
      }
      fieldStarted = true;
      const next = input[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new UsageError(`${what} has text after a closing quote on line ${line}; a quote inside a field is written "".`);
      }
      continue;
    }
    if (char === ',') {
      endField();
      i += 1;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRow();
      i += char === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line += 1;
      continue;
    }
    if (char === '"') throw new UsageError(`${what} has a stray quote inside a field on line ${line}; a field with quotes is wrapped in "…".`);
    field += char;
    fieldStarted = true;
    i += 1;
  }
  if (fieldStarted || row.length > 0) endRow();
  return rows;
}
