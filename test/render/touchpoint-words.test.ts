import { describe, expect, it } from 'vitest';
import { keptByWords } from '../../src/render/next';

describe('what keeps a touchpoint, in the words touchpoint add uses', () => {
  it.each([
    [{ people: ['Mum'], channel: 'call', activity: null }, 'a call (or richer) with them'],
    [{ people: ['Mum'], channel: 'in-person', activity: null }, 'in person with them'],
    [{ people: ['Lee'], channel: 'online', activity: null }, 'an online community (or richer) with them'],
    [{ people: ['Priya', 'Tom'], channel: null, activity: 'walk' }, 'walk with them'],
    [{ people: [], channel: null, activity: 'book club' }, 'book club'],
    [{ people: ['Lee'], channel: null, activity: null }, 'any contact with them'],
  ])('%j → %s', (touchpoint, words) => {
    expect(keptByWords(touchpoint)).toBe(words);
  });
});
