/**
 * Reads a connect export a piece at a time: the top-level fields, and each row of its lists as its own small
 * JSON text. Only the outer object is scanned here (any layout, any white space); every row is handed to
 * JSON.parse, so a file of a million rows never sits in memory whole.
 */

export type ExportPiece =
  | { kind: 'field'; key: string; value: unknown }
  | { kind: 'list'; key: string }
  | { kind: 'row'; key: string; index: number; value: unknown };

/** Not JSON of the outer shape connect writes: `{ "field": value, "list": [ {…}, … ] }`. */
export class ExportShapeError extends Error {}

enum State {
  Document,
  Key,
  FirstKey,
  Colon,
  ValueStart,
  Value,
  FirstRow,
  NextRow,
  RowStart,
  Row,
  AfterField,
  Done,
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const STRING_STOP = /["\\]/g;
const STRUCTURE_STOP = /["{}[\]]/g;

export class ExportSplitter {
  private text = '';
  private at = 0;
  private state = State.Document;
  private key = '';
  private index = 0;
  /** Where the value being read starts, and how far it has been scanned (depth, inside a string, after a backslash). */
  private start = -1;
  private scanned = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Rows before this point are read one at a time: a run of them would not parse whole. */
  private oneByOne = -1;

  /** The pieces completed by this text. */
  push(text: string): ExportPiece[] {
    const keep = this.start >= 0 ? this.start : this.at;
    this.text = this.text.slice(keep) + text;
    this.at -= keep;
    this.oneByOne -= keep;
    if (this.start >= 0) {
      this.scanned -= keep;
      this.start = 0;
    }
    const pieces: ExportPiece[] = [];
    while (this.step(pieces));
    return pieces;
  }

  /** Checks that the document ended where it should. */
  finish(): void {
    if (this.state !== State.Done) throw new ExportShapeError('the file ends before the JSON does');
  }

  private skipSpace(): boolean {
    while (this.at < this.text.length && isSpace(this.text.charCodeAt(this.at))) this.at += 1;
    return this.at < this.text.length;
  }

  private expect(what: string): never {
    const got = this.text.slice(this.at, this.at + 20);
    throw new ExportShapeError(`expected ${what} but found ${JSON.stringify(got)}`);
  }

  /** One move of the outer reader; false when it needs more text. */
  private step(pieces: ExportPiece[]): boolean {
    if (this.state === State.Row || this.state === State.Value || (this.start >= 0 && this.state === State.Key))
      return this.readValue(pieces);
    if (!this.skipSpace()) return false;
    const c = this.text.charCodeAt(this.at);
    switch (this.state) {
      case State.Document:
        if (c === 0xfeff && this.at === 0) {
          this.at += 1;
          return true;
        }
        if (c !== 0x7b) this.expect('{');
        this.at += 1;
        this.state = State.FirstKey;
        return true;
      case State.FirstKey:
      case State.Key:
        if (c === 0x7d && this.state === State.FirstKey) {
          this.at += 1;
          this.state = State.Done;
          return true;
        }
        if (c !== QUOTE) this.expect('a field name in quotes');
        this.state = State.Key;
        this.begin();
        return true;
      case State.Colon:
        if (c !== 0x3a) this.expect(':');
        this.at += 1;
        this.state = State.ValueStart;
        return true;
      case State.ValueStart:
        if (c === 0x5b) {
          this.at += 1;
          this.index = 0;
          this.state = State.FirstRow;
          pieces.push({ kind: 'list', key: this.key });
          return true;
        }
        this.state = State.Value;
        this.begin();
        return true;
      case State.FirstRow:
        if (c === 0x5d) {
          this.at += 1;
          this.state = State.AfterField;
          return true;
        }
        if (this.readRows(pieces)) return true;
        this.state = State.Row;
        this.begin();
        return true;
      case State.NextRow:
        if (c === 0x5d) {
          this.at += 1;
          this.state = State.AfterField;
          return true;
        }
        if (c !== 0x2c) this.expect(', or ]');
        this.at += 1;
        this.state = State.RowStart;
        return true;
      case State.RowStart:
        if (c === 0x5d) this.expect('a row');
        if (this.readRows(pieces)) return true;
        this.state = State.Row;
        this.begin();
        return true;
      case State.AfterField:
        if (c === 0x7d) {
          this.at += 1;
          this.state = State.Done;
          return true;
        }
        if (c !== 0x2c) this.expect(', or }');
        this.at += 1;
        this.state = State.Key;
        return true;
      case State.Done:
        this.expect('the end of the file');
    }
    return false;
  }

  /**
   * Every whole row left in the text at once, with one JSON.parse of them as a list: from this row's `{` to the
   * last `}` followed by `,` or `]`. Parsed whole, that stretch can only be rows one after another (a cut inside
   * a string or a row would not parse); otherwise (a bad row among them, a `}` inside a string) false, and the
   * rows are read one at a time up to that point, so a bad one is named.
   */
  private readRows(pieces: ExportPiece[]): boolean {
    const { text, at } = this;
    if (at < this.oneByOne || text.charCodeAt(at) !== 0x7b) return false;
    let end = text.lastIndexOf('}');
    for (; end > at; end = text.lastIndexOf('}', end - 1)) {
      let next = end + 1;
      while (next < text.length && isSpace(text.charCodeAt(next))) next += 1;
      const c = text.charCodeAt(next);
      if (c === 0x2c || c === 0x5d) break;
    }
    if (end <= at) return false;
    let rows: unknown;
    try {
      rows = JSON.parse(`[${text.slice(at, end + 1)}]`);
    } catch {
      this.oneByOne = end + 1;
      return false;
    }
    for (const value of rows as unknown[]) {
      pieces.push({ kind: 'row', key: this.key, index: this.index, value });
      this.index += 1;
    }
    this.at = end + 1;
    this.state = State.NextRow;
    return true;
  }

  private begin(): void {
    this.start = this.at;
    this.scanned = this.at;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
  }

  /** Scans the value that began at `start` as far as the text goes; once whole, parses and hands it on. */
  private readValue(pieces: ExportPiece[]): boolean {
    const { text } = this;
    let i = this.scanned;
    let { depth, inString, escaped } = this;
    const first = text.charCodeAt(this.start);
    const compound = first === 0x7b || first === 0x5b;
    let end = -1;
    while (i < text.length) {
      if (inString) {
        // Straight to the next quote or backslash: the text between is the string's own.
        STRING_STOP.lastIndex = i;
        const stop = STRING_STOP.exec(text);
        if (!stop) {
          i = text.length;
          break;
        }
        i = stop.index;
        if (text.charCodeAt(i) === BACKSLASH) {
          if (i + 1 >= text.length) {
            // The text ends between a backslash and what it escapes: picked up there next time.
            escaped = true;
            inString = false;
            i += 1;
            break;
          }
          i += 2;
          continue;
        }
        inString = false;
        i += 1;
        if (!compound) {
          end = i;
          break;
        }
        continue;
      }
      if (escaped) {
        // A backslash ended the last text; the character after it is escaped.
        escaped = false;
        inString = true;
        i += 1;
        continue;
      }
      if (compound) {
        // Straight to the next quote or bracket: nothing else outside a string changes the depth.
        STRUCTURE_STOP.lastIndex = i;
        const stop = STRUCTURE_STOP.exec(text);
        if (!stop) {
          i = text.length;
          break;
        }
        i = stop.index;
      }
      const c = text.charCodeAt(i);
      if (c === QUOTE) inString = true;
      else if (!compound) {
        if (c === 0x2c || c === 0x5d || c === 0x7d || isSpace(c)) {
          end = i;
          break;
        }
      } else if (c === 0x7b || c === 0x5b) depth += 1;
      else if (c === 0x7d || c === 0x5d) {
        depth -= 1;
        if (depth === 0) {
          end = i + 1;
          break;
        }
      }
      i += 1;
    }
    if (end < 0) {
      Object.assign(this, { scanned: i, depth, inString, escaped });
      return false;
    }
    const source = text.slice(this.start, end);
    this.at = end;
    this.start = -1;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch {
      const where =
        this.state === State.Row
          ? `${this.key}[${this.index}]`
          : this.state === State.Key
            ? 'a field name'
            : `"${this.key}"`;
      throw new ExportShapeError(`${where} is not valid JSON`);
    }
    if (this.state === State.Key) {
      this.key = value as string;
      this.state = State.Colon;
    } else if (this.state === State.Value) {
      pieces.push({ kind: 'field', key: this.key, value });
      this.state = State.AfterField;
    } else {
      pieces.push({ kind: 'row', key: this.key, index: this.index, value });
      this.index += 1;
      this.state = State.NextRow;
    }
    return true;
  }
}
