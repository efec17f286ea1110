import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from './run';
import { hasTmux, Terminal } from './terminal';

let s: Sandbox;
let terminal: Terminal | undefined;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => {
  terminal?.close();
  s.cleanup();
});

describe.skipIf(!hasTmux)('interactive connect log in a real terminal', () => {
  it('asks a few gentle questions and logs the answers', async () => {
    expect(s.run(['people', 'add', 'Samira Lee']).code).toBe(0);
    terminal = new Terminal(s, ['log']);
    await terminal.waitFor('Who was it with?');
    terminal.type('sam');
    await terminal.waitFor('Samira Lee');
    terminal.keys('Enter'); // people already in the journal come first
    await terminal.waitFor('Anyone else?');
    terminal.keys('Enter'); // that is everyone
    await terminal.waitFor('How did you connect?');
    terminal.keys('Down', 'Enter'); // Video call
    await terminal.waitFor('Doing something together?');
    terminal.type('book club');
    terminal.keys('Enter');
    await terminal.waitFor('When?');
    terminal.keys('Enter'); // now
    await terminal.waitFor('Mood before?');
    terminal.keys('Down', 'Down', 'Enter'); // 2
    await terminal.waitFor('Mood after?');
    terminal.keys('Down', 'Down', 'Down', 'Down', 'Enter'); // 4
    await terminal.waitFor('How did it feel?');
    terminal.keys('Space', 'Down', 'Down', 'Space', 'Enter'); // safe, emotionally available
    await terminal.waitFor('A few words to remember it by?');
    terminal.type('talked about the ending');
    terminal.keys('Enter');
    const screen = await terminal.waitFor('EXIT=');
    expect(screen).toContain('Logged a book club (video call) with Samira Lee — mood 2 → 4.');
    expect(screen).toContain('EXIT=0');
    const [entry] = s.run(['history', '--json']).json();
    expect(entry).toMatchObject({
      people: ['Samira Lee'],
      channel: 'video',
      activity: 'book club',
      moodBefore: 2,
      moodAfter: 4,
      felt: ['safe', 'available'],
      note: 'talked about the ending',
      at: '2026-11-26T11:00:00+01:00',
    });
  });

  it('adds someone new, typed at the first question', async () => {
    terminal = new Terminal(s, ['log']);
    await terminal.waitFor('Who was it with?');
    terminal.type('Jo');
    await terminal.waitFor('Jo (new)');
    terminal.keys('Enter');
    for (const question of [
      'Add Jo to your people as someone new?',
      'Anyone else?',
      'How did you connect?',
      'Doing something together?',
      'When?',
      'Mood before?',
      'Mood after?',
      'How did it feel?',
      'A few words',
    ]) {
      await terminal.waitFor(question);
      terminal.keys('Enter');
    }
    const screen = await terminal.waitFor('EXIT=');
    expect(screen).toContain('Logged time together in person with Jo.');
    expect(screen).toContain('Jo is new to your journal.');
  });

  it('puts Priya above a typo of her name, asks before adding someone new, takes several people and echoes the time', async () => {
    for (const name of ['Priya', 'Tom Becker']) expect(s.run(['people', 'add', name]).code).toBe(0);
    terminal = new Terminal(s, ['log']);
    await terminal.waitFor('Who was it with?');
    terminal.type('priyaa');
    const choices = await terminal.waitFor('priyaa (new)');
    expect(choices.indexOf('Priya')).toBeLessThan(choices.indexOf('priyaa (new)'));
    terminal.keys('Down', 'Enter'); // the typo, on purpose
    await terminal.waitFor('Add priyaa to your people as someone new (not Priya)?');
    terminal.type('n');
    terminal.keys('Enter'); // no: back to the question
    await terminal.waitFor('Who was it with?');
    terminal.type('pri');
    await terminal.waitFor('pri (new)');
    terminal.keys('Enter'); // Priya, first
    await terminal.waitFor('Anyone else? (Priya so far)');
    terminal.type('beck');
    await terminal.waitFor('beck (new)');
    terminal.keys('Enter'); // Tom Becker, above the new name and "That is everyone"
    await terminal.waitFor('Anyone else? (Priya, Tom Becker so far)');
    terminal.keys('Enter');
    await terminal.waitFor('How did you connect?');
    terminal.keys('Enter');
    await terminal.waitFor('Doing something together?');
    terminal.type('lunch');
    terminal.keys('Enter');
    await terminal.waitFor('When?');
    terminal.keys('C-u');
    terminal.type('yesterday 1pm');
    terminal.keys('Enter');
    await terminal.waitFor('yesterday 1pm (on Wed 25 Nov at 13:00)');
    for (const question of ['Mood before?', 'Mood after?', 'How did it feel?', 'A few words']) {
      await terminal.waitFor(question);
      terminal.keys('Enter');
    }
    const screen = await terminal.waitFor('EXIT=');
    expect(screen).toContain('Logged a lunch with Priya and Tom Becker on Wed 25 Nov at 13:00.');
    expect(screen).not.toContain('new to your journal');
    expect(
      s
        .run(['people', '--json'])
        .json()
        .map((p: { name: string }) => p.name),
    ).toEqual(['Priya', 'Tom Becker']);
  });

  it('leaves the journal untouched on Ctrl-C, with no stack trace', async () => {
    terminal = new Terminal(s, ['log']);
    await terminal.waitFor('Who was it with?');
    terminal.type('Sam');
    await terminal.waitFor('Sam (new)');
    terminal.keys('Enter');
    await terminal.waitFor('Add Sam to your people as someone new?');
    terminal.keys('Enter');
    await terminal.waitFor('Anyone else?');
    terminal.keys('Enter');
    await terminal.waitFor('How did you connect?');
    terminal.keys('C-c');
    const screen = await terminal.waitFor('EXIT=');
    expect(screen).toContain('Cancelled — nothing was saved.');
    expect(screen).toContain('EXIT=130');
    expect(screen).not.toMatch(/at .+\.js:\d+/);
    expect(existsSync(s.db)).toBe(false);
  });
});
