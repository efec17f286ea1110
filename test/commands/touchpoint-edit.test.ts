import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { HARSH } from '../tone';
import { journal, type Journal } from '../support/in-process';
import { writeOldJournal } from '../e2e/old-journal';

// The in-process clock: Thursday 26 November 2026, 11:00 in Berlin.
let j: Journal;
afterEach(() => j?.cleanup());

const add = async (args: string[]) => {
  const r = await j.run(['touchpoint', 'add', ...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return r.json();
};
const list = async (now?: string) => (await j.run(['touchpoint', 'list', '--json'], { now })).json<any[]>();

describe('a touchpoint nothing could keep', () => {
  it('is refused at add, with what to add, and nothing is written', async () => {
    j = journal();
    const r = await j.run(['touchpoint', 'add', 'Someday', '--every', 'week']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/add --with .* or --activity/);
    expect((await j.run(['touchpoint', 'list', '--json'])).json()).toEqual([]);
  });

  it('is refused at edit, and the touchpoint stays as it was', async () => {
    j = journal();
    const t = await add(['Book club', '--every', 'month on the first tuesday', '--activity', 'book club']);
    const r = await j.run(['touchpoint', 'edit', t.id.slice(0, 8), '--activity', 'none']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--with .* or --activity/);
    expect(await list()).toEqual([t]);
  });
});

describe('connect touchpoint edit', () => {
  it('changes title, rhythm, people, channel and activity; re-plans at once; undo takes it back', async () => {
    j = journal();
    const t = await add(['Sunday call', '--every', 'week on sunday', '--with', 'Mum', '--channel', 'call']);
    expect(t.nextDue).toBe('2026-11-29');
    const r = await j.run([
      'touchpoint',
      'edit',
      t.id.slice(0, 6),
      '--title',
      'Saturday walk',
      '--every',
      'week on saturday',
      '--with',
      'Mum, Dad',
      '--channel',
      'none',
      '--activity',
      'walk',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'Updated Saturday walk with Dad and Mum — every week on Saturday, coming up on Sat 28 Nov.',
    );
    expect(r.stdout).toContain('Dad is new to your journal.');
    expect(r.stdout).not.toMatch(HARSH);
    const [edited] = await list();
    expect(edited).toMatchObject({
      id: t.id,
      title: 'Saturday walk',
      every: 'week on saturday',
      people: ['Dad', 'Mum'],
      channel: null,
      activity: 'walk',
      nextDue: '2026-11-28',
    });
    // The nudge speaks of it by its new name on its new day.
    const nudge = await j.run(['nudge', '--force', '--json'], { now: '2026-11-28T09:00:00Z' });
    expect(nudge.json().text).toContain('Saturday walk');
    // Kept by what it now is: a walk with Dad, not a call with Mum.
    expect(
      (await j.run(['log', 'Mum', '--channel', 'call', '--json'], { now: '2026-11-28T10:00:00Z' })).json().touchpointId,
    ).toBeNull();
    expect(
      (await j.run(['log', 'Dad', '--activity', 'walk', '--json'], { now: '2026-11-28T11:00:00Z' })).json()
        .touchpointId,
    ).toBe(t.id);
    await j.run(['undo'], { now: '2026-11-28T12:00:00Z' });
    await j.run(['undo'], { now: '2026-11-28T12:00:00Z' });
    await j.run(['undo'], { now: '2026-11-28T12:00:00Z' });
    expect(await list()).toEqual([t]);
  });

  it('--from lays the rhythm from a new day; a floating one keeps counting from the entry that kept it', async () => {
    j = journal();
    const t = await add(['Coffee walk', '--every', '2 weeks', '--with', 'Priya', '--activity', 'walk']);
    // A walk two days before it was added keeps nothing; today's does.
    await j.run(['log', 'Priya', '--activity', 'walk', '--when', '2026-11-24 10:00']);
    expect((await list())[0]).toMatchObject({ nextDue: '2026-11-26', lastKept: null });
    await j.run(['log', 'Priya', '--activity', 'walk']);
    expect((await list())[0].nextDue).toBe('2026-12-10');
    const slower = await j.run(['touchpoint', 'edit', t.id.slice(0, 8), '--every', '3 weeks', '--json']);
    expect(slower.json()).toMatchObject({ nextDue: '2026-12-17', lastKept: '2026-11-26' });
    const moved = await j.run(['touchpoint', 'edit', t.id.slice(0, 8), '--from', '2027-01-04', '--json']);
    expect(moved.json()).toMatchObject({ nextDue: '2027-01-04', from: '2027-01-04' });
  });

  it('refuses an edit with nothing to change, or an unknown id, with exit 2', async () => {
    j = journal();
    const t = await add(['Sunday call', '--every', 'week on sunday', '--with', 'Mum']);
    const nothing = await j.run(['touchpoint', 'edit', t.id.slice(0, 8)]);
    expect([nothing.code, nothing.stderr]).toEqual([2, expect.stringContaining('Nothing to change')]);
    const unknown = await j.run(['touchpoint', 'edit', t.id.startsWith('0000') ? 'ffff' : '0000', '--title', 'x']);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('No touchpoint with id')]);
    const bad = await j.run(['touchpoint', 'edit', t.id.slice(0, 8), '--every', 'fortnightly']);
    expect(bad.code).toBe(2);
    expect(await list()).toEqual([t]);
  });
});

describe('log and keeping', () => {
  it('--no-touchpoint keeps nothing and says nothing of touchpoints', async () => {
    j = journal();
    await add(['Thursday call', '--every', 'week on thursday', '--with', 'Mum']);
    const r = await j.run(['log', 'Mum', '--channel', 'call', '--no-touchpoint']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/keeps|Thursday call/);
    expect((await list())[0]).toMatchObject({ nextDue: '2026-11-26', status: 'due', lastKept: null });
    const kept = await j.run(['log', 'Mum', '--channel', 'call']);
    expect(kept.stdout).toContain('That keeps your Thursday call with Mum (today). The next one is Thu 3 Dec.');
  });

  it('edit --no-touchpoint opens again what the entry kept', async () => {
    j = journal();
    await add(['Thursday call', '--every', 'week on thursday', '--with', 'Mum']);
    const entry = (await j.run(['log', 'Mum', '--json'])).json();
    expect((await list())[0].nextDue).toBe('2026-12-03');
    const edited = await j.run(['edit', entry.id.slice(0, 8), '--no-touchpoint', '--json']);
    expect(edited.json().touchpointId).toBeNull();
    expect((await list())[0]).toMatchObject({ nextDue: '2026-11-26', lastKept: null });
    // A note edit later does not quietly link it again.
    expect((await j.run(['edit', entry.id.slice(0, 8), '--note', 'lovely', '--json'])).json().touchpointId).toBeNull();
  });
});

describe('editing an entry that kept a touchpoint', () => {
  it('matches it afresh when who, when or how changes; a keeping by name stays', async () => {
    j = journal();
    const t = await add(['Thursday call', '--every', 'week on thursday', '--with', 'Mum', '--channel', 'call']);
    const entry = (await j.run(['log', 'Mum', '--channel', 'call', '--json'])).json();
    expect(entry.touchpointId).toBe(t.id);
    // It was a text after all: a text never keeps a call, so the call is open again.
    expect((await j.run(['edit', entry.id.slice(0, 8), '--channel', 'text', '--json'])).json().touchpointId).toBeNull();
    expect((await list())[0]).toMatchObject({ nextDue: '2026-11-26', status: 'due', lastKept: null });
    expect((await j.run(['edit', entry.id.slice(0, 8), '--channel', 'video', '--json'])).json().touchpointId).toBe(
      t.id,
    );
    expect((await list())[0]).toMatchObject({ nextDue: '2026-12-03', lastKept: '2026-11-26' });
    // Named with --touchpoint: an edit to how it happened leaves the keeping be.
    const ana = (await j.run(['log', 'Ana', '--touchpoint', t.id.slice(0, 8), '--json'])).json();
    expect((await list())[0].nextDue).toBe('2026-12-10');
    expect((await j.run(['edit', ana.id.slice(0, 8), '--channel', 'text', '--json'])).json().touchpointId).toBe(t.id);
    expect((await list())[0].nextDue).toBe('2026-12-10');
  });
});

describe('connect next always answers', () => {
  it('with one touchpoint kept today, names the next one a week away', async () => {
    j = journal();
    await add(['Thursday call', '--every', 'week on thursday', '--with', 'Mum']);
    await j.run(['log', 'Mum', '--channel', 'call']);
    const items = (await j.run(['next', '--json'])).json<any[]>();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: 'Thursday call', status: 'upcoming', due: '2026-12-03' });
    const text = await j.run(['next']);
    expect(text.stdout).toContain('1. Thursday call with Mum · Thu 3 Dec');
    expect(text.stdout).toContain('Coming up on Thu 3 Dec (every week on Thursday).');
  });

  it('with one monthly touchpoint and nothing else', async () => {
    j = journal();
    await add(['Book club', '--every', 'month on the 15th', '--activity', 'book club']);
    expect((await j.run(['next', '--json'])).json<any[]>()).toEqual([
      expect.objectContaining({ title: 'Book club', status: 'upcoming', due: '2026-12-15' }),
    ]);
  });

  it('with no touchpoints: a first touchpoint to try', async () => {
    j = journal();
    expect((await j.run(['next', '--json'])).json<any[]>().map((i) => i.kind)).toEqual(['first-touchpoint']);
  });

  it('one low energy reading among good moods leaves the mode as it is; a second low one turns it gentle', async () => {
    j = journal();
    await add(['Thursday call', '--every', 'week on thursday', '--with', 'Mum']);
    await j.run(['mood', '4'], { now: '2026-11-24T10:00:00Z' });
    await j.run(['mood', '5', '--energy', '1'], { now: '2026-11-25T10:00:00Z' });
    const one = await j.run(['next']);
    expect(one.stdout).not.toContain('It’s okay if connection feels hard right now');
    await j.run(['mood', '4', '--energy', '2'], { now: '2026-11-26T08:00:00Z' });
    const two = await j.run(['next']);
    expect(two.stdout).toContain('It’s okay if connection feels hard right now');
    expect(two.stdout).toContain('A short call or a voice message counts too.');
  });
});

