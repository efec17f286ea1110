import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { UsageError } from '../errors';

/** RFC 4180 CSV, both ways, through csv-parse and csv-stringify (their sync APIs). */

type Cell = string | number | boolean | null;

/** Quoted when it holds a comma, a quote or a line break (a lone LF or CR too), or starts or ends with white space (a spreadsheet would trim it). */
const STRINGIFY = {
  record_delimiter: '\r\n',
  quoted_match: /^\s|\s$|[\r\n]/,
  cast: { boolean: (value: boolean) => String(value), number: (value: number) => String(value) },
} as const;

export function csvField(value: Cell): string {
  return writeCsv([[value]]).slice(0, -2);
}

/** Rows joined with CRLF, as RFC 4180 asks; the last row ends with a line break too. */
export function writeCsv(rows: Cell[][]): string {
  // csv-stringify writes a lone empty field as "" only when asked; an empty line reads back the same.
  return stringify(
    rows.map((row) => row.map((value) => value ?? '')),
    STRINGIFY,
  );
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
