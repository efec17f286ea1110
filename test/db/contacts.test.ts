import { describe, expect, it } from 'vitest';
import { EMPTY_INTERACTION } from '../../src/core/entry-input';
import type { Felt, InteractionInput } from '../../src/core/types';
import {
  countEntries,
  deleteEntry,
  insertInteraction,
  insertMood,
  recentContacts,
  updateInteraction,
} from '../../src/db/entries';
import type { Journal } from '../../src/db/journal';
import { addPerson, listPeople, resolveOrCreate } from '../../src/db/people';
import { eachTestJournal } from '../support/each-test-journal';

const NOW = new Date('2026-11-26T10:00:00Z');
const DAY = 86_400_000;

let journal: Journal;
eachTestJournal('connect-contacts-', (opened) => {
  journal = opened;
});

const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

function log(names: string[], at: Date, extra: Partial<InteractionInput> = {}): number {
  return journal.write(NOW, 'log', () => {
    const { people } = resolveOrCreate(journal.db, NOW, names);
    const input: InteractionInput = {
      ...EMPTY_INTERACTION,
      at,
      people: names,
      channel: 'call',
      note: 'a note the reader leaves out',
      ...extra,
    };
    return insertInteraction(journal.db, NOW, input, people).rowId;
  });
}

const rowIdOf = (name: string) => listPeople(journal.db, { includeArchived: true }).find((p) => p.name === name)!.rowId;
const days = (contacts: { at: Date }[]) => contacts.map((c) => Math.round((NOW.getTime() - c.at.getTime()) / DAY));

