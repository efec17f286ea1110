import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { hangingIndent, wrapToWidth } from '../../src/render/wrap';

const widest = (text: string) => Math.max(...text.split('\n').map((line) => stringWidth(line)));
const words = (text: string) =>
  text
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split(/\s+/)
    .filter(Boolean);

describe('wrapToWidth', () => {
  const sentence =
    'A snapshot of how things feel right now, not a verdict. Check in again any time; connect keeps them so you can see how they move.';

  it.each([40, 60, 80, 100])('keeps every line within %i columns and every word whole', (columns) => {
    const wrapped = wrapToWidth(sentence, columns);
    expect(widest(wrapped)).toBeLessThanOrEqual(columns);
    expect(words(wrapped)).toEqual(words(sentence));
  });

  it('leaves short lines alone', () => {
    expect(wrapToWidth('Logged a call with Sam.\n  id 3f2a9c1e', 80)).toBe('Logged a call with Sam.\n  id 3f2a9c1e');
  });

  it('hangs continuation lines under a label', () => {
    const wrapped = wrapToWidth(
      '  how: video call 3, call 2, text 1, in person 5, voice message 2, online community 4',
      40,
    );
    const [first, ...rest] = wrapped.split('\n');
    expect(first.startsWith('  how: video call 3')).toBe(true);
    for (const line of rest) expect(line).toMatch(/^ {7}\S/);
  });

  it('hangs continuation lines under the text column of a history line', () => {
    const line =
      'Thu 26 Nov 11:00  3f2a9c1e  A book club (video call) with Samira Lee · 50 min · mood 2 → 4 · felt safe';
    const [, ...rest] = wrapToWidth(line, 60).split('\n');
    expect(rest.length).toBeGreaterThan(0);
    for (const text of rest) expect(text).toMatch(/^ {28}\S/);
  });

  it('keeps colour codes with their words and counts only what shows', () => {
    const dim = (s: string) => `\u001b[2m${s}\u001b[22m`;
    const wrapped = wrapToWidth(dim(`  ${sentence}`), 50);
    expect(widest(wrapped)).toBeLessThanOrEqual(50);
    expect(words(wrapped)).toEqual(words(sentence));
    expect(wrapped.split('\n')[0]).toMatch(/^ {2}\u001b\[2m|^\u001b\[2m {2}/);
  });

  it('lets a word longer than the line stand whole rather than cut it', () => {
    const url = 'https://example.org/a/very/long/path/that/does/not/fit/in/the/terminal/at/all';
    expect(wrapToWidth(`See ${url} for more`, 40).split('\n')).toContain(url);
  });

  it('falls back to the line’s own indent when a hanging one leaves too little room', () => {
    expect(hangingIndent('  a label that goes on:  and then the text', 30)).toBe(2);
  });
});
