import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journal as sandbox, type Journal as Sandbox, type RunResult } from '../support/in-process';
import { HARSH } from '../tone';

let s: Sandbox;
let outputs: string[];
async function run(args: string[], options: { now?: string } = {}): Promise<RunResult> {
  const result = await s.run(args, options);
  outputs.push(result.stdout, result.stderr);
  return result;
}
const add = async (args: string[], now?: string) =>
  (await run(['touchpoint', 'add', ...args, '--json'], { now })).json();
const list = async (now?: string) => (await run(['touchpoint', 'list', '--json'], { now })).json<any[]>();
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

beforeEach(() => {
  s = sandbox(); // Thursday 26 November 2026, 11:00 in Berlin
  outputs = [];
});
afterEach(() => {
  for (const text of outputs) expect(text).not.toMatch(HARSH);
  s.cleanup();
});

describe('connect touchpoint add and list', () => {
  it('adds a touchpoint and prints the SPEC shape', async () => {
    const t = await add(['Sunday call', '--every', 'week on sunday', '--with', 'Mum', '--channel', 'phone']);
    expect(Object.keys(t).sort()).toEqual(
      expect.arrayContaining(
        ['id', 'title', 'people', 'every', 'channel', 'activity', 'paused', 'nextDue', 'lastKept'].sort(),
      ),
    );
    expect(t).toMatchObject({
      title: 'Sunday call',
      people: ['Mum'],
      every: 'week on sunday',
      channel: 'call',
      activity: null,
      paused: false,
      nextDue: '2026-11-29',
      lastKept: null,
    });
    expect(t.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await list()).toEqual([t]);
  });

  it('says what it added in words, with a short id', async () => {
    const r = await run([
      'touchpoint',
      'add',
      'Coffee walk',
      '--every',
      '2 weeks',
      '--with',
      'Sam, Alex',
      '--activity',
      'walk',
      '--from',
      '2026-12-01',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Added Coffee walk with Alex and Sam — every 2 weeks, the first one on Tue 1 Dec.');
    expect(r.stdout).toContain('Sam and Alex are new to your journal.');
    const [t] = await list();
    expect(r.stdout).toContain(`id ${t.id.slice(0, 8)}`);
    const listed = await run(['touchpoint', 'list']);
    expect(listed.stdout).toContain(t.id.slice(0, 8));
    expect(listed.stdout).toContain('Coffee walk with Alex and Sam');
    expect(listed.stdout).toContain('every 2 weeks · walk · coming up on Tue 1 Dec');
    expect((await run(['touchpoint'])).stdout).toBe(listed.stdout);
  });

  it.each([
    [['Sunday call', '--every', 'fortnightly'], /--every could not read "fortnightly".*week on sunday/],
    [['Sunday call', '--every', '2 months'], /month on the first tuesday/],
    [['Sunday call'], /--every/],
    [['Sunday call', '--every', 'week', '--channel', 'pigeon'], /--channel takes one of/],
    [['', '--every', 'week'], /title cannot be empty/],
    [['Sunday call', '--every', 'week', '--from', 'someday soon'], /--from could not read/],
  ])('refuses %j with exit 2 and writes nothing', async (args, message) => {
    const r = await run(['touchpoint', 'add', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(existsSync(s.db)).toBe(false);
  });

  it('an empty journal lists nothing, kindly, and creates nothing', async () => {
    const r = await run(['touchpoint', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('connect touchpoint add');
    expect(await list()).toEqual([]);
    expect(existsSync(s.db)).toBe(false);
  });
});

describe('ids', () => {
  it('accepts any unique prefix of four or more characters, and refuses shorter or unknown ones', async () => {
    const t = await add(['Walk', '--every', 'week', '--with', 'Sam']);
    expect((await run(['touchpoint', 'pause', t.id.slice(0, 4)])).code).toBe(0);
    expect((await run(['touchpoint', 'resume', t.id.toUpperCase()])).code).toBe(0);
    const short = await run(['touchpoint', 'pause', t.id.slice(0, 3)]);
    expect([short.code, short.stderr]).toEqual([2, expect.stringContaining('four characters or more')]);
    const unknown = await run(['touchpoint', 'skip', t.id.startsWith('0000') ? 'ffff' : '0000']);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('No touchpoint with id')]);
  });
});

describe('keeping', () => {
  it('a call with Mum keeps the Sunday call, says so, and links the entry', async () => {
    const t = await add(['Sunday call', '--every', 'week on sunday', '--with', 'Mum']);
    const r = await run(['log', 'Mum', '--channel', 'call'], { now: '2026-11-29T17:00:00Z' });
    expect(r.stdout).toContain('That keeps your Sunday call with Mum (today). The next one is Sun 6 Dec.');
    expect((await list('2026-11-29T18:00:00Z'))[0]).toMatchObject({ nextDue: '2026-12-06', lastKept: '2026-11-29' });
    const entry = (await run(['history', '--json'], { now: '2026-11-29T18:00:00Z' })).json<any[]>()[0];
    expect(entry.touchpointId).toBe(t.id);
  });

  it('a text never keeps a call; a video call on Saturday keeps it a day early; --json carries the touchpoint id', async () => {
    const t = await add(['Sunday call', '--every', 'week on sunday', '--with', 'Mum', '--channel', 'call']);
    const text = await run(['log', 'Mum', '--channel', 'text'], { now: '2026-11-28T08:00:00Z' });
    expect(text.stdout).not.toMatch(/keeps|Sunday call/);
    expect((await list('2026-11-28T08:30:00Z'))[0].nextDue).toBe('2026-11-29');
    const entry = (await run(['log', 'Mum', '--channel', 'video', '--json'], { now: '2026-11-28T09:00:00Z' })).json();
    expect(entry.touchpointId).toBe(t.id);
    expect((await list('2026-11-28T10:00:00Z'))[0].nextDue).toBe('2026-12-06');
    // The same period is not kept twice: Sunday's call is just a call.
    const sunday = (await run(['log', 'Mum', '--channel', 'call', '--json'], { now: '2026-11-29T17:00:00Z' })).json();
    expect(sunday.touchpointId).toBeNull();
    expect((await list('2026-11-29T18:00:00Z'))[0].nextDue).toBe('2026-12-06');
  });

  it('--touchpoint ID keeps a touchpoint whatever the people', async () => {
    const t = await add(['Book club', '--every', 'month on the first tuesday', '--activity', 'book club']);
    expect(t.nextDue).toBe('2026-12-01');
    const entry = (
      await run(['log', 'Ana', '--touchpoint', t.id.slice(0, 6), '--json'], { now: '2026-12-01T19:00:00Z' })
    ).json();
    expect(entry.touchpointId).toBe(t.id);
    expect((await list('2026-12-01T20:00:00Z'))[0]).toMatchObject({ nextDue: '2027-01-05', lastKept: '2026-12-01' });
    const wrong = await run(['log', 'Ana', '--touchpoint', 'zzzz']);
    expect(wrong.code).toBe(2);
  });

  it('a touchpoint with no people is kept by its activity', async () => {
    await add(['Book club', '--every', 'month on the first tuesday', '--activity', 'book club']);
    const r = await run(['log', 'Ana', 'Bo', '--activity', 'Book club'], { now: '2026-12-01T19:00:00Z' });
    expect(r.stdout).toContain('That keeps your Book club (today). The next one is Tue 5 Jan 2027.');
  });

  it('edit can link an entry after the fact', async () => {
    const t = await add(['Walk', '--every', '2 weeks', '--with', 'Sam']);
    const entry = (await run(['log', 'Ana', '--json'])).json();
    const edited = (await run(['edit', entry.id.slice(0, 8), '--touchpoint', t.id.slice(0, 8), '--json'])).json();
    expect(edited.touchpointId).toBe(t.id);
    expect((await list())[0]).toMatchObject({ lastKept: '2026-11-26', nextDue: '2026-12-10' });
  });

  it('deleting the entry that kept a touchpoint opens it again, and undo keeps it again', async () => {
    const t = await add(['Sunday call', '--every', 'week on sunday', '--with', 'Mum']);
    const sunday = '2026-11-29T17:00:00Z';
    const entry = (await run(['log', 'Mum', '--channel', 'call', '--json'], { now: sunday })).json();
    expect((await list(sunday))[0]).toMatchObject({ nextDue: '2026-12-06', lastKept: '2026-11-29' });
    const deleted = await run(['delete', entry.id.slice(0, 8), '--yes'], { now: sunday });
    expect(deleted.stdout).toContain('That leaves your Sunday call with Mum open again.');
    expect((await list(sunday))[0]).toMatchObject({ nextDue: '2026-11-29', lastKept: null });
    expect((await run(['next', '--json'], { now: sunday })).json<any[]>()[0]).toMatchObject({
      touchpointId: t.id,
      due: '2026-11-29',
    });
    await run(['undo'], { now: sunday });
    expect((await list(sunday))[0]).toMatchObject({ nextDue: '2026-12-06', lastKept: '2026-11-29' });
    // --json says which touchpoint was opened again, as touchpoint list shows it.
    const again = (await run(['delete', entry.id.slice(0, 8), '--yes', '--json'], { now: sunday })).json();
    expect(again.deleted.id).toBe(entry.id);
    expect(again.reopened).toMatchObject({ id: t.id, nextDue: '2026-11-29', lastKept: null });
  });

  it('deleting an entry leaves a touchpoint be when something has moved it on since', async () => {
    const t = await add(['Sunday call', '--every', 'week on sunday', '--with', 'Mum']);
    const first = (await run(['log', 'Mum', '--json'], { now: '2026-11-29T17:00:00Z' })).json();
    const second = (await run(['log', 'Mum', '--json'], { now: '2026-12-06T17:00:00Z' })).json();
    expect(second.touchpointId).toBe(t.id);
    const later = '2026-12-07T10:00:00Z';
    const r = (await run(['delete', first.id.slice(0, 8), '--yes', '--json'], { now: later })).json();
    expect(r.reopened).toBeNull();
    expect((await list(later))[0]).toMatchObject({ nextDue: '2026-12-13', lastKept: '2026-12-06' });
    // The latest keeping is released as usual.
    expect((await run(['delete', second.id.slice(0, 8), '--yes'], { now: later })).stdout).toContain('open again');
    // Last kept is read from the entries that kept it: both are gone.
    expect((await list(later))[0]).toMatchObject({ nextDue: '2026-12-06', lastKept: null });
    // A skip moves it on too.
    const third = (await run(['log', 'Mum', '--json'], { now: later })).json();
    await run(['touchpoint', 'skip', t.id.slice(0, 8)], { now: later });
    const skipped = (await list(later))[0];
    const kept = await run(['delete', third.id.slice(0, 8), '--yes'], { now: later });
    expect(kept.stdout).not.toContain('open again');
    expect((await list(later))[0]).toEqual({ ...skipped, lastKept: null });
  });

  it('deleting an entry that kept nothing says nothing of touchpoints', async () => {
    await add(['Sunday call', '--every', 'week on sunday', '--with', 'Mum']);
    const entry = (await run(['log', 'Ana', '--json'])).json();
    const r = await run(['delete', entry.id.slice(0, 8), '--yes']);
    expect(r.stdout).not.toContain('open again');
    expect((await list())[0]).toMatchObject({ nextDue: '2026-11-29', lastKept: null });
  });

  it('undo takes a keeping back, and brings a removed touchpoint back', async () => {
    const t = await add(['Walk', '--every', '2 weeks', '--with', 'Sam']);
    await run(['log', 'Sam']);
    expect((await list())[0].lastKept).toBe('2026-11-26');
    await run(['undo']);
    expect((await list())[0]).toMatchObject({ lastKept: null, nextDue: '2026-11-26' });
    await run(['touchpoint', 'remove', t.id.slice(0, 8)]);
    expect(await list()).toEqual([]);
    await run(['undo']);
    expect((await list()).map((x) => x.id)).toEqual([t.id]);
  });
});

describe('skip, pause, resume, remove', () => {
  it('skip lets one pass quietly; the next is a period later', async () => {
    const t = await add(['Sunday call', '--every', 'week on sunday', '--with', 'Mum']);
    const r = await run(['touchpoint', 'skip', t.id.slice(0, 8)]);
    expect(r.stdout).toContain('Letting this one pass. Sunday call with Mum is coming up on Sun 6 Dec.');
    expect((await list())[0].nextDue).toBe('2026-12-06');
    expect((await run(['touchpoint', 'skip', t.id.slice(0, 8), '--json'])).json().nextDue).toBe('2026-12-13');
  });

  it('a paused touchpoint is not kept and offers nothing; resuming starts afresh', async () => {
    const t = await add(['Sunday call', '--every', 'week on sunday', '--with', 'Mum'], '2026-10-01T10:00:00Z');
    expect(
      (await run(['touchpoint', 'pause', t.id.slice(0, 8), '--json'], { now: '2026-10-02T10:00:00Z' })).json().paused,
    ).toBe(true);
    const logged = (await run(['log', 'Mum', '--json'], { now: '2026-10-04T10:00:00Z' })).json();
    expect(logged.touchpointId).toBeNull();
    expect((await run(['touchpoint', 'list'], { now: '2026-11-24T10:00:00Z' })).stdout).toContain('paused');
    expect(
      (await run(['next', '--json'], { now: '2026-11-24T10:00:00Z' }))
        .json<any[]>()
        .some((i) => i.touchpointId === t.id),
    ).toBe(false);
    const resumed = (
      await run(['touchpoint', 'resume', t.id.slice(0, 8), '--json'], { now: '2026-11-24T10:00:00Z' })
    ).json();
    expect(resumed).toMatchObject({ paused: false, nextDue: '2026-11-29' });
  });

  it('remove is a soft delete: the entries that kept it keep their link', async () => {
    const t = await add(['Walk', '--every', 'week', '--with', 'Sam']);
    const entry = (await run(['log', 'Sam', '--json'])).json();
    const r = await run(['touchpoint', 'remove', t.id.slice(0, 8)]);
    expect(r.stdout).toContain('Removed Walk with Sam.');
    expect(await list()).toEqual([]);
    expect((await run(['history', '--json'])).json<any[]>()[0]).toMatchObject({ id: entry.id, touchpointId: t.id });
    expect((await run(['touchpoint', 'remove', t.id.slice(0, 8)])).code).toBe(2);
  });
});

describe('nothing piles up', () => {
  it('after weeks of silence one touchpoint is offered once, calmly, with no count', async () => {
    const t = await add(['Sunday call', '--every', 'week on sunday', '--with', 'Mum'], '2026-09-01T10:00:00Z');
    const later = '2026-11-23T10:00:00Z'; // a Monday, twelve Sundays on
    const listed = (await run(['touchpoint', 'list'], { now: later })).stdout;
    expect(listed).toContain('its day was yesterday; any time by Sat 28 Nov still keeps it');
    expect(listed.match(/Sunday call/g)).toHaveLength(1);
    expect((await list(later))[0]).toMatchObject({ nextDue: '2026-11-22', status: 'due' });
    const next = (await run(['next', '--json'], { now: later })).json<any[]>().filter((i) => i.touchpointId === t.id);
    expect(next).toHaveLength(1);
    expect(next[0].reason).toBe('Its day was yesterday; any time by Sat 28 Nov still keeps it (every week on Sunday).');
    // Never a count: the only number is the date it can still be kept by.
    expect(next[0].reason.replace('28 Nov', '')).not.toMatch(/\d/);
    // One call and it simply carries on.
    await run(['log', 'Mum', '--channel', 'call'], { now: later });
    expect((await list(later))[0]).toMatchObject({ nextDue: '2026-11-29', lastKept: '2026-11-23' });
  });
});

describe('across time zones and DST (run in America/New_York)', () => {
  it('a Sunday stays a Sunday through the November and March changes', async () => {
    const ny = sandbox({ tz: 'America/New_York', now: '2026-10-28T15:00:00Z' });
    try {
      const t = (
        await ny.run(['touchpoint', 'add', 'Sunday call', '--every', 'week on sunday', '--with', 'Mum', '--json'])
      ).json();
      expect(t.nextDue).toBe('2026-11-01'); // the day summer time ends in the US
      // 9pm on Sunday in New York is already Monday in UTC: it still keeps Sunday's call.
      const kept = (await ny.run(['log', 'Mum', '--json'], { now: '2026-11-02T02:00:00Z' })).json();
      expect(kept.touchpointId).toBe(t.id);
      expect((await ny.run(['touchpoint', 'list', '--json'], { now: '2026-11-02T03:00:00Z' })).json()[0]).toMatchObject(
        { nextDue: '2026-11-08', lastKept: '2026-11-01' },
      );
      await ny.run(['touchpoint', 'skip', t.id.slice(0, 8)], { now: '2027-03-10T15:00:00Z' });
      const march = (await ny.run(['touchpoint', 'list', '--json'], { now: '2027-03-10T15:00:00Z' })).json()[0];
      // On a Wednesday the Sunday just gone (7 March) is the one on offer; skipping it leaves 14 March, when summer time starts.
      expect(march.nextDue).toBe('2027-03-14');
      expect(weekday(march.nextDue)).toBe(0);
      const monthly = (
        await ny.run(
          ['touchpoint', 'add', 'Family lunch', '--every', 'month on the first sunday', '--with', 'Dad', '--json'],
          { now: '2026-10-28T15:00:00Z' },
        )
      ).json();
      expect(monthly.nextDue).toBe('2026-11-01');
      expect(
        (await ny.run(['touchpoint', 'skip', monthly.id.slice(0, 8), '--json'], { now: '2026-10-28T15:00:00Z' })).json()
          .nextDue,
      ).toBe('2026-12-06');
    } finally {
      ny.cleanup();
    }
  });

  it('a daily touchpoint in Berlin does not lose a day in the short night of March', async () => {
    const berlin = sandbox({ now: '2027-03-27T10:00:00Z' });
    try {
      const t = (
        await berlin.run(['touchpoint', 'add', 'Check in', '--every', 'day', '--with', 'Sam', '--json'])
      ).json();
      await berlin.run(['log', 'Sam'], { now: '2027-03-27T22:30:00Z' }); // 23:30 on Saturday, local
      expect(
        (await berlin.run(['touchpoint', 'list', '--json'], { now: '2027-03-28T10:00:00Z' })).json()[0],
      ).toMatchObject({ id: t.id, nextDue: '2027-03-28', lastKept: '2027-03-27' });
    } finally {
      berlin.cleanup();
    }
  });
});
