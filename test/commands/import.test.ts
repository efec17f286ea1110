import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journal, type Journal } from '../support/in-process';

let j: Journal;
afterEach(() => j?.cleanup());

const fixture = (...parts: string[]) => join(__dirname, '../fixtures', ...parts);

describe('import meets the files people really have', () => {
  it.each([
    ['friends', fixture('friends', 'empty.md')],
    ['daylio', fixture('daylio', 'empty.csv')],
  ])('an empty %s file is an empty journal: nothing imported, exit 0', async (from, file) => {
    j = journal();
    const result = await j.run(['import', file, '--from', from]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('it holds no entries yet');
    const json = await j.run(['import', file, '--from', from, '--json']);
    expect(json.json().added.entries).toBe(0);
    expect((await j.run(['history', '--json'])).json()).toEqual([]);
  });

  it('a friends.md note about Grace is found by history --person Grace, and is no contact with her', async () => {
    j = journal();
    const result = await j.run(['import', fixture('friends', 'notes-and-places.md'), '--from', 'friends']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('4 places from ### Locations: kept as one note');
    const places = (await j.run(['history', '--all', '--json']))
      .json()
      .filter((e: { note: string | null }) => e.note?.startsWith('Places'));
    expect(places.map((e: { note: string }) => e.note)).toEqual([
      'Places from friends.md: Blue Bottle, Lake Merritt, London, Oakland',
    ]);
    const grace = (await j.run(['history', '--person', 'Grace', '--json'])).json();
    expect(grace.map((e: { note: string }) => e.note)).toEqual([
      'Coffee with Grace at Blue Bottle.',
      'Grace got a new job.',
      'Walked around Lake Merritt with Ada Lovelace and Grace Hopper. @outdoors',
      'Ada and Grace Hopper started a book club together.',
    ]);
    const people = (await j.run(['people', '--json'])).json();
    const lastContact = people.find((p: { name: string }) => p.name === 'Grace Hopper').lastContact;
    expect(lastContact.slice(0, 10)).toBe('2024-03-02');
    // Importing again adds nothing.
    const again = (
      await j.run(['import', fixture('friends', 'notes-and-places.md'), '--from', 'friends', '--json'])
    ).json();
    expect(again.added.entries).toBe(0);
  });

  it('a row in the future is refused, naming it, and nothing is imported', async () => {
    j = journal();
    const friends = await j.run(['import', fixture('friends', 'future.md'), '--from', 'friends']);
    expect(friends.code).toBe(2);
    expect(friends.stderr).toContain('future.md line 3: 2099-01-01 is in the future');
    const daylio = await j.run(['import', fixture('daylio', 'future-row.csv'), '--from', 'daylio']);
    expect(daylio.code).toBe(2);
    expect(daylio.stderr).toContain('future-row.csv line 3: 2099-01-01 9:00 pm is in the future');
    expect((await j.run(['history', '--json'])).json()).toEqual([]);
  });

  it('Daylio files with surplus fields, unknown columns, the older header and scales all come in whole', async () => {
    j = journal();
    const counts = [];
    for (const name of ['surplus-field.csv', 'extra-columns.csv', 'older-header.csv', 'scales-short-dates.csv']) {
      const result = await j.run(['import', fixture('daylio', name), '--from', 'daylio', '--json']);
      expect(result.code).toBe(0);
      counts.push(result.json().added.entries);
    }
    expect(counts).toEqual([4, 2, 3, 2]);
  });
});

describe('a friends.md note linked to its people', () => {
  it('keeps the link through connect export and import into another journal', async () => {
    j = journal();
    await j.run(['import', fixture('friends', 'notes-and-places.md'), '--from', 'friends']);
    const out = join(j.dir, 'journal.json');
    expect((await j.run(['export', '--out', out])).code).toBe(0);
    const other = journal();
    try {
      const result = await other.run(['import', out]);
      expect(result.code, result.stderr).toBe(0);
      const notes = (await other.run(['history', '--person', 'Grace Hopper', '--json']))
        .json()
        .map((e: { note: string }) => e.note);
      expect(notes).toContain('Grace got a new job.');
    } finally {
      other.cleanup();
    }
  });
});
