import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { CHUNK_CHARS } from '../core/chunks';
import { ExportShapeError, ExportSplitter, type ExportPiece } from '../core/json-sections';
import { UsageError } from '../errors';

/** An export too large to read whole: its header, and the rest of it as pieces read from the file on demand. */
export interface ExportFile {
  header: Record<string, unknown>;
  pieces: Iterable<ExportPiece>;
}

const notAnExport = (what: string, error: ExportShapeError) =>
  new UsageError(
    `${what} is not a connect export: expected the JSON written by connect export --format json (${error.message}).`,
    'Nothing was imported.',
  );

/** The file's pieces, read a chunk at a time (core/chunks); the file stays open until they have all been read. */
function* piecesOf(path: string, what: string): Generator<ExportPiece> {
  const fd = openSync(path, 'r');
  try {
    const splitter = new ExportSplitter();
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.alloc(CHUNK_CHARS);
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      yield* splitter.push(decoder.write(buffer.subarray(0, read)));
    }
    yield* splitter.push(decoder.end());
    splitter.finish();
  } catch (error) {
    if (error instanceof ExportShapeError) throw notAnExport(what, error);
    throw error;
  } finally {
    closeSync(fd);
  }
}

/** Opens an export and reads its header: the fields before its first list, as connect export writes them. */
export function openExportFile(path: string, what: string): ExportFile {
  const pieces = piecesOf(path, what);
  const header: Record<string, unknown> = {};
  let first = pieces.next();
  while (!first.done && first.value.kind === 'field') {
    header[first.value.key] = first.value.value;
    first = pieces.next();
  }
  const rest = first;
  function* all(): Generator<ExportPiece> {
    if (!rest.done) yield rest.value;
    yield* pieces;
  }
  return { header, pieces: all() };
}
