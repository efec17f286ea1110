import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { damageEntries } from '../support/damage';
import { journal, type Journal } from '../support/in-process';

let j: Journal;
afterEach(() => j?.cleanup());

const people = async (j: Journal) =>
  ((await j.run(['history', '--json'])).json() as Array<{ people?: string[] }>).flatMap((e) => e.people ?? []);

async function backupAfterSam(): Promise<{ j: Journal; backup: string }> {
  j = journal();
  expect((await j.run(['log', 'Sam', '--after', '4', '--note', 'with a NUL-free note'])).code).toBe(0);
  const backup = (await j.run(['backup', '--json'])).json().path as string;
  expect((await j.run(['log', 'Alex', '--after', '3'])).code).toBe(0);
  return { j, backup };
}

describe('connect restore BACKUP', () => {
  it('puts the backup in place, saves the journal first, and restoring that copy takes it back', async () => {
    const { j, backup } = await backupAfterSam();
    const r = await j.run(['restore', backup, '--yes', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { savedAs, entries } = r.json();
    expect(entries).toBe(1);
    expect(await people(j)).toEqual(['Sam']);
    expect(existsSync(savedAs)).toBe(true);
    expect(savedAs).toMatch(/journal-before-restore-2026-11-26T11-00-00\+0100\.db$/);
    const back = await j.run(['restore', savedAs, '--yes']);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain('brings it back');
    expect((await people(j)).sort()).toEqual(['Alex', 'Sam']);
    // And the journal goes on working: a write, an undo.
    expect((await j.run(['log', 'Mum'])).code).toBe(0);
    expect((await j.run(['undo'])).code).toBe(0);
  });

  it('asks first on a terminal, and needs --yes without one; either way a no changes nothing', async () => {
    const { j, backup } = await backupAfterSam();
    const noTerminal = await j.run(['restore', backup]);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain('--yes');
    const asked: string[] = [];
    const no = await j.run(['restore', backup], {
      prompts: { confirmRestore: async (b: string) => (asked.push(b), false) },
    });
    expect(no.code).toBe(0);
    expect(no.stdout).toContain('Kept your journal as it is.');
    expect(asked).toEqual([backup]);
    expect((await people(j)).sort()).toEqual(['Alex', 'Sam']);
    const yes = await j.run(['restore', backup], { prompts: { confirmRestore: async () => true } });
    expect(yes.code, yes.stderr).toBe(0);
    expect(await people(j)).toEqual(['Sam']);
  });

  it('restores where there is no journal yet', async () => {
    const { j, backup } = await backupAfterSam();
    const other = journal();
    try {
      const r = await other.run(['restore', backup, '--yes', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.json().savedAs).toBeNull();
      expect(await people(other)).toEqual(['Sam']);
    } finally {
      other.cleanup();
    }
    expect(j.db).toBeTruthy();
  });

  const refusals: Array<[string, (j: Journal, backup: string) => string, RegExp]> = [
    ['a file that is not there', (j) => join(j.dir, 'nope.db'), /no file/],
    [
      'a JSON export',
      (j) => {
        const file = join(j.dir, 'export.json');
        writeFileSync(file, '{"format":"connect-journal"}');
        return file;
      },
      /not an SQLite file/,
    ],
    ['the journal itself', (j) => j.db, /never writes over it/],
    [
      "another program's SQLite file",
      (j) => {
        const file = join(j.dir, 'recipes.db');
        const db = new Database(file);
        db.exec('CREATE TABLE recipes (name TEXT)');
        db.close();
        return file;
      },
      /not a connect journal/,
    ],
    [
      'a backup from a newer connect',
      (_j, backup) => {
        const db = new Database(backup);
        db.pragma('user_version = 999');
        db.close();
        return backup;
      },
      /newer connect/,
    ],
    [
      'a damaged backup',
      (_j, backup) => {
        damageEntries(backup);
        return backup;
      },
      /damaged/,
    ],
  ];
  it.each(refusals)('refuses %s (exit 2) and changes nothing', async (_name, make, message) => {
    const { j, backup } = await backupAfterSam();
    const r = await j.run(['restore', make(j, backup), '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect((await people(j)).sort()).toEqual(['Alex', 'Sam']);
    expect(readdirSync(join(dirname(j.db), 'backups')).filter((n) => n.includes('before-restore'))).toEqual([]);
  });
});

describe('a damaged journal', () => {
  it('takes no more writes once SQLite has reported damage; doctor and every error point to connect restore', async () => {
    const { j, backup } = await backupAfterSam();
    damageEntries(j.db);
    const read = await j.run(['export']);
    expect(read.code).toBe(1);
    expect(read.stderr).toContain('connect restore');
    expect(read.stderr).not.toContain('connect import');
    for (const args of [
      ['log', 'Jo'],
      ['mood', '3'],
      ['undo'],
      ['import', join(__dirname, '..', 'fixtures', 'hostile', 'base.json')],
      ['people', 'add', 'Kim'],
    ]) {
      const r = await j.run(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/writes nothing more/);
    }
    const doctor = await j.run(['doctor', '--json']);
    expect(doctor.code).toBe(1);
    expect(doctor.json().problems.map((p: { check: string }) => p.check)).toContain('damage');
    expect(JSON.stringify(doctor.json().problems)).toContain(`connect restore \\"${backup}\\"`);
    const restored = await j.run(['restore', backup, '--yes']);
    expect(restored.code, restored.stderr).toBe(0);
    expect((await j.run(['log', 'Jo'])).code).toBe(0);
    expect((await j.run(['doctor'])).code).toBe(0);
  });
});

describe("doctor suggests only this journal's backups", () => {
  it('a newer backup of another journal sharing the folder is not offered', async () => {
    const { j, backup } = await backupAfterSam();
    const workDb = join(dirname(j.db), 'work.db');
    expect((await j.run(['log', 'Boss', '--db', workDb])).code).toBe(0);
    const other = (await j.run(['backup', '--db', workDb, '--json'], { now: '2026-11-27T10:00:00Z' })).json()
      .path as string;
    expect(other).toMatch(/work-2026-11-27T11-00-00\+0100\.db$/);
    mkdirSync(dirname(other), { recursive: true });
    const report = (await j.run(['doctor', '--json'])).json();
    expect(report.backups.latest).toBe(backup);
    expect(report.backups.count).toBe(1);
  });
  it("backup names carry the journal's name and the local time (a New York evening stays that evening)", async () => {
    j = journal();
    expect((await j.run(['log', 'Sam'], { now: '2026-11-27T02:30:00Z', tz: 'America/New_York' })).code).toBe(0);
    const path = (await j.run(['backup', '--json'], { now: '2026-11-27T02:30:00Z', tz: 'America/New_York' })).json()
      .path as string;
    expect(path.endsWith('/journal-2026-11-26T21-30-00-0500.db')).toBe(true);
  });
});
