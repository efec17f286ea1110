// Terminal escapes: refused at every way in, and shown (never interpreted) by every command that prints text,
// even when they are already in a journal written before the rule.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { journal, type Journal } from '../support/in-process';

let j: Journal;
afterEach(() => j?.cleanup());

const PAYLOAD = 'x\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil';
/** Anything a terminal would act on: C0 except tab and line breaks (LF, CRLF), DEL, C1, bidi overrides. */
const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;

describe('control characters are refused at every way in (exit 2, nothing written)', () => {
  const inputs: Array<[string, string[]]> = [
    ['log --note', ['log', 'Sam', '--note', PAYLOAD]],
    ['log --activity', ['log', 'Sam', '--activity', PAYLOAD]],
    ['log with a name', ['log', `Sam${PAYLOAD}`]],
    ['log with a NUL in the note', ['log', 'Sam', '--note', 'a\u0000b']],
    ['mood --note', ['mood', '3', '--note', PAYLOAD]],
    ['people add', ['people', 'add', `Sam${PAYLOAD}`]],
    ['people add --alias', ['people', 'add', 'Sam', '--alias', 'S\u200bam']],
    ['people add --tag', ['people', 'add', 'Sam', '--tag', `t${PAYLOAD}`]],
    ['touchpoint add title', ['touchpoint', 'add', `Call${PAYLOAD}`, '--every', 'week']],
    ['touchpoint add --activity', ['touchpoint', 'add', 'Call', '--every', 'week', '--activity', PAYLOAD]],
  ];
  it.each(inputs)('%s', async (_name, args) => {
    j = journal();
    const r = await j.run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/control characters|direction|invisible/);
    expect(RAW.test(r.stderr)).toBe(false);
    expect((await j.run(['history', '--json'])).json()).toEqual([]);
  });
  it('edit --note', async () => {
    j = journal();
    const id = (await j.run(['log', 'Sam', '--json'])).json().id as string;
    const r = await j.run(['edit', id, '--note', PAYLOAD]);
    expect(r.code).toBe(2);
    expect((await j.run(['history', '--json'])).json()[0].note).toBeNull();
  });
  it('a note may still hold line breaks and tabs', async () => {
    j = journal();
    expect((await j.run(['log', 'Sam', '--note', 'one\n\ttwo'])).code).toBe(0);
    expect((await j.run(['history', '--json'])).json()[0].note).toBe('one\n\ttwo');
  });
});

describe('text already in a journal is shown, never interpreted, by every command that prints it', () => {
  /** A journal written before the rule: names, aliases, tags, titles, notes and activities carry escapes. */
  async function oldJournal(): Promise<Journal> {
    j = journal();
    expect((await j.run(['people', 'add', 'Sam', '--alias', 'Sammy', '--tag', 'friends'])).code).toBe(0);
    expect(
      (
        await j.run([
          'log',
          'Sam',
          '--channel',
          'call',
          '--activity',
          'walk',
          '--before',
          '2',
          '--after',
          '4',
          '--note',
          'n',
          '--when',
          '2 hours ago',
        ])
      ).code,
    ).toBe(0);
    for (let day = 1; day <= 6; day += 1)
      expect(
        (
          await j.run([
            'log',
            'Sam',
            '--channel',
            'call',
            '--activity',
            'walk',
            '--before',
            '2',
            '--after',
            '4',
            '--when',
            `${day * 3} days ago`,
          ])
        ).code,
      ).toBe(0);
    expect((await j.run(['mood', '3', '--note', 'm'])).code).toBe(0);
    expect((await j.run(['touchpoint', 'add', 'Call', '--every', 'week', '--with', 'Sam'])).code).toBe(0);
    const db = new Database(j.db);
    db.prepare('UPDATE people SET name = ?').run(`Sam${PAYLOAD}`);
    db.prepare('UPDATE person_aliases SET alias = ?').run(`Sammy${PAYLOAD}`);
    db.prepare('UPDATE person_tags SET tag = ?').run(`friends${PAYLOAD}`);
    db.prepare('UPDATE entries SET note = ?, activity = CASE WHEN type = ? THEN ? END').run(
      PAYLOAD,
      'interaction',
      `walk${PAYLOAD}`,
    );
    db.prepare('UPDATE touchpoints SET title = ?').run(`Call${PAYLOAD}`);
    db.close();
    return j;
  }

  const commands = [
    ['history'],
    ['week'],
    ['patterns'],
    ['people'],
    ['next'],
    ['calendar'],
    ['remind', '--all'],
    ['doctor'],
    ['undo'],
    ['touchpoint', 'list'],
    ['export', '--format', 'csv'],
    ['export', '--format', 'markdown'],
    ['export'],
    ['history', '--json'],
    ['people', '--json'],
  ];
  it.each(commands.map((c) => [c.join(' '), c]))('%s', async (_name, args) => {
    const j = await oldJournal();
    for (const options of [{}, { tty: true, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }]) {
      const r = await j.run(args as string[], options);
      expect(r.code, r.stderr).toBe(0);
      // Colour codes (ESC [ … m) are connect's own; nothing else that a terminal acts on gets through.
      expect(RAW.test(r.stdout.replace(/\u001b\[[0-9;]*m/g, ''))).toBe(false);
      expect(r.stdout).not.toContain('\u001b]0;');
    }
  });
  it('the payload is visible in plain text', async () => {
    const j = await oldJournal();
    expect((await j.run(['history'])).stdout).toContain('x␛]0;pwned␇␛[2J<U+009B>31m<U+202E>evil');
  });
  it('the JSON export keeps the text exact', async () => {
    const j = await oldJournal();
    const entries = (await j.run(['export'])).json().entries as Array<{ note: string }>;
    expect(entries.map((e) => e.note)).toEqual(entries.map(() => PAYLOAD));
  });
});

describe('fuzz: random strings through the command line', () => {
  it('every string given as a note, an activity or a name is kept exactly or refused (exit 2) — never a crash, never half-written', async () => {
    j = journal();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('--note', '--activity', 'name'),
        fc.string({ unit: 'binary', maxLength: 24 }),
        async (where, text) => {
          const args = where === 'name' ? ['log', text, '--json'] : ['log', 'Sam', where, text, '--json'];
          const entries = async () =>
            (await j.run(['export'])).json().entries as Array<{
              note: string | null;
              activity: string | null;
              id: string;
            }>;
          const before = (await entries()).length;
          const r = await j.run(args);
          expect([0, 2], r.stderr).toContain(r.code);
          expect(RAW.test(r.stderr)).toBe(false);
          const after = await entries();
          if (r.code === 2) {
            expect(after).toHaveLength(before);
            return;
          }
          expect(after).toHaveLength(before + 1);
          const logged = r.json() as { note: string | null; activity: string | null; people: string[] };
          const kept = where === '--note' ? logged.note : where === '--activity' ? logged.activity : logged.people[0];
          if (where !== 'name') expect(kept).toBe(text.trim() === '' ? null : text.trim());
          expect(RAW.test(JSON.stringify(kept))).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });
});
