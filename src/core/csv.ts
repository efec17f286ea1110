import { CsvError, parse } from 'csv-parse/sync';
import { UsageError } from '../errors';

/**
 * RFC 4180 CSV: read through csv-parse; written here, byte for byte as csv-stringify wrote it with the options
 * connect gave it (test/core/csv.test.ts checks against it), which cost a quarter of a million-row export.
 */

type Cell = string | number | boolean | null;

/** Quoted when it holds a comma, a quote or a line break (a lone LF or CR too), or starts or ends with white space (a spreadsheet would trim it). */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvField(value: Cell): string {
  const text = value === null ? '' : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows joined with CRLF, as RFC 4180 asks; the last row ends with a line break too. A lone empty field is an empty line, which reads back the same. */
export function writeCsv(rows: Cell[][]): string {
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) text += i === 0 ? csvField(row[i]) : `,${csvField(row[i])}`;
    text += '\r\n';
  }
  return text;
}

function csvProblem(error: CsvError, what: string): UsageError {
  const line = (error as CsvError & { lines?: number }).lines ?? 1;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new UsageError(`${what} has a quote that never closes (from around line ${line}).`);
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new UsageError(
        `${what} has text after a closing quote on line ${line}; a quote inside a field is written "".`,
      );
    default:
      return new UsageError(
        `${what} has a stray quote inside a field on line ${line}; a field with quotes is wrapped in "…".`,
      );
  }
}

/**
 * Parses CSV text into rows of fields, each row as long as it is (Daylio rows may run past their header).
 * Accepts CRLF or LF line ends and a leading byte-order mark; broken quoting is a usage error naming the line.
 */
export function readCsv(text: string, what = 'The CSV file'): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) throw csvProblem(error, what);
    throw error;
  }
}
