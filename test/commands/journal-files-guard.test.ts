import { linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journal, type Journal } from '../support/in-process';

let j: Journal;
afterEach(() => j?.cleanup());

async function withEntries(): Promise<Journal> {
  j = journal();
  expect((await j.run(['log', 'Sam', '--after', '4', '--note', 'a walk'])).code).toBe(0);
  expect((await j.run(['touchpoint', 'add', 'Sunday call', '--every', 'week', '--with', 'Sam'])).code).toBe(0);
  return j;
}

/** The journal still opens and holds what was logged. */
async function journalIntact(j: Journal): Promise<void> {
  const history = await j.run(['history', '--json']);
  expect(history.code, history.stderr).toBe(0);
  expect(history.json()).toHaveLength(1);
  expect((await j.run(['touchpoint', 'list', '--json'])).json()).toHaveLength(1);
}

describe('no command writes over the journal or its side files', () => {
  const targets: Array<[string, (db: string) => string]> = [
    ['the journal itself', (db) => db],
    ['the journal through sub/..', (db) => join(dirname(db), 'sub', '..', 'journal.db')],
    [
      'the journal through a folder that exists and ..',
      (db) => (
        mkdirSync(join(dirname(db), 'real-sub'), { recursive: true }), join(dirname(db), 'real-sub', '..', 'journal.db')
      ),
    ],
    ['a symlink to the journal', (db) => (symlinkSync(db, join(dirname(db), 'link.db')), join(dirname(db), 'link.db'))],
    [
      'a symlinked folder holding the journal',
      (db) => (
        symlinkSync(dirname(db), join(dirname(db), '..', 'alias-folder')),
        join(dirname(db), '..', 'alias-folder', 'journal.db')
      ),
    ],
    ['a hard link to the journal', (db) => (linkSync(db, join(dirname(db), 'hard.db')), join(dirname(db), 'hard.db'))],
    ['its -wal file', (db) => `${db}-wal`],
    ['its -shm file', (db) => `${db}-shm`],
    ['its rollback -journal file', (db) => `${db}-journal`],
    ['its nudge plan', (db) => `${db}.nudge-plan`],
    ['its nudge stamp', (db) => `${db}.nudge`],
  ];

  for (const format of ['csv', 'json', 'markdown']) {
    it.each(targets)(
      `export --format ${format} --out %s is refused (exit 2) and the journal is untouched`,
      async (_name, target) => {
        const j = await withEntries();
        const before = readFileSync(j.db);
        const out = target(j.db);
        const r = await j.run(['export', '--format', format, '--out', out]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/never writes over it/);
        expect(readFileSync(j.db).equals(before)).toBe(true);
        await journalIntact(j);
      },
    );
  }

  it('export --out the journal given by --db is refused too', async () => {
    const j = await withEntries();
    const r = await j.run(['export', '--format', 'csv', '--out', j.db, '--db', j.db]);
    expect(r.code).toBe(2);
    await journalIntact(j);
  });

  it('export --out a journal that does not exist yet is refused, and nothing is created', async () => {
    j = journal();
    const r = await j.run(['export', '--format', 'csv', '--out', j.db]);
    expect(r.code).toBe(2);
    expect(() => readFileSync(j.db)).toThrow();
  });

  it('export --out a file beside the journal still works', async () => {
    const j = await withEntries();
    const out = join(dirname(j.db), 'journal.db.csv');
    expect((await j.run(['export', '--format', 'csv', '--out', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Sam');
  });

  it.each(targets.filter(([name]) => !name.includes('hard link') && !name.includes('symlink to')))(
    'backup to %s is refused',
    async (_name, target) => {
      const j = await withEntries();
      const out = target(j.db);
      // An existing file is refused anyway; the -wal or -shm name must be refused even while no such file exists.
      const r = await j.run(['backup', out]);
      expect(r.code).toBe(2);
      await journalIntact(j);
    },
  );

  it('export --out over an ordinary existing file replaces it, as before', async () => {
    const j = await withEntries();
    const out = join(j.dir, 'old.json');
    writeFileSync(out, 'old');
    expect((await j.run(['export', '--out', out])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).format).toBe('connect-journal');
  });
});
