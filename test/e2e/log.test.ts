import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from './run';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

describe('connect log', () => {
  it('logs a video call with a new person and says so warmly', () => {
    const r = s.run(['log', 'Sam', '--channel', 'video', '--before', '3', '--after', '4']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Logged a video call with Sam — mood 3 → 4.');
    expect(r.stdout).toContain('Sam is new to your journal.');
  });

  it('prints the Entry shape with every field and nulls for absent values', () => {
    const entry = s.run(['log', 'Sam', '--channel', 'call', '--json']).json();
    expect(Object.keys(entry).sort()).toEqual(
      [
        'activity',
        'at',
        'channel',
        'felt',
        'id',
        'initiated',
        'minutes',
        'moodAfter',
        'moodBefore',
        'note',
        'people',
        'quality',
        'small',
        'touchpointId',
        'type',
      ].sort(),
    );
    expect(entry).toMatchObject({
      type: 'interaction',
      at: '2026-11-26T11:00:00+01:00',
      people: ['Sam'],
      channel: 'call',
      activity: null,
      small: false,
      minutes: null,
      moodBefore: null,
      moodAfter: null,
      felt: [],
      quality: null,
      initiated: null,
      note: null,
      touchpointId: null,
    });
    expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps every flag', () => {
    const entry = s
      .run([
        'log',
        'Sam',
        'Alex',
        '--activity',
        'walk',
        '--channel',
        'in person',
        '--minutes',
        '45',
        '--before',
        '2',
        '--after',
        '4',
        '--felt',
        'safe, emotionally available',
        '--quality',
        '5',
        '--initiated',
        'me',
        '--note',
        'by the river, "lovely"',
        '--json',
      ])
      .json();
    expect(entry).toMatchObject({
      people: ['Sam', 'Alex'],
      channel: 'in-person',
      activity: 'walk',
      minutes: 45,
      moodBefore: 2,
      moodAfter: 4,
      felt: ['safe', 'available'],
      quality: 5,
      initiated: 'me',
      note: 'by the river, "lovely"',
    });
  });

  it('logs a small moment with no one in particular', () => {
    const r = s.run(['log', '--small', '--after', '4', '--note', 'chatted with the barista']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Logged a small moment — mood after 4.');
  });

  it('matches people by name, alias and unique first name, case-insensitively', () => {
    expect(s.run(['people', 'add', 'Samira Lee', '--alias', 'Sam']).code).toBe(0);
    expect(s.run(['people', 'add', 'Alex Chen']).code).toBe(0);
    expect(s.run(['log', 'sam', '--json']).json().people).toEqual(['Samira Lee']);
    expect(s.run(['log', 'ALEX', '--json']).json().people).toEqual(['Alex Chen']);
    expect(s.run(['people', '--json']).json()).toHaveLength(2);
  });

  it('refuses an ambiguous first name, listing who it could be, and writes nothing', () => {
    s.run(['people', 'add', 'Alex Chen']);
    s.run(['people', 'add', 'Alex Moreno']);
    const r = s.run(['log', 'Alex']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"Alex" could mean Alex Chen or Alex Moreno.');
    expect(s.run(['history', '--json']).json()).toEqual([]);
  });

  it('reads natural-language times in the local zone', () => {
    expect(s.run(['log', 'Sam', '--when', 'yesterday 6pm', '--json']).json().at).toBe('2026-11-25T18:00:00+01:00');
    expect(s.run(['log', 'Sam', '--when', '2 hours ago', '--json']).json().at).toBe('2026-11-26T09:00:00+01:00');
    expect(s.run(['log', 'Sam', '--when', '2026-11-20 18:30', '--json']).json().at).toBe('2026-11-20T18:30:00+01:00');
    expect(s.run(['log', 'Sam', '--when', 'friday', '--json']).json().at.slice(0, 10)).toBe('2026-11-20');
  });

  it.each([
    [['--when', 'tomorrow'], 'is in the future'],
    [['--when', 'next year'], 'is in the future'],
    [['--when', 'banana'], 'could not read "banana"'],
    [['--when', 'yesterday and some words'], 'could not read'],
    [['--when', '2026-02-30'], 'could not read'],
    [['--after', '7'], '--after takes a whole number from 1 (very low) to 5 (very good); got "7"'],
    [['--before', '0'], '--before takes a whole number from 1'],
    [['--quality', 'great'], '--quality takes a whole number from 1'],
    [['--after', '3.5'], '--after takes a whole number'],
    [['--channel', 'pigeon'], '--channel takes one of in-person, video, call, voice-message, text, online'],
    [['--felt', 'safe,cozy'], '--felt takes a comma-separated list of safe, nonjudgmental, available; got "cozy"'],
    [['--initiated', 'nobody'], '--initiated takes one of me, them, mutual'],
    [['--minutes', '-5'], '--minutes takes a whole number of minutes'],
    [['--touchpoint', 'abcd1234'], 'No touchpoint with id'],
  ])('refuses %j with exit 2 and a line naming the expected form, creating nothing', (flags, message) => {
    const r = s.run(['log', 'Sam', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(2);
    expect(r.stdout).toBe('');
    expect(existsSync(s.db)).toBe(false);
  });

  it('names the flags to pass when there is no terminal and nothing to log', () => {
    const r = s.run(['log']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('connect log Sam');
    expect(r.stderr).toContain('--small');
    expect(existsSync(s.db)).toBe(false);
  });

  it('creates the journal owner-only, in an owner-only folder', () => {
    s.run(['log', 'Sam']);
    expect(statSync(s.db).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(s.db)).mode & 0o777).toBe(0o700);
  });

  it('honours --db over CONNECT_DB, and XDG_DATA_HOME when neither is set', () => {
    const other = `${s.dir}/elsewhere.db`;
    expect(s.run(['--db', other, 'log', 'Sam']).code).toBe(0);
    expect(existsSync(other)).toBe(true);
    expect(existsSync(s.db)).toBe(false);
    expect(s.run(['log', 'Sam'], { env: { CONNECT_DB: undefined } }).code).toBe(0);
    expect(existsSync(`${s.dir}/xdg-data/connect/journal.db`)).toBe(true);
  });
});

describe('connect mood', () => {
  it('keeps a mood check-in with energy and a note', () => {
    const entry = s.run(['mood', '2', '--energy', '1', '--note', 'long week', '--json']).json();
    expect(entry).toEqual({
      id: entry.id,
      type: 'mood',
      at: '2026-11-26T11:00:00+01:00',
      mood: 2,
      energy: 1,
      note: 'long week',
    });
    expect(s.run(['mood', '4']).stdout).toContain('Noted — mood 4.');
  });

  it.each([
    [['6'], 'mood takes a whole number from 1'],
    [['--energy', 'high'], '--energy takes a whole number from 1'],
    [[], 'needs a mood or an energy'],
    [['3', '--when', 'in 2 hours'], 'is in the future'],
  ])('refuses %j with exit 2', (args, message) => {
    const r = s.run(['mood', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(existsSync(s.db)).toBe(false);
  });
});