describe('an older journal', () => {
  it('is upgraded to the new keeping rules without a word about it', async () => {
    j = journal();
    writeOldJournal(j.db, 5);
    const old = new Database(j.db);
    old
      .prepare(
        "INSERT INTO touchpoints(uuid, title, every, anchor, next_due, created_at, updated_at) VALUES ('7f0c1a52-0000-4000-8000-0000000000aa', 'Thursday call', 'week on thursday', '2026-11-01', '2026-11-26', 1, 1)",
      )
      .run();
    old
      .prepare('INSERT INTO touchpoint_people(touchpoint_id, person_id) SELECT t.id, p.id FROM touchpoints t, people p')
      .run();
    old.close();
    const r = await j.run(['touchpoint', 'list']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).not.toMatch(/migrat|schema|upgrad|re-?derive/i);
    // Even a command that only reads leaves the nudge's plan worked out for the upgraded journal.
    expect((await j.run(['nudge', '--force', '--json'])).json()).toMatchObject({
      kind: 'touchpoint',
      text: expect.stringContaining('Thursday call'),
    });
  });
});

describe('week counts occurrences kept', () => {
  it('one per occurrence, even when two entries point at it (merged from two devices)', async () => {
    j = journal();
    await add(['Thursday call', '--every', 'week on thursday', '--with', 'Mum']);
    const first = (await j.run(['log', 'Mum', '--channel', 'call', '--json'])).json();
    const second = (await j.run(['log', 'Mum', '--channel', 'video', '--json'])).json();
    expect(second.touchpointId).toBeNull();
    expect((await j.run(['week', '--json'])).json().touchpoints.kept).toBe(1);
    // As an import could leave it: the other device's entry for the same call, linked to the same occurrence.
    const db = new Database(j.db);
    db.prepare(
      'UPDATE entries SET (touchpoint_id, keeping) = (SELECT touchpoint_id, keeping FROM entries WHERE uuid = ?) WHERE uuid = ?',
    ).run(first.id, second.id);
    db.close();
    expect((await j.run(['history', '--json'])).json<any[]>().filter((e) => e.touchpointId !== null)).toHaveLength(2);
    expect((await j.run(['week', '--json'])).json().touchpoints.kept).toBe(1);
    expect((await j.run(['week'])).stdout).toMatch(/Touchpoints\s+1 kept/);
  });
});
