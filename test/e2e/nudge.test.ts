import Database from 'better-sqlite3';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REMINDERS, reminderForDay } from '../../src/core/reminders';
import { sandbox, type RunResult, type Sandbox } from './run';
import { HARSH } from '../tone';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

const files = () => (readdirSync(s.dir, { recursive: true }) as string[]).sort();
const stamp = () => `${s.db}.nudge`;
/** The real binary: what runs at shell start, and the code cache, are only there in a process of its own. */
const nudge = (now?: string, ...flags: string[]) => s.run(['nudge', ...flags], { real: true, ...(now ? { now } : {}) });

/** Exit 0, nothing on stderr, and what was printed as lines. */
function said(r: RunResult): string[] {
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  expect(r.stdout).not.toMatch(HARSH);
  return r.stdout === '' ? [] : r.stdout.replace(/\n$/, '').split('\n');
}

/** Every line it might say is one line; and it says it or nothing. */
function oneLine(r: RunResult): string {
  const lines = said(r);
  expect(lines).toHaveLength(1);
  return lines[0];
}

function silent(r: RunResult): void {
  expect(said(r)).toEqual([]);
}

function weekly(name: string, lastDay: string, count: number, flags: string[]) {
  const last = new Date(`${lastDay}T18:00:00Z`).getTime();
  for (let i = count - 1; i >= 0; i--) {
    const at = new Date(last - i * 7 * 86_400_000).toISOString();
    expect(s.run(['log', name, '--channel', 'call', ...flags], { now: at }).code).toBe(0);
  }
}

describe('connect nudge keeps quiet whenever it cannot speak well', () => {
  it('on a missing journal: nothing printed, exit 0, nothing created', () => {
    silent(nudge());
    silent(nudge(undefined, '--force'));
    expect(existsSync(dirname(s.db))).toBe(false);
    expect(files()).toEqual([]);
  });

  it('on a damaged journal: silent, and the file is left exactly as it was', () => {
    mkdirSync(dirname(s.db), { recursive: true });
    const junk = 'this is not an SQLite database\n'.repeat(200);
    writeFileSync(s.db, junk);
    silent(nudge());
    silent(nudge(undefined, '--force'));
    expect(readFileSync(s.db, 'utf8')).toBe(junk);
    expect(files()).toEqual(['data', 'data/journal.db']);
  });

  it('on an SQLite file that is not a connect journal: silent and untouched', () => {
    mkdirSync(dirname(s.db), { recursive: true });
    const other = new Database(s.db);
    other.exec("CREATE TABLE settings(key TEXT, value TEXT); INSERT INTO settings VALUES ('nudge.every', '1 day')");
    other.close();
    silent(nudge(undefined, '--force'));
    expect(files()).toEqual(['data', 'data/journal.db']);
  });

  it('on a journal another process holds locked: silent at once, no waiting', () => {
    s.run(['log', 'Sam']);
    const holder = new Database(s.db);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const started = Date.now();
      silent(nudge(undefined, '--force'));
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(existsSync(stamp())).toBe(false);
  });

  it('when it cannot leave its stamp beside the journal: silent (or every shell would speak), though --force speaks', () => {
    s.run(['log', 'Sam']);
    mkdirSync(stamp());
    const before = files();
    silent(nudge());
    expect(oneLine(nudge(undefined, '--force'))).not.toBe('');
    expect(files()).toEqual(before);
  });

  it.skipIf(process.getuid?.() === 0)('in a folder it may not write to: silent, nothing created', async () => {
    const { chmodSync } = await import('node:fs');
    s.run(['log', 'Sam']);
    const before = files();
    chmodSync(dirname(s.db), 0o500);
    try {
      silent(nudge());
    } finally {
      chmodSync(dirname(s.db), 0o700);
    }
    expect(files()).toEqual(before);
  });

  it('with a CONNECT_NOW that is not an instant: silent, exit 0', () => {
    s.run(['log', 'Sam']);
    silent(s.run(['nudge', '--force'], { real: true, env: { CONNECT_NOW: 'teatime' } }));
  });

  it('leaves only its stamp beside the journal (no -wal or -shm files behind)', () => {
    s.run(['log', 'Sam']);
    const before = files();
    oneLine(nudge());
    expect(files()).toEqual([...before, 'data/journal.db.nudge'].sort());
  });
});

