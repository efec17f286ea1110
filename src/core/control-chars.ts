// Control characters: refused at every way in (flags, questions, imports), and shown visibly wherever text
// reaches a terminal, so a note, a name or an old journal can never move the cursor, retitle the window or
// clear the screen.

/** What a piece of text is: a name (one line, nothing invisible), a line (activity, title), a note (tabs and line breaks). */
export type TextKind = 'name' | 'line' | 'note';

// C0 controls, DEL and C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// The same, but tab, line feed and a carriage return that starts a CRLF are allowed (notes).
const CONTROL_IN_NOTE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/;
// Bidirectional overrides and isolates: they make text read in an order other than it is stored.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
// Zero-width and other invisible characters: two names that look the same must be the same name.
const INVISIBLE = /[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]/;

/** Why `text` cannot be kept as a `kind`, or null when it can. */
export function controlProblem(text: string, kind: TextKind): string | null {
  if ((kind === 'note' ? CONTROL_IN_NOTE : CONTROL).test(text)) {
    return kind === 'note'
      ? 'cannot hold control characters (only tabs and line breaks)'
      : 'cannot hold control characters or line breaks';
  }
  if (BIDI.test(text)) return 'cannot hold characters that reverse the direction of text';
  if (kind === 'name' && INVISIBLE.test(text))
    return 'cannot hold invisible characters (zero-width spaces and the like)';
  return null;
}

// Everything a terminal could act on or hide, except the line breaks (LF, CRLF) and tabs text is laid out with.
// Zero-width joiners (U+200C, U+200D) pass: emoji and several scripts are written with them.
const SHOWN =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\r(?!\n)/g;
const SHOWN_ONE = new RegExp(SHOWN.source);
const SHOWN_AT = new RegExp(SHOWN.source, 'y');
// The colour and weight codes connect's own colours are made of (SGR: ESC [ numbers m), and nothing else.
const SGR = /\u001b\[[0-9;]*m/y;

const visible = (char: string): string => {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␛ for ESC, ␇ for BEL, ␍ for CR…
  if (code === 0x7f) return '\u2421'; // ␡
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
};

/**
 * The guard between text and a terminal: every control, bidi or invisible character is shown as a picture
 * of itself (ESC as ␛, U+202E as <U+202E>), so nothing is interpreted. With `keepColour`, connect's own
 * colour codes pass; they can only change colour and weight. Line breaks and tabs pass.
 */
export function showControls(text: string, keepColour = false): string {
  if (!SHOWN_ONE.test(text)) return text;
  if (!keepColour) return text.replace(SHOWN, visible);
  let out = '';
  let i = 0;
  while (i < text.length) {
    SGR.lastIndex = i;
    const colour = text[i] === '\u001b' ? SGR.exec(text) : null;
    if (colour) {
      out += colour[0];
      i += colour[0].length;
      continue;
    }
    SHOWN_AT.lastIndex = i;
    out += SHOWN_AT.test(text) ? visible(text[i]) : text[i];
    i += 1;
  }
  return out;
}

// JSON.stringify leaves C1 controls and bidi/invisible characters raw; \u escapes keep the value exact.
const RAW_IN_JSON = /[\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** JSON text with every character a terminal could act on written as a \u escape: the same value, safe to show. */
export const escapeJsonControls = (json: string): string =>
  json.replace(RAW_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
