/**
 * 32K characters of text per write or read: at most 64 KB even at two bytes a character, well under the 128 KB
 * past which V8 keeps a string apart as a large object. A chunk is then made and dropped among V8's young objects,
 * where it costs next to nothing; megabyte chunks each took fresh pages from the system and a full collection to
 * give them back (a million-row export spent about half its time on that).
 */
export const CHUNK_CHARS = 1 << 15;

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

/**
 * One long text as pieces of at most `size` characters (two, when `size` is 1 and a pair comes), to write a piece at
 * a time rather than encode it whole. A piece never ends between the two halves of a surrogate pair, which,
 * encoded apart, would each become U+FFFD.
 */
export function* slicesOf(text: string, size = CHUNK_CHARS): Generator<string> {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    // A pair that would be cut goes whole into the next slice, or, when it is all this one holds, into this one.
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += end - 1 > start ? -1 : 1;
    yield text.slice(start, end);
    start = end;
  }
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
