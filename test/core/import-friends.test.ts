import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFriendsFile } from '../../src/core/import-friends';
import { UsageError } from '../../src/errors';

const fixture = readFileSync(join(__dirname, '../fixtures/friends.md'), 'utf8');

describe('friends.md', () => {
  it('reads friends with nicknames as aliases, @tags as tags and [Location] as a location: tag', () => {
    const { people } = parseFriendsFile(fixture);
    expect(people.map((p) => p.name)).toEqual(['George Washington Carver', 'Grace Hopper', 'Marie Curie']);
    const grace = people[1];
    expect(grace.aliases).toEqual(['The Admiral', 'Amazing Grace']);
    expect(grace.tags).toEqual(['navy', 'science', 'location:Paris']);
    expect(people[0]).toMatchObject({ aliases: [], tags: [] });
    expect(people[2].tags).toEqual(['science', 'location:Atlantis']);
  });

  it('reads activities with their bolded friends, dated at local noon, the text kept as the note', () => {
    const { events } = parseFriendsFile(fixture);
    const activities = events.filter((e) => e.kind === 'activity');
    expect(activities).toHaveLength(4);
    expect(activities[0]).toMatchObject({
      people: ['Grace Hopper'],
      note: "Grace Hopper and I went to Martha's Vineyard. George had to cancel at the last minute.",
    });
    expect(activities[0].at.getFullYear()).toBe(2018);
    expect(activities[0].at.getHours()).toBe(12);
    expect(activities[1].people).toEqual(['Grace Hopper', 'George Washington Carver']);
    expect(activities[1].note).toContain('@food');
    expect(activities[2].note).toBe('Celebrated the new year in Paris with Marie Curie. @partying');
  });

  it('keeps the ### Notes: entries as notes (not time together)', () => {
    const notes = parseFriendsFile(fixture).events.filter((e) => e.kind === 'note');
    expect(notes).toHaveLength(2);
    expect(notes[1].note).toBe('Marie Curie just got accepted into a PhD program in Paris. @school');
  });

  it('matches bold nicknames and unique first names to the listed friend; unlisted names stay as written', () => {
    const text = `### Activities:
- 2020-01-02: Tea with **The Admiral** and **Marie**.
- 2020-01-03: Walk with **Ada Lovelace**.
- 2020-01-04: Went running alone.

### Friends:
- Grace Hopper (a.k.a. The Admiral)
- Marie Curie
- Nobody Ever (a.k.a. Nobs)
`;
    const { people, events } = parseFriendsFile(text);
    expect(events.map((e) => e.people)).toEqual([['Grace Hopper', 'Marie Curie'], ['Ada Lovelace'], []]);
    expect(people.map((p) => p.name)).toContain('Nobody Ever');
  });

  it('asks for the full name when a bold first name could mean two friends', () => {
    const text =
      '### Activities:\n- 2020-01-02: Tea with **George**.\n\n### Friends:\n- George Eliot\n- George Orwell\n';
    expect(() => parseFriendsFile(text)).toThrow(/could mean George Eliot or George Orwell/);
  });

  it('gives the same ids on every read, and two identical lines two ids', () => {
    const text = '### Activities:\n- 2020-01-02: Tea.\n- 2020-01-02: Tea.\n';
    const first = parseFriendsFile(text).events.map((e) => e.uuid);
    expect(new Set(first).size).toBe(2);
    expect(parseFriendsFile(text).events.map((e) => e.uuid)).toEqual(first);
    expect(parseFriendsFile(fixture).people[0].uuid).toBe(parseFriendsFile(fixture).people[0].uuid);
  });

  it.each([
    ['Daylio CSV', readFileSync(join(__dirname, '../fixtures/daylio.csv'), 'utf8')],
    ['JSON', '{"format":"connect-journal"}'],
    ['binary', '\u0000\u0001'],
    ['an unknown section', '### Recipes:\n- soup\n'],
    ['an activity without a date', '### Activities:\n- Tea with **Sam**\n'],
    ['a date not on the calendar', '### Activities:\n- 2021-02-29: Tea\n'],
    ['prose inside a section', '### Friends:\nSam is lovely\n'],
  ])('refuses %s with a usage error', (_, text) => {
    expect(() => parseFriendsFile(text)).toThrow(UsageError);
  });

  it('never throws anything but a usage error (property)', () => {
    const piece = fc.constantFrom(
      '### Activities:',
      '### Friends:',
      '### Notes:',
      '- ',
      '2020-01-02: ',
      '**',
      'Sam',
      '(a.k.a. ',
      ')',
      '[',
      ']',
      '@x',
      '_',
      '\n',
      ' ',
      'a.k.a.',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        try {
          parseFriendsFile(pieces.join(''));
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
        }
      }),
      { numRuns: 500 },
    );
  });

  describe('the files people really have', () => {
    const read = (name: string) => readFileSync(join(__dirname, '../fixtures/friends', name), 'utf8');
    const NOW = new Date(2026, 10, 30, 10);

    it('reads an empty friends.md as an empty journal', () => {
      expect(parseFriendsFile(read('empty.md'))).toEqual({ people: [], events: [], locations: [] });
      expect(parseFriendsFile('\n  \n')).toEqual({ people: [], events: [], locations: [] });
    });

    it('links a note to the friends it names in bold, by first name, nickname or full name', () => {
      const notes = parseFriendsFile(read('notes-and-places.md'), 'f.md', NOW).events.filter((e) => e.kind === 'note');
      expect(notes.map((n) => n.people)).toEqual([['Grace Hopper'], ['Ada Lovelace', 'Grace Hopper'], []]);
      expect(notes[0].note).toBe('Grace got a new job.');
    });

    it('keeps the ### Locations: list (nicknames dropped), and location: tags on people', () => {
      const file = parseFriendsFile(read('notes-and-places.md'), 'f.md', NOW);
      expect(file.locations).toEqual(['Blue Bottle', 'Lake Merritt', 'London', 'Oakland']);
      expect(file.people.map((p) => p.tags)).toEqual([['location:Oakland'], ['math', 'location:London']]);
      expect(parseFriendsFile(fixture).locations).toEqual(['Atlantis', "Martha's Vineyard", 'Paris']);
    });

    it('refuses a line dated in the future by the rule --when uses, naming the line', () => {
      expect(() => parseFriendsFile(read('future.md'), 'future.md', NOW)).toThrow(
        'future.md line 3: 2099-01-01 is in the future; connect keeps what already happened.',
      );
      expect(() => parseFriendsFile('### Notes:\n- 9999-12-31: Someday.\n', 'f.md', NOW)).toThrow(
        /line 2: 9999-12-31 is in the future/,
      );
    });

    it('takes today, at noon or at now if noon has not come yet', () => {
      const [event] = parseFriendsFile('### Activities:\n- 2026-11-30: Tea.\n', 'f.md', NOW).events;
      expect(event.at.getTime()).toBe(NOW.getTime());
      const [later] = parseFriendsFile(
        '### Activities:\n- 2026-11-30: Tea.\n',
        'f.md',
        new Date(2026, 10, 30, 15),
      ).events;
      expect(later.at.getHours()).toBe(12);
    });
  });
});
