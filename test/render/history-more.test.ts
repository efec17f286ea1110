import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { moreLine } from '../../src/render/entries';

const plain = new Chalk({ level: 0 });

describe('history’s line about what it did not show', () => {
  it.each([
    [20, 20, undefined, []],
    [20, 33, undefined, ['', '20 of 33 shown, newest first; 13 more with --limit 33 or --all.']],
    [20, 9_999, 10_000, ['', '20 of 9999 shown, newest first; 9979 more with --limit 50 or --all.']],
    [20, 10_000, 10_000, ['', '20 shown, newest first; at least 9,980 more with --limit 50 or --all.']],
  ])('%i shown of %i counted (up to %s)', (shown, total, upTo, expected) => {
    expect(moreLine(shown, total, plain, upTo)).toEqual(expected);
  });
});
