import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { controlProblem, escapeJsonControls, showControls } from '../../src/core/control-chars';
import { parseName, textProblem } from '../../src/core/vocabulary';

const TERMINAL_ACTORS =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b\u200e\u200f]|\r(?!\n)/;

describe('controlProblem: one rule for every way in', () => {
  it.each([
    ['x\u001b]0;pwned\u0007', 'note'],
    ['x\u001b[2J', 'line'],
    ['\u009b2J', 'note'],
    ['a\rb', 'note'],
    ['Sam\nAlex', 'name'],
    ['Sam\u202eevil', 'note'],
    ['Sa\u200bm', 'name'],
    ['\ufeffSam', 'name'],
    ['nul\u0000byte', 'note'],
  ] as const)('%j as a %s is refused', (text, kind) => {
    expect(controlProblem(text, kind)).not.toBeNull();
  });
  it.each([
    ['line one\nline two\twith a tab', 'note'],
    ['windows\r\nline', 'note'],
    ['Zoë 🙂 أحمد', 'name'],
    ['family 👨‍👩‍👧 dinner', 'note'],
  ] as const)('%j as a %s is kept', (text, kind) => {
    expect(controlProblem(text, kind)).toBeNull();
  });
  it('names: empty, 5,000 characters and NUL are refused with the same words the CLI uses', () => {
    expect(textProblem('', 'name')).toMatch(/empty/);
    expect(textProblem('x'.repeat(5000), 'name')).toMatch(/at most 80/);
    expect(() => parseName('Sam\u0000')).toThrow(/control characters/);
    expect(() => parseName('Sam\u202e')).toThrow(/direction/);
  });
});

describe('showControls: the guard between text and a terminal', () => {
  it('shows escape sequences as pictures, never raw', () => {
    expect(showControls('x\u001b]0;pwned\u0007\u001b[2J')).toBe('x␛]0;pwned␇␛[2J');
    expect(showControls('a\u009bb\u202ec\u200bd\u007f')).toBe('a<U+009B>b<U+202E>c<U+200B>d␡');
  });
  it('leaves line breaks (LF and CRLF), tabs and ordinary text alone; a lone CR is shown', () => {
    expect(showControls('one\ntwo\tthree 🙂\r\n')).toBe('one\ntwo\tthree 🙂\r\n');
    expect(showControls('one\r\ntwo\u001b[1mbold\u001b[22m\r\n', true)).toBe('one\r\ntwo\u001b[1mbold\u001b[22m\r\n');
    expect(showControls('over\rwrite')).toBe('over␍write');
    expect(showControls('over\rwrite', true)).toBe('over␍write');
  });
  it('keeps colour codes only when asked, and still shows every other escape', () => {
    const coloured = '\u001b[2mdim\u001b[22m \u001b]0;pwned\u0007 \u001b[2J';
    expect(showControls(coloured, true)).toBe('\u001b[2mdim\u001b[22m ␛]0;pwned␇ ␛[2J');
    expect(showControls(coloured, false)).not.toContain('\u001b');
  });
  it('property: nothing a terminal acts on survives, and text without such characters is unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const shown = showControls(text);
        const untouched = TERMINAL_ACTORS.test(text) || /[\u2060-\u2064\ufeff]/.test(text) || shown === text;
        return !TERMINAL_ACTORS.test(shown) && untouched;
      }),
      { numRuns: 300 },
    );
  });
});

describe('escapeJsonControls', () => {
  it('keeps the value exact while no raw C1 or bidi character is printed', () => {
    const value = { note: 'a\u009bb\u202ec\u001b' };
    const json = escapeJsonControls(JSON.stringify(value));
    expect(JSON.parse(json)).toEqual(value);
    expect(TERMINAL_ACTORS.test(json)).toBe(false);
  });
});
