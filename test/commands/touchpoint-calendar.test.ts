import { existsSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { refuseJournalFiles } from '../../src/db/files';
import { journal, type Journal } from '../support/in-process';

let j: Journal;
afterEach(() => j?.cleanup());

const uids = (text: string) =>
  new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'));

describe('connect touchpoint calendar', () => {
  it('prints every live touchpoint as an event, UID its id, paused ones left out', async () => {
    j = journal();
    await j.run(['touchpoint', 'add', 'Sunday call', '--every', 'week on sunday', '--with', 'Mum']);
    await j.run(['touchpoint', 'add', 'Walk', '--every', '2 weeks', '--with', 'Sam']);
    await j.run(['touchpoint', 'add', 'Book club', '--every', 'month on the first tuesday', '--activity', 'book club']);
    const [sunday, , book] = (await j.run(['touchpoint', 'list', '--json']))
      .json()
      .sort((a: { title: string }, b: { title: string }) => (a.title < b.title ? 1 : -1));
    expect((await j.run(['touchpoint', 'pause', book.id])).code).toBe(0);
    const result = await j.run(['touchpoint', 'calendar']);
    expect(result.code).toBe(0);
    expect(uids(result.stdout).sort()).toHaveLength(2);
    expect(uids(result.stdout)).toContain(sunday.id);
    expect(result.stdout).toContain('SUMMARY:Sunday call');
    expect(result.stdout).toContain('X-WR-TIMEZONE:Europe/Berlin');
  });

  it('writes --out privately (0600), and says so', async () => {
    j = journal();
    await j.run(['touchpoint', 'add', 'Sunday call', '--every', 'week on sunday', '--with', 'Mum']);
    const out = join(j.dir, 'touchpoints.ics');
    const result = await j.run(['touchpoint', 'calendar', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Saved 1 touchpoint to ${out} (readable by you only)`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(uids(readFileSync(out, 'utf8'))).toHaveLength(1);
    const json = (await j.run(['touchpoint', 'calendar', '--out', out, '--json'])).json();
    expect(json).toMatchObject({ path: out, events: 1 });
  });

  it('an empty or missing journal is an empty calendar, and no journal is made', async () => {
    j = journal();
    const result = await j.run(['touchpoint', 'calendar']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
    expect(existsSync(j.db)).toBe(false);
  });

  it('refuses --out that is the journal, its side files, or a link to it, and writes nothing', async () => {
    j = journal();
    await j.run(['touchpoint', 'add', 'Sunday call', '--every', 'week on sunday', '--with', 'Mum']);
    const before = readFileSync(j.db);
    const link = join(j.dir, 'calendar.ics');
    symlinkSync(j.db, link);
    for (const out of [j.db, `${j.db}-wal`, `${j.db}-shm`, link, `${j.dir}/data/../data/journal.db`]) {
      const result = await j.run(['touchpoint', 'calendar', '--out', out]);
      expect(result.code, out).toBe(2);
      expect(result.stderr).toMatch(/is the journal(’s own -\w+ file| itself)/);
    }
    expect(readFileSync(j.db).equals(before)).toBe(true);
    expect(() => refuseJournalFiles(join(j.dir, 'other.ics'), j.db, '--out')).not.toThrow();
  });

  it('--json needs --out', async () => {
    j = journal();
    const result = await j.run(['touchpoint', 'calendar', '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the calendar needs --out FILE');
  });
});
