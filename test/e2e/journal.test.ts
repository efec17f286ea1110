import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from './run';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const idOf = (r: { json: () => any }) => r.json().id as string;

describe('connect history', () => {
  it('lists entries newest first, with filters', () => {
    s.run(['log', 'Sam', '--channel', 'video', '--when', '3 days ago']);
    s.run(['log', 'Alex', '--channel', 'call', '--when', 'yesterday 9am']);
    s.run(['mood', '3', '--when', '2 hours ago']);
    const all = s.run(['history', '--json']).json();
    expect(all.map((e: any) => e.type)).toEqual(['mood', 'interaction', 'interaction']);
    expect(all[1].people).toEqual(['Alex']);
    expect(
      s
        .run(['history', '--person', 'sam', '--json'])
        .json()
        .map((e: any) => e.people),
    ).toEqual([['Sam']]);
    expect(s.run(['history', '--channel', 'call', '--json']).json()).toHaveLength(1);
    expect(s.run(['history', '--since', 'yesterday', '--json']).json()).toHaveLength(2);
    expect(s.run(['history', '--until', '2 days ago', '--json']).json()).toHaveLength(1);
    expect(s.run(['history', '--limit', '1', '--json']).json()).toHaveLength(1);
    const text = s.run(['history']).stdout;
    expect(text).toMatch(/Wed 25 Nov 09:00 {2}[0-9a-f]{8} {2}A call with Alex/);
  });

  it('shows an empty result on a missing journal and creates nothing', () => {
    const r = s.run(['history']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Your journal is empty so far.');
    expect(s.run(['history', '--json']).json()).toEqual([]);
    expect(s.run(['people', '--json']).json()).toEqual([]);
    expect(require('node:fs').existsSync(s.db)).toBe(false);
  });

  it.each([
    [['--person', 'Nobody'], 'No one called "Nobody"'],
    [['--since', 'the dawn of time'], '--since could not read'],
    [['--limit', '0'], '--limit takes a whole number from 1'],
    [['--channel', 'fax'], '--channel takes one of'],
  ])('refuses %j with exit 2', (flags, message) => {
    s.run(['log', 'Sam']);
    const r = s.run(['history', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('connect edit, delete and undo', () => {
  it('edits only the fields given, and clears with ""', () => {
    const id = idOf(s.run(['log', 'Sam', '--channel', 'call', '--after', '3', '--note', 'quick call', '--json']));
    const edited = s
      .run(['edit', id.slice(0, 8), '--after', '5', '--note', '', '--people', 'Sam, Alex', '--json'])
      .json();
    expect(edited).toMatchObject({ id, channel: 'call', moodAfter: 5, note: null, people: ['Sam', 'Alex'] });
    const mood = idOf(s.run(['mood', '2', '--json']));
    expect(s.run(['edit', mood.slice(0, 6), '--mood', '3', '--energy', '4', '--json']).json()).toMatchObject({
      mood: 3,
      energy: 4,
    });
  });

  it.each([
    [['zzzz'], 'is not an entry id'],
    [['abcd1234', '--after', '4'], 'No entry with id abcd1234'],
  ])('refuses an unknown id %j with exit 2', (args, message) => {
    s.run(['log', 'Sam']);
    const r = s.run(['edit', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('refuses mood flags on an interaction and interaction flags on a mood', () => {
    const id = idOf(s.run(['log', 'Sam', '--json']));
    expect(s.run(['edit', id, '--mood', '3']).stderr).toContain('is an interaction');
    const mood = idOf(s.run(['mood', '2', '--json']));
    const r = s.run(['edit', mood, '--channel', 'call']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a mood check-in');
    expect(s.run(['edit', id, '--after', '9']).code).toBe(2);
    expect(s.run(['history', '--json']).json()[1].moodAfter).toBeNull();
  });

  it('deletes with --yes, asks for it without a terminal, and undo brings it back', () => {
    const id = idOf(s.run(['log', 'Sam', '--channel', 'video', '--json']));
    const refused = s.run(['delete', id]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const deleted = s.run(['delete', id.slice(0, 8), '--yes']);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain('Deleted a video call with Sam');
    expect(s.run(['history', '--json']).json()).toEqual([]);
    expect(s.run(['undo']).stdout).toContain('Took back: deleted a video call with Sam');
    expect(
      s
        .run(['history', '--json'])
        .json()
        .map((e: any) => e.id),
    ).toEqual([id]);
  });

  it('undoes every kind of write, one step at a time, then says there is nothing left', () => {
    s.run(['log', 'Sam', '--after', '3']);
    s.run(['mood', '4']);
    s.run(['people', 'rename', 'Sam', 'Samira']);
    s.run(['config', 'set', 'week.start', 'sunday']);
    expect(s.run(['undo']).stdout).toContain('Took back: set week.start');
    expect(s.run(['config', 'get', 'week.start']).stdout.trim()).toBe('monday');
    expect(s.run(['undo']).stdout).toContain('renamed Sam to Samira');
    expect(s.run(['people', '--json']).json()[0].name).toBe('Sam');
    expect(s.run(['undo']).stdout).toContain('mood check-in');
    const undoLog = s.run(['undo', '--json']).json();
    expect(undoLog.undone).toContain('logged');
    expect(s.run(['history', '--json']).json()).toEqual([]);
    expect(s.run(['people', '--json']).json()).toEqual([]);
    expect(s.run(['undo']).stdout).toContain('Nothing to undo.');
  });

  it('undoes an edit back to the earlier values', () => {
    const id = idOf(s.run(['log', 'Sam', '--after', '3', '--json']));
    s.run(['edit', id, '--after', '5', '--people', 'Alex']);
    s.run(['undo']);
    expect(s.run(['history', '--json']).json()[0]).toMatchObject({ moodAfter: 3, people: ['Sam'] });
  });
});

describe('connect people', () => {
  it('adds, shows, renames, merges and archives', () => {
    expect(s.run(['people', 'add', 'Sam Lee', '--alias', 'Sammy', '--tag', 'Climbing']).stdout).toContain(
      'Added Sam Lee (also Sammy).',
    );
    expect(s.run(['people', 'add', 'sam lee']).code).toBe(2);
    s.run(['log', 'Sammy', '--channel', 'video', '--before', '2', '--after', '4']);
    s.run(['log', 'S Lee', '--channel', 'call']);
    const merged = s.run(['people', 'merge', 'S Lee', 'Sam Lee']);
    expect(merged.stdout).toContain('Merged S Lee into Sam Lee (1 entry moved).');
    expect(s.run(['log', 's lee', '--json']).json().people).toEqual(['Sam Lee']);
    expect(s.run(['people', 'rename', 'Sam Lee', 'Samira Lee']).code).toBe(0);
    const shown = s.run(['people', 'show', 'sam lee', '--json']).json();
    expect(shown).toMatchObject({ name: 'Samira Lee', tags: ['climbing'], interactions: 3, lastContact: '2026-11-26' });
    expect(shown.aliases).toEqual(expect.arrayContaining(['Sammy', 'S Lee', 'Sam Lee']));
    expect(s.run(['people', 'show', 'Samira']).stdout).toContain('3 entries');
    s.run(['people', 'archive', 'Samira']);
    expect(s.run(['people', '--json']).json()).toEqual([]);
    expect(s.run(['people', '--archived', '--json']).json()[0].archived).toBe(true);
    s.run(['people', 'archive', 'Samira', '--restore']);
    expect(s.run(['people', '--json']).json()).toHaveLength(1);
  });

  it('lists everyone with last contact, count and average lift', () => {
    for (const [when, before, after] of [
      ['10 days ago', 2, 4],
      ['7 days ago', 3, 4],
      ['3 days ago', 2, 3],
    ]) {
      s.run(['log', 'Sam', '--when', String(when), '--before', String(before), '--after', String(after)]);
    }
    const [sam] = s.run(['people', '--json']).json();
    expect(sam).toMatchObject({
      name: 'Sam',
      aliases: [],
      tags: [],
      lastContact: '2026-11-23',
      interactions: 3,
      averageLift: 1.33,
    });
    const text = s.run(['people']).stdout;
    expect(text).toContain('last together 3 days ago · 3 times');
    expect(text).not.toContain('mood tends'); // three entries are too few to say anything
  });

  it.each([
    [['people', 'show', 'Nobody'], 'No one called "Nobody"'],
    [['people', 'rename', 'Nobody', 'X'], 'No one called "Nobody"'],
    [['people', 'merge', 'Sam', 'Sam'], 'already the same person'],
    [['people', 'add', ''], 'cannot be empty'],
  ])('refuses %j with exit 2', (args, message) => {
    s.run(['log', 'Sam']);
    const r = s.run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('connect config', () => {
  it('gets, sets and lists settings with their defaults', () => {
    expect(s.run(['config', 'get', 'week.start']).stdout.trim()).toBe('monday');
    expect(s.run(['config', 'set', 'week.start', 'Sunday']).stdout).toContain('week.start is now sunday.');
    expect(s.run(['config', 'set', 'nudge.every', '12h', '--json']).json()).toEqual({
      key: 'nudge.every',
      value: '12 hours',
    });
    expect(s.run(['config', 'list', '--json']).json()).toEqual([
      { key: 'week.start', value: 'sunday', isDefault: false },
      { key: 'nudge.every', value: '12 hours', isDefault: false },
      { key: 'sync.dir', value: '', isDefault: true },
    ]);
  });

  it.each([
    [['config', 'set', 'week.start', 'friday'], 'week.start takes one of monday, sunday'],
    [['config', 'set', 'colour', 'blue'], 'There is no setting called "colour"'],
    [['config', 'get', 'nope'], 'There is no setting called "nope"'],
  ])('refuses %j with exit 2', (args, message) => {
    const r = s.run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('the command line', () => {
  it('suggests the closest command for a typo, exit 2', () => {
    const r = s.run(['lgo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('connect: connect has no command "lgo" — did you mean log?');
    expect(r.stderr).toContain('log');
  });

  it('refuses an unknown flag with exit 2', () => {
    expect(s.run(['log', 'Sam', '--mood', '3']).code).toBe(2);
  });

  it('carries the crisis line and examples in --help, exit 0', () => {
    for (const args of [['--help'], ['log', '--help']]) {
      const r = s.run(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('988');
      expect(r.stdout).toContain('findahelpline.com');
      expect(r.stdout).toContain('Examples:');
    }
  });

  it('shows the help for a bare connect, exit 0', () => {
    const r = s.run([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: connect');
  });

  it('prints the version', () => {
    expect(s.run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('refuses a malformed CONNECT_NOW', () => {
    const r = s.run(['history'], { now: 'last tuesday' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('CONNECT_NOW must be an ISO 8601 instant');
  });

  it('keeps stdout to one JSON document and errors on stderr under --json', () => {
    const r = s.run(['log', 'Sam', '--after', '9', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--after');
  });

  it('colours only when asked: NO_COLOR, --no-color and FORCE_COLOR', () => {
    s.run(['log', 'Sam']);
    const forced = s.run(['people'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout;
    expect(forced).toContain('\u001b[');
    expect(s.run(['people', '--no-color'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).not.toContain(
      '\u001b[',
    );
    expect(s.run(['people'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });
});
