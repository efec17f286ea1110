import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

const ANSI = /\u001b\[[0-9;]*m/g;
/** Below this, a hanging indent would leave too little room: continuation lines fall back to the line's own indent. */
const MIN_TEXT = 24;

/**
 * Where a long line's continuation lines start: under the text after a bullet ("• ", "- "), after a short
 * label ("how: "), or after the last gap of two or more spaces in the first half (history's date and id
 * columns); otherwise under the line's own first character.
 */
export function hangingIndent(line: string, columns: number): number {
  const plain = line.replace(ANSI, '');
  const lead = /^ */.exec(plain)![0].length;
  const candidates: number[] = [];
  const bullet = /^ *(?:[•·*-]|\d{1,2}[.)/]\d{0,2}) +/.exec(plain);
  if (bullet) candidates.push(bullet[0].length);
  const label = /^ *[^\s:.?!]{1,20}(?: [^\s:.?!]{1,20})?: +(?=\S)/.exec(plain);
  if (label) candidates.push(label[0].length);
  for (const gap of plain.matchAll(/\S( {2,})(?=\S)/g)) {
    const end = gap.index + 1 + gap[1].length;
    if (end <= columns / 2) candidates.push(end);
  }
  const indent = candidates.length ? Math.max(...candidates) : lead;
  return columns - indent >= MIN_TEXT ? indent : Math.min(lead, Math.max(0, columns - MIN_TEXT));
}

/** One line to at most `columns` wide, broken between words only (a word longer than a line stays whole). */
function wrapLine(line: string, columns: number): string {
  if (stringWidth(line) <= columns) return line;
  const indent = hangingIndent(line, columns);
  const lead = /^ */.exec(line.replace(ANSI, ''))![0].length;
  // The leading spaces may sit inside a colour code; wrap-ansi would trim them, so they are put back by hand.
  const body = line.replace(/^((?:\u001b\[[0-9;]*m)*) +/, '$1');
  const [first, ...rest] = wrapAnsi(body, columns - lead, { hard: false }).split('\n');
  if (rest.length === 0) return line;
  const pad = ' '.repeat(indent);
  const more = wrapAnsi(rest.join(' '), columns - indent, { hard: false }).split('\n');
  return [' '.repeat(lead) + first, ...more.map((text) => pad + text)].join('\n');
}

/** Text (several lines) wrapped to `columns`, each line with its hanging indent. */
export function wrapToWidth(text: string, columns: number): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, columns))
    .join('\n');
}
