import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from './run';

const FIXTURES = join(__dirname, '../fixtures');
const SHARED = join(__dirname, '../../../shared/fixtures');
const FRIENDS = join(FIXTURES, 'friends.md');
const DAYLIO = join(FIXTURES, 'daylio.csv');

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const write = (name: string, text: string | Buffer) => {
  const path = join(s.dir, name);
  writeFileSync(path, text);
  return path;
};
const exported = () => s.run(['export']).stdout;
const hash = (path: string) =>
  existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent';

describe('the fixtures', () => {
  it.skipIf(!existsSync(SHARED))('are the same as the shared ones beside the checkout', () => {
    for (const name of ['friends.md', 'daylio.csv'])
      expect(readFileSync(join(FIXTURES, name), 'utf8')).toBe(readFileSync(join(SHARED, name), 'utf8'));
  });
});

describe('connect import --from friends', () => {
  it('brings in friends with nicknames and tags, activities with their friends, and notes; twice adds nothing', () => {
    const r = s.run(['import', FRIENDS, '--from', 'friends', '--json']);
    expect(r.code, r.stderr).toBe(0);
    // Four activities, two notes, and the ### Locations: list as one note of its own.
    expect(r.json()).toMatchObject({ from: 'friends', added: { people: 3, entries: 7 } });
    const people = s.run(['people', '--json']).json();
    const grace = people.find((p: any) => p.name === 'Grace Hopper');
    expect(grace.aliases.sort()).toEqual(['Amazing Grace', 'The Admiral']);
    expect(grace.tags.sort()).toEqual(['location:Paris', 'navy', 'science']);
    expect(grace.interactions).toBe(2);
    expect(people.find((p: any) => p.name === 'George Washington Carver').interactions).toBe(2);
    const history = s.run(['history', '--json']).json();
    const interactions = history.filter((e: any) => e.type === 'interaction');
    expect(interactions).toHaveLength(4);
    expect(interactions.find((e: any) => e.at.startsWith('2018-01-04'))).toMatchObject({
      people: ['Grace Hopper', 'George Washington Carver'],
      note: 'Got lunch with Grace Hopper and George Washington Carver. @food',
      at: '2018-01-04T12:00:00+01:00',
    });
    const [places, ...notes] = history.filter((e: any) => e.type === 'mood');
    expect(places.note).toBe("Places from friends.md: Atlantis, Martha's Vineyard, Paris");
    expect(notes.map((e: any) => e.mood)).toEqual([null, null]);
    expect(notes[0].note).toContain('Naval Academy building');

    const before = exported();
    const again = s.run(['import', FRIENDS, '--from', 'friends']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing new in friends.md');
    expect(exported()).toBe(before);
  });

  it('joins friends already in the journal instead of adding them twice', () => {
    s.run(['log', 'Grace Hopper', '--note', 'tea']);
    s.run(['people', 'add', 'Marie', '--alias', 'Marie Curie']);
    expect(s.run(['import', FRIENDS, '--from', 'friends']).code).toBe(0);
    const people = s.run(['people', '--json']).json();
    expect(people.map((p: any) => p.name).sort()).toEqual(['George Washington Carver', 'Grace Hopper', 'Marie']);
    expect(people.find((p: any) => p.name === 'Grace Hopper')).toMatchObject({ interactions: 3 });
    expect(people.find((p: any) => p.name === 'Marie').tags).toContain('science');
  });

  it('handles the variations the format allows: nicknames in bold, friends with no activities, activities with no friends', () => {
    const file = write(
      'friends.md',
      `### Activities:
- 2024-03-02: Board games at _Lena's_ with **Bea** and **The Prof**.
- 2024-03-01: Went for a long run by the river.
- 2024-02-28: Called **Ada Lovelace** (new friend, not listed yet).

### Notes:
- 2024-01-15: **Bea** started a new job. @work

### Friends:
- Beatrice Smith (a.k.a. Bea) @climbing
- Charles Xavier (a.k.a. The Prof a.k.a. Chuck) [Westchester]
- Quiet Friend

### Locations:
- Lena's
`,
    );
    const r = s.run(['import', file, '--from', 'friends', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().added).toEqual({ people: 4, entries: 5 });
    const people = s.run(['people', '--json']).json();
    expect(people.map((p: any) => p.name).sort()).toEqual([
      'Ada Lovelace',
      'Beatrice Smith',
      'Charles Xavier',
      'Quiet Friend',
    ]);
    expect(people.find((p: any) => p.name === 'Quiet Friend').interactions).toBe(0);
    const history = s.run(['history', '--json']).json();
    expect(history.find((e: any) => e.note?.startsWith('Board games'))).toMatchObject({
      people: ['Beatrice Smith', 'Charles Xavier'],
      note: "Board games at Lena's with Bea and The Prof.",
    });
    expect(history.find((e: any) => e.note?.startsWith('Went for a long run')).people).toEqual([]);
    expect(s.run(['import', file, '--from', 'friends', '--json']).json().added).toEqual({ people: 0, entries: 0 });
  });

  it('can be taken back as a whole with connect undo', () => {
    s.run(['log', 'Sam']);
    const before = exported();
    s.run(['import', FRIENDS, '--from', 'friends']);
    expect(s.run(['undo']).code).toBe(0);
    expect(exported()).toBe(before);
  });
});

describe('connect import --from daylio', () => {
  it('brings in every mood with its time, activities and note; twice adds nothing', () => {
    const r = s.run(['import', DAYLIO, '--from', 'daylio', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().added).toEqual({ entries: 32 });
    const moods = s.run(['history', '--json', '--limit', '100']).json();
    expect(moods).toHaveLength(32);
    expect(moods[0]).toMatchObject({
      type: 'mood',
      at: '2020-05-30T18:50:00+02:00',
      mood: 5,
      note: 'Awesome\nActivities: friends, gaming, programming, nap',
    });
    expect(moods.find((m: any) => m.at === '2020-05-25T14:58:00+02:00')).toMatchObject({
      mood: 3,
      note: 'Could be better\nActivities: work',
    });
    const before = exported();
    expect(s.run(['import', DAYLIO, '--from', 'daylio', '--json']).json()).toMatchObject({
      added: { entries: 0 },
      unchanged: { entries: 32 },
    });
    expect(exported()).toBe(before);
  });

  it('reads the times in the local time zone', () => {
    const ny = sandbox({ tz: 'America/New_York' });
    try {
      ny.run(['import', DAYLIO, '--from', 'daylio']);
      expect(ny.run(['history', '--json', '--limit', '1']).json()[0].at).toBe('2020-05-30T18:50:00-04:00');
    } finally {
      ny.cleanup();
    }
  });

  it('lists renamed labels it cannot place, writes nothing, and takes --map for them', () => {
    const text = readFileSync(DAYLIO, 'utf8').replace(/,rad,/g, ',fantastic,').replace(/,meh,/g, ',so-so,');
    const file = write('renamed.csv', text);
    const r = s.run(['import', file, '--from', 'daylio']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"fantastic", "so-so"');
    expect(r.stderr).toContain('--map');
    expect(existsSync(s.db)).toBe(false);
    const mapped = s.run(['import', file, '--from', 'daylio', '--map', 'fantastic=5', '--map', 'so-so=3', '--json']);
    expect(mapped.code, mapped.stderr).toBe(0);
    expect(mapped.json().added.entries).toBe(32);
  });

  it('keeps quoted notes with commas and line breaks', () => {
    const file = write(
      'notes.csv',
      'full_date,date,weekday,time,mood,activities,note_title,note\n2021-06-01,1 Jun,Tuesday,7:05 pm,good,friends,"Dinner, finally","With Sam, Alex and ""the twins""\nlovely 🙂"\n',
    );
    expect(s.run(['import', file, '--from', 'daylio']).code).toBe(0);
    expect(s.run(['history', '--json']).json()[0].note).toBe(
      'Dinner, finally\nWith Sam, Alex and "the twins"\nlovely 🙂\nActivities: friends',
    );
  });
});

describe('a file that is not what it claims', () => {
  const JUNK: [string, string | Buffer][] = [
    ['empty.json', ''],
    ['binary.bin', Buffer.from([0, 1, 2, 255, 254, 10, 34, 44])],
    ['text.txt', 'just some words, nothing more\n'],
    ['array.json', '[1, 2, 3]'],
    ['other.json', '{"format":"something-else","people":[]}'],
    ['future.json', '{"format":"connect-journal","formatVersion":99}'],
    ['truncated.json', '{"format":"connect-journal","formatVersion":1,"people":[{"id":"a"'],
  ];

  it.each(['connect', 'friends', 'daylio'])('changes nothing and exits 2 (--from %s)', (from) => {
    s.run(['log', 'Sam', '--note', 'before the junk']);
    const before = exported();
    const fileHash = hash(s.db);
    // An empty friends.md or Daylio file is an empty journal (test/commands/import.test.ts); an empty connect export is not.
    for (const [name, content] of JUNK.filter(([name]) => from === 'connect' || name !== 'empty.json')) {
      const r = s.run(['import', write(name, content), '--from', from]);
      expect(r.code, `${name}: ${r.stderr}`).toBe(2);
      expect(r.stderr, name).toMatch(/expected|newer connect|never closes|cannot read/);
      expect(r.stdout).toBe('');
    }
    expect(hash(s.db)).toBe(fileHash);
    expect(exported()).toBe(before);
  });

  it('names the right --from when the file is another kind', () => {
    expect(s.run(['import', FRIENDS]).stderr).toContain('add --from friends');
    expect(s.run(['import', DAYLIO]).stderr).toContain('add --from daylio');
    expect(s.run(['import', FRIENDS, '--from', 'daylio']).stderr).toContain(
      'is not a Daylio CSV export: expected the header full_date,date',
    );
    expect(s.run(['import', DAYLIO, '--from', 'friends']).stderr).toContain('is not a friends.md file');
    expect(existsSync(s.db)).toBe(false);
  });

  it('writes none of a connect export when one row is wrong, even the good rows before it', () => {
    const other = sandbox();
    try {
      other.run(['log', 'Sam', '--note', 'fine']);
      other.run(['mood', '3', '--when', '1 hour ago']);
      const document = JSON.parse(other.run(['export']).stdout);
      const file = join(s.dir, 'bad.json');
      const cases: [string, (d: any) => void, RegExp][] = [
        ['a mood of 9', (d) => (d.entries[1].mood = 9), /entries\[1\]\.mood should be a whole number from 1 to 5/],
        ['an unknown field', (d) => (d.people[0].nickname = 'S'), /people\[0\] has a field "nickname"/],
        [
          'an unreadable time',
          (d) => (d.entries[0].at = 'last tuesday'),
          /entries\[0\]\.at should be an ISO 8601 instant/,
        ],
        ['a missing id', (d) => delete d.entries[1].id, /entries\[1\] needs "id"/],
        [
          'someone who is not there',
          (d) => (d.entries[0].people = ['00000000-0000-4000-8000-000000000000']),
          /points at people 00000000-0000-4000-8000-000000000000/,
        ],
        ['an id that is not one', (d) => (d.entries[0].people = ['0000']), /entries\[0\]\.people\[0\] should be an id/],
        ['an unknown section', (d) => (d.recipes = []), /holds "recipes"/],
        [
          'a bad setting',
          (d) => (d.settings = [{ key: 'week.start', value: 'friday', updatedAt: d.entries[0].at }]),
          /week.start takes one of/,
        ],
      ];
      for (const [name, spoil, message] of cases) {
        const copy = structuredClone(document);
        spoil(copy);
        writeFileSync(file, JSON.stringify(copy));
        const r = s.run(['import', file]);
        expect(r.code, name).toBe(2);
        expect(r.stderr, name).toMatch(message);
        expect(existsSync(s.db), name).toBe(false);
      }
    } finally {
      other.cleanup();
    }
  });

  it.each([
    [['import', 'no-such-file.json'], 'There is no file at no-such-file.json'],
    [['import', '.'], 'is a folder'],
    [['import', 'x.json', '--from', 'jrnl'], '--from takes one of connect, friends, daylio'],
    [['import', 'x.json', '--map', 'super=5'], '--map is for Daylio'],
  ])('refuses %j with exit 2', (args, message) => {
    write('x.json', '{}');
    const r = s.run(args.map((a) => (a === 'x.json' ? join(s.dir, 'x.json') : a)));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('the fixtures as they are shipped', () => {
  it('import from a copy anywhere', () => {
    const copy = join(s.dir, 'my friends.md');
    copyFileSync(FRIENDS, copy);
    expect(s.run(['import', copy, '--from', 'friends']).stdout).toContain(
      'Brought in from my friends.md: 3 people and 7 entries.',
    );
  });
});
