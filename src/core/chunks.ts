/** About 1 MB of text per write: few enough writes to be cheap, small enough that memory stays flat. */
export const CHUNK_CHARS = 1 << 20;

/** Pieces of text gathered into chunks of about `size` characters; joined, they are the pieces joined. */
export function* inChunks(pieces: Iterable<string>, size = CHUNK_CHARS): Generator<string> {
  let chunk = '';
  for (const piece of pieces) {
    chunk += piece;
    if (chunk.length >= size) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** Lines as the pieces of `lines.join('\n')`, without holding them all. */
export function* joinedLines(lines: Iterable<string>): Generator<string> {
  let first = true;
  for (const line of lines) {
    yield first ? line : `\n${line}`;
    first = false;
  }
}

/** Each item made into another as it is read. */
export function* mapped<T, U>(items: Iterable<T>, change: (item: T) => U): Generator<U> {
  for (const item of items) yield change(item);
}

/** Each item passed on unchanged, counted as it goes by. */
export function* counting<T>(items: Iterable<T>, count: (item: T) => void): Generator<T> {
  for (const item of items) {
    count(item);
    yield item;
  }
}