describe('connect nudge speaks at most once per nudge.every', () => {
  it('speaks one line, then nothing for the rest of the local day, then again the next day', () => {
    s.run(['log', 'Sam']);
    oneLine(nudge('2026-11-26T10:00:00Z'));
    silent(nudge('2026-11-26T13:00:00Z'));
    silent(nudge('2026-11-26T22:59:00Z'));
    // 23:00 UTC is midnight in Berlin: a new local day.
    expect(readFileSync(stamp(), 'utf8').trim()).toBe(String(Date.parse('2026-11-26T23:00:00Z') / 1000));
    oneLine(nudge('2026-11-26T23:30:00Z'));
    silent(nudge('2026-11-27T09:00:00Z'));
  });

  it('leaves its stamp owner-only, and rewrites an old one to exactly its one line', () => {
    s.run(['log', 'Sam']);
    oneLine(nudge('2026-11-26T10:00:00Z'));
    expect(statSync(stamp()).mode & 0o777).toBe(0o600);
    writeFileSync(stamp(), '17000000000000000000\nsomething else\n');
    oneLine(nudge('2026-11-27T10:00:00Z', '--force'));
    expect(readFileSync(stamp(), 'utf8')).toBe(`${Date.parse('2026-11-27T23:00:00Z') / 1000}\n`);
  });

  it('--force speaks anyway, still exactly one line', () => {
    s.run(['log', 'Sam']);
    oneLine(nudge());
    silent(nudge());
    oneLine(nudge(undefined, '--force'));
    oneLine(nudge(undefined, '--force'));
  });

  it('"12 hours" lets it speak again twelve hours later', () => {
    s.run(['config', 'set', 'nudge.every', '12 hours']);
    oneLine(nudge('2026-11-26T08:00:00Z'));
    silent(nudge('2026-11-26T19:59:00Z'));
    oneLine(nudge('2026-11-26T20:00:00Z'));
  });

  it('"off" keeps it quiet (and stamps a day so shells skip it); --force still speaks', () => {
    s.run(['config', 'set', 'nudge.every', 'off']);
    silent(nudge());
    expect(existsSync(stamp())).toBe(true);
    oneLine(nudge(undefined, '--force'));
  });

  it('--json gives one document with kind and text, null when it keeps quiet', () => {
    s.run(['log', 'Sam']);
    expect(nudge(undefined, '--json').json()).toEqual({
      kind: 'reminder',
      text: reminderForDay(new Date('2026-11-26T10:00:00Z')),
    });
    expect(nudge(undefined, '--json').json()).toEqual({ kind: null, text: null });
  });

  it('honours --db and CONNECT_DB alike', () => {
    s.run(['log', 'Sam']);
    oneLine(s.run(['nudge', '--db', s.db], { real: true, env: { CONNECT_DB: undefined } }));
    silent(s.run(['--db', s.db, 'nudge'], { real: true, env: { CONNECT_DB: undefined } }));
    oneLine(s.run(['--db', s.db, 'nudge', '--force'], { real: true, env: { CONNECT_DB: undefined } }));
  });

  it('reads its flags as the full command line does: --db=PATH, --no-<flag>, the last one given wins', () => {
    s.run(['log', 'Sam']);
    const noDb = { real: true, env: { CONNECT_DB: undefined } };
    oneLine(s.run(['nudge', `--db=${s.db}`, '--no-color'], noDb));
    silent(s.run(['nudge', '--db', s.db, '--force', '--no-force'], noDb));
    expect(s.run(['nudge', '--no-force', '--force', '--json', '--no-input'], noDb)).toMatchObject({ code: 0 });
    expect(nudge(undefined, '--force', '--json', '--no-json').stdout).not.toMatch(/^\{/);
  });

  it('hands what it does not know to the full command line', () => {
    s.run(['log', 'Sam']);
    const help = nudge(undefined, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--force');
    const typo = nudge(undefined, '--forc');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('--force');
    expect(nudge(undefined, '--db').code).toBe(2);
    // None of them spoke or left the stamp: the first plain nudge still does.
    oneLine(nudge());
  });
});

describe('what connect nudge says, first that applies', () => {
  const SUNDAY = '2026-11-29T09:00:00Z';
  const MONDAY = '2026-11-30T09:00:00Z';
  const force = (now: string) => oneLine(nudge(now, '--force'));

  beforeEach(() => {
    // Mum: a weekly call that tends to lift the mood, last one four weeks ago.
    weekly('Mum', '2026-10-29', 6, ['--before', '2', '--after', '4', '--quality', '5']);
    expect(s.run(['touchpoint', 'add', 'Sunday call', '--every', 'week on sunday', '--with', 'Sam']).code).toBe(0);
  });

  it('a touchpoint due today comes first', () => {
    expect(force(SUNDAY)).toBe('Today: Sunday call with Sam. One conversation is enough.');
  });

  it('a touchpoint whose day has just gone by is offered once more, calmly', () => {
    expect(force(MONDAY)).toBe(
      'It’s been a little while since Sunday call with Sam — whenever suits, today works too.',
    );
  });

  it('keeping the touchpoint moves the nudge on; undo brings it back', () => {
    s.run(['log', 'Sam', '--channel', 'call'], { now: MONDAY });
    expect(force(MONDAY)).not.toContain('Sam');
    s.run(['undo'], { now: MONDAY });
    expect(force(MONDAY)).toContain('Sunday call with Sam');
  });

  it('then someone whose usual rhythm has gone quiet and whom time with tends to feel good', () => {
    s.run(['touchpoint', 'pause', s.run(['touchpoint', 'list', '--json']).json()[0].id]);
    const line = force(SUNDAY);
    expect(line).toContain('Mum');
    expect(line).toMatch(/lift your mood/);
    expect(line).toMatch(/a little while/);
  });

  it('never nudges towards someone time with whom tends to go with feeling worse', () => {
    s.run(['touchpoint', 'remove', s.run(['touchpoint', 'list', '--json']).json()[0].id]);
    s.run(['people', 'archive', 'Mum']);
    weekly('Lee', '2026-10-29', 8, ['--before', '4', '--after', '2', '--quality', '1']);
    const now = new Date(SUNDAY);
    expect(force(SUNDAY)).toBe(reminderForDay(now));
  });
});

describe('the gentle reminder it falls back on', () => {
  it('is one of the post’s reminders, the same all day and another the next', () => {
    s.run(['log', 'Sam']);
    const morning = oneLine(nudge('2026-11-26T07:00:00Z', '--force'));
    expect(REMINDERS).toContain(morning);
    expect(oneLine(nudge('2026-11-26T21:00:00Z', '--force'))).toBe(morning);
    expect(oneLine(nudge('2026-11-27T09:00:00Z', '--force'))).not.toBe(morning);
  });

  it('is what a journal from before the nudge plan (schema 3) gets', () => {
    s.run(['log', 'Sam']);
    const db = new Database(s.db);
    db.exec('DROP TABLE nudge_plan');
    db.pragma('user_version = 3');
    db.close();
    expect(oneLine(nudge())).toBe(reminderForDay(new Date('2026-11-26T10:00:00Z')));
    silent(nudge());
  });
});

describe('connect nudge holds to the rules every way in does', () => {
  it('shows control characters from an old journal as pictures, never as escapes a terminal would act on', () => {
    expect(s.run(['touchpoint', 'add', 'Sunday call', '--every', 'week on thursday', '--with', 'Mum']).code).toBe(0);
    // A title written before connect refused control characters: straight into SQLite.
    const db = new Database(s.db);
    db.prepare("UPDATE touchpoints SET title = 'Call\u001b]0;pwned\u0007\u001b[2J'").run();
    db.close();
    expect(s.run(['log', 'Sam']).code).toBe(0);
    const r = nudge(undefined, '--force');
    expect(r.stdout).toContain('Call␛]0;pwned␇␛[2J');
    expect(r.stdout).not.toMatch(/\u001b|\u0007/);
    const json = nudge(undefined, '--force', '--json');
    expect(JSON.parse(json.stdout).text).toContain('Call\u001b]0;pwned\u0007');
  });

  it('never writes its stamp through a symbolic link', () => {
    expect(s.run(['log', 'Sam']).code).toBe(0);
    const target = `${s.dir}/elsewhere.txt`;
    writeFileSync(target, 'keep me\n');
    symlinkSync(target, stamp());
    nudge(undefined, '--force');
    expect(readFileSync(target, 'utf8')).toBe('keep me\n');
    expect(lstatSync(stamp()).isSymbolicLink()).toBe(true);
  });
});
