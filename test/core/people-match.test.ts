import { describe, expect, it } from 'vitest';
import { isNearMiss, nearMisses, whoChoices, type Nameable } from '../../src/core/people-match';

const person = (name: string, aliases: string[] = [], archived = false): Nameable => ({ name, aliases, archived });
const names = (people: Nameable[]) => people.map((p) => p.name);

describe('isNearMiss', () => {
  it.each([
    ['Priyaa', 'Priya', true],
    ['priya', 'PRIYA', true],
    ['Jonh', 'John', false], // a swap is two edits
    ['Alexandre', 'Alexandra', true],
    ['Alexadnra', 'Alexandra', true], // two edits, nine letters
    ['Sam', 'Pat', false],
    ['Ben', 'Ann', false],
    ['Mum', 'Tom', false],
    ['Priy', 'Priyaaa', false], // three edits
    ['Jo', 'Al', false], // too short to call a typo
    ['Samm', 'Sam', true],
    ['Chris', 'Kris', false],
    ['Chriss', 'Chris', true],
    ['Christopher', 'Kristofer', false], // three edits
    ['Friend 1', 'Friend 0', false], // numbers tell people apart
    ['Friend 1', 'Frend 1', true],
  ])('%s ~ %s: %s', (typed, known, expected) => {
    expect(isNearMiss(typed, known)).toBe(expected);
  });
});

describe('nearMisses', () => {
  const journal = [
    person('Priya'),
    person('Tom Becker'),
    person('Samira Lee', ['Sammy']),
    person('Alex Kim', [], true),
    person('Pat'),
    person('Ann'),
  ];

  it.each([
    ['Priyaa', ['Priya']],
    ['Becker', ['Tom Becker']],
    ['Beker', ['Tom Becker']],
    ['pri', ['Priya']],
    ['Sami', ['Samira Lee']],
    ['Sammi', ['Samira Lee']],
    ['Alex', ['Alex Kim']], // archived people count too
    ['Sam', ['Samira Lee']], // the start of a name
    ['Ben', []],
    ['Jo', []],
    ['Zoe', []],
  ])('%s may mean %j', (typed, expected) => {
    expect(names(nearMisses(typed, journal))).toEqual(expected);
  });

  it('compares a name of several words as a whole, not word by word', () => {
    expect(names(nearMisses('Friend 1', [person('Friend 0'), person('Friend')]))).toEqual([]);
  });

  it('lists closer matches first', () => {
    expect(names(nearMisses('Chriss', [person('Christa'), person('Chris')]))).toEqual(['Chris', 'Christa']);
  });
});

describe('whoChoices (the guided log)', () => {
  const known = [person('Priya'), person('Tom Becker'), person('Alex Kim', [], true)];

  it('puts people already in the journal first and the typed name last, marked new', () => {
    expect(whoChoices(known, 'pri')).toEqual([
      { name: 'Priya', value: 'Priya', isNew: false },
      { name: 'pri (new)', value: 'pri', isNew: true },
    ]);
  });

  it('offers close names, not only names holding the text', () => {
    expect(whoChoices(known, 'Priyaa').map((c) => c.name)).toEqual(['Priya', 'Priyaa (new)']);
  });

  it('does not offer a known name as new, nor archived people as choices', () => {
    expect(whoChoices(known, 'priya').map((c) => c.name)).toEqual(['Priya']);
    expect(whoChoices(known, 'Alex').map((c) => c.name)).toEqual(['Alex (new)']);
  });

  it('lists everyone before anything is typed', () => {
    expect(whoChoices(known, '').map((c) => c.name)).toEqual(['Priya', 'Tom Becker']);
  });
});