describe('recentContacts', () => {
  it("reads one person's latest contacts, oldest first, with only what rhythms and suggestions use", () => {
    log(['Sam'], daysAgo(9), {
      channel: 'in-person',
      activity: 'coffee',
      moodBefore: 2,
      moodAfter: 4,
      quality: 5,
      felt: ['safe', 'available'] as Felt[],
    });
    log(['Sam', 'Kai'], daysAgo(3), { channel: 'text' });
    log(['Kai'], daysAgo(1));
    log(['Sam'], daysAgo(20));
    journal.write(NOW, 'mood', () => insertMood(journal.db, NOW, { at: daysAgo(2), mood: 2, energy: 2, note: null }));
    const sam = recentContacts(journal.db, rowIdOf('Sam'), { limit: 10 });
    expect(days(sam)).toEqual([20, 9, 3]);
    expect(sam[1]).toEqual({
      at: daysAgo(9),
      channel: 'in-person',
      activity: 'coffee',
      moodBefore: 2,
      moodAfter: 4,
      quality: 5,
      felt: ['safe', 'available'],
    });
    expect(sam[2]).toEqual({
      at: daysAgo(3),
      channel: 'text',
      activity: null,
      moodBefore: null,
      moodAfter: null,
      quality: null,
      felt: [],
    });
    expect(days(recentContacts(journal.db, rowIdOf('Kai'), { limit: 10 }))).toEqual([3, 1]);
  });

  it('takes the latest `limit` of them (all without one), between `since` and `until`, leaving out deleted entries', () => {
    for (const n of [30, 25, 20, 15, 10, 5, 0]) log(['Jo'], daysAgo(n));
    log(['Jo'], new Date(NOW.getTime() + DAY)); // logged ahead, for tomorrow
    const deleted = log(['Jo'], daysAgo(7));
    journal.write(NOW, 'delete', () => deleteEntry(journal.db, NOW, deleted));
    const jo = rowIdOf('Jo');
    expect(days(recentContacts(journal.db, jo, { limit: 3, until: NOW }))).toEqual([10, 5, 0]);
    expect(days(recentContacts(journal.db, jo, { limit: 3, until: daysAgo(12) }))).toEqual([25, 20, 15]);
    expect(days(recentContacts(journal.db, jo, { until: NOW }))).toEqual([30, 25, 20, 15, 10, 5, 0]);
    expect(days(recentContacts(journal.db, jo))).toEqual([30, 25, 20, 15, 10, 5, 0, -1]);
    expect(recentContacts(journal.db, jo, { limit: 0 })).toEqual([]);
    expect(days(recentContacts(journal.db, jo, { limit: 3, until: NOW, since: daysAgo(7) }))).toEqual([5, 0]);
    expect(days(recentContacts(journal.db, jo, { limit: 3, until: daysAgo(5), since: daysAgo(25) }))).toEqual([
      15, 10, 5,
    ]);
    expect(days(recentContacts(journal.db, jo, { since: daysAgo(10) }))).toEqual([10, 5, 0, -1]);
    // The limit becomes part of the SQL: only a whole number is taken.
    expect(() => recentContacts(journal.db, jo, { limit: 1.5 })).toThrow('A contact limit is a whole number, not 1.5.');
  });

  it('keeps contacts at the same instant in the order they were logged', () => {
    const at = daysAgo(4);
    log(['Ana'], at, { activity: 'first' });
    log(['Ana'], at, { activity: 'second' });
    log(['Ana'], at, { activity: 'third' });
    log(['Ana'], daysAgo(8), { activity: 'earlier' });
    const ana = rowIdOf('Ana');
    expect(recentContacts(journal.db, ana).map((c) => c.activity)).toEqual(['earlier', 'first', 'second', 'third']);
    expect(recentContacts(journal.db, ana, { limit: 2 }).map((c) => c.activity)).toEqual(['second', 'third']);
  });

  it('keeps them in that order when an edit has linked the first one again (its link now the newest)', () => {
    const at = daysAgo(4);
    const first = log(['Ana'], at, { activity: 'first' });
    log(['Ana'], at, { activity: 'second' });
    log(['Ana'], daysAgo(8), { activity: 'earlier' });
    journal.write(NOW, 'edit', () => {
      const { people } = resolveOrCreate(journal.db, NOW, ['Ana']);
      const input = { ...EMPTY_INTERACTION, at, people: ['Ana'], activity: 'first, edited' };
      return updateInteraction(journal.db, NOW, first, input, people);
    });
    const ana = rowIdOf('Ana');
    expect(recentContacts(journal.db, ana).map((c) => c.activity)).toEqual(['earlier', 'first, edited', 'second']);
  });

  it("a person's past week is their latest contacts from then on, or that week's latest when it holds more", () => {
    // next reads the past week of someone whose whole recent history it reads from that history.
    const at = (day: number, hour: number) => new Date(daysAgo(day).getTime() + hour * 3_600_000);
    for (let day = 20; day >= 0; day--) log(['Jo'], at(day, 0));
    for (let hour = 1; hour <= 40; hour++) log(['Lee'], at(hour % 6, hour % 3)); // 40 in six days, some at one instant
    for (let day = 50; day >= 10; day -= 5) log(['Kai'], at(day, 0)); // none in the past week
    const since = daysAgo(7);
    for (const name of ['Jo', 'Lee', 'Kai']) {
      const person = rowIdOf(name);
      const latest = recentContacts(journal.db, person, { limit: 30, until: NOW });
      const week = recentContacts(journal.db, person, { limit: 30, until: NOW, since });
      expect(latest.filter((c) => c.at.getTime() >= since.getTime())).toEqual(week);
    }
    expect(recentContacts(journal.db, rowIdOf('Lee'), { limit: 30, until: NOW, since })).toHaveLength(30);
  });
});

describe('listPeople', () => {
  it('gives each person their own aliases and tags, sorted as the journal sorts them, read in one go', () => {
    journal.write(NOW, 'add', () => {
      addPerson(journal.db, NOW, 'Sam Lee', { aliases: ['sammy', 'Lee', 'S'], tags: ['climbing', 'Work'] });
      addPerson(journal.db, NOW, 'Ana', { aliases: ['Annie'] });
      addPerson(journal.db, NOW, 'Kai');
    });
    const people = listPeople(journal.db).map(({ name, aliases, tags }) => ({ name, aliases, tags }));
    expect(people).toEqual([
      { name: 'Ana', aliases: ['Annie'], tags: [] },
      { name: 'Kai', aliases: [], tags: [] },
      { name: 'Sam Lee', aliases: ['Lee', 'S', 'sammy'], tags: ['climbing', 'Work'] },
    ]);
  });
});

describe('countEntries', () => {
  it('counts what a filter matches, and stops at the number asked for', () => {
    for (let i = 0; i < 7; i++) log(['Sam'], daysAgo(i + 1));
    log(['Ana'], daysAgo(1));
    const sam = listPeople(journal.db).find((p) => p.name === 'Sam')!;
    expect(countEntries(journal.db)).toBe(8);
    expect(countEntries(journal.db, { personRowId: sam.rowId })).toBe(7);
    expect(countEntries(journal.db, {}, 5)).toBe(5);
    expect(countEntries(journal.db, { since: daysAgo(2) }, 100)).toBe(3);
  });
});
