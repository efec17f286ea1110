// A month as a new user lives it, run in-process in two zones across the end of summer time (London on
// 25 October, New York on 1 November 2026): a weekly Sunday call with Mum, a fortnightly coffee walk with
// Priya and Tom, a monthly book club, and texts in between. Every morning, each touchpoint's state is checked.
import { afterAll, describe, expect, it } from 'vitest';
import { journal, type Journal } from '../support/in-process';

/** The instant of a local wall-clock time ("2026-11-01 23:30") in `tz`. */
function localInstant(wall: string, tz: string): string {
  const [date, time = '12:00'] = wall.split(' ');
  const naive = Date.parse(`${date}T${time}:00Z`);
  const offsetAt = (instant: number) => {
    const name = new Intl.DateTimeFormat('en-GB', { timeZone: tz, timeZoneName: 'longOffset' })
      .formatToParts(new Date(instant))
      .find((p) => p.type === 'timeZoneName')!.value;
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000 : 0;
  };
  const guess = naive - offsetAt(naive);
  return new Date(naive - offsetAt(guess)).toISOString();
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** What is logged, at local times: [when, args]. `WALK` stands for the coffee walk's id. */
const LOGS: [string, string[]][] = [
  ['2026-10-22 19:00', ['log', 'Priya', '--channel', 'text']],
  ['2026-10-25 19:00', ['log', 'Mum', '--channel', 'call']],
  ['2026-10-28 19:00', ['log', 'Priya', 'Tom', '--activity', 'walk', '--channel', 'in-person']],
  ['2026-10-30 19:00', ['log', 'Tom', '--channel', 'text']],
  ['2026-11-01 23:30', ['log', 'Mum', '--channel', 'video']],
  ['2026-11-03 19:00', ['log', 'Ana', '--activity', 'book club']],
  ['2026-11-05 19:00', ['log', 'Priya', '--channel', 'video']],
  ['2026-11-07 19:00', ['log', 'Mum', '--channel', 'text']],
  ['2026-11-10 19:00', ['log', 'Mum', '--channel', 'call']],
  ['2026-11-12 19:00', ['log', 'Priya', '--channel', 'text']],
  ['2026-11-13 19:00', ['log', 'Tom', '--channel', 'text']],
  ['2026-11-14 19:00', ['log', 'Mum', '--channel', 'call']],
  ['2026-11-15 19:00', ['log', 'Mum', '--channel', 'call']],
  ['2026-11-19 19:00', ['log', 'Priya', '--channel', 'video', '--touchpoint', 'WALK']],
  ['2026-11-21 19:00', ['log', 'Mum', '--channel', 'call', '--no-touchpoint']],
  ['2026-11-22 19:00', ['log', 'Mum', '--channel', 'call']],
  ['2026-11-26 15:00', ['log', 'Mum', '--channel', 'in-person', '--activity', 'Thanksgiving']],
  ['2026-11-29 19:00', ['log', 'Mum', '--channel', 'call']],
];

/** What each log says about touchpoints: the line naming what it kept, or nothing at all. */
const KEPT_LINES: Record<string, string | null> = {
  '2026-10-22': null,
  '2026-10-25': 'That keeps your Sunday call with Mum (today). The next one is Sun 1 Nov.',
  '2026-10-28': 'That keeps your Coffee walk with Priya and Tom (today). The next one is Wed 11 Nov.',
  '2026-10-30': null,
  '2026-11-01': 'That keeps your Sunday call with Mum (today). The next one is Sun 8 Nov.',
  '2026-11-03': 'That keeps your Book club (today). The next one is Tue 1 Dec.',
  '2026-11-05': null,
  '2026-11-07': null,
  '2026-11-10': 'That keeps your Sunday call with Mum (Sun 8 Nov). The next one is Sun 15 Nov.',
  '2026-11-12': null,
  '2026-11-13': null,
  '2026-11-14': 'That keeps your Sunday call with Mum (tomorrow). The next one is Sun 22 Nov.',
  '2026-11-15': null,
  '2026-11-19': 'That keeps your Coffee walk with Priya and Tom (Wed 11 Nov). The next one is Thu 3 Dec.',
  '2026-11-21': null,
  '2026-11-22': 'That keeps your Sunday call with Mum (today). The next one is Sun 29 Nov.',
  '2026-11-26': null,
  '2026-11-29': 'That keeps your Sunday call with Mum (today). The next one is Sun 6 Dec.',
};

/**
 * Each morning (08:00, before that day's logs), per touchpoint: [first day, last day, shown due day
 * ("today" for the day itself), status, last kept]. Written out by hand from the rules, not computed.
 */
type Row = [string, string, string, 'due' | 'upcoming', string | null];
const EXPECTED: Record<string, Row[]> = {
  'Sunday call': [
    ['2026-10-21', '2026-10-24', '2026-10-25', 'upcoming', null],
    ['2026-10-25', '2026-10-25', '2026-10-25', 'due', null],
    ['2026-10-26', '2026-10-31', '2026-11-01', 'upcoming', '2026-10-25'],
    ['2026-11-01', '2026-11-01', '2026-11-01', 'due', '2026-10-25'],
    ['2026-11-02', '2026-11-07', '2026-11-08', 'upcoming', '2026-11-01'],
    ['2026-11-08', '2026-11-10', '2026-11-08', 'due', '2026-11-01'], // gone by quietly; still keepable until Sat 14
    ['2026-11-11', '2026-11-14', '2026-11-15', 'upcoming', '2026-11-10'],
    ['2026-11-15', '2026-11-21', '2026-11-22', 'upcoming', '2026-11-14'], // kept the day before; Sunday's call links to nothing
    ['2026-11-22', '2026-11-22', '2026-11-22', 'due', '2026-11-14'],
    ['2026-11-23', '2026-11-28', '2026-11-29', 'upcoming', '2026-11-22'], // Thanksgiving on Thursday keeps nothing
    ['2026-11-29', '2026-11-29', '2026-11-29', 'due', '2026-11-22'],
    ['2026-11-30', '2026-11-30', '2026-12-06', 'upcoming', '2026-11-29'],
  ],
  'Coffee walk': [
    ['2026-10-21', '2026-10-27', '2026-10-28', 'upcoming', null],
    ['2026-10-28', '2026-10-28', '2026-10-28', 'due', null],
    ['2026-10-29', '2026-11-10', '2026-11-11', 'upcoming', '2026-10-28'], // texts and a video call do not push it on
    ['2026-11-11', '2026-11-19', 'today', 'due', '2026-10-28'],
    ['2026-11-20', '2026-11-30', '2026-12-03', 'upcoming', '2026-11-19'],
  ],
  'Book club': [
    ['2026-10-21', '2026-11-02', '2026-11-03', 'upcoming', null],
    ['2026-11-03', '2026-11-03', '2026-11-03', 'due', null],
    ['2026-11-04', '2026-11-30', '2026-12-01', 'upcoming', '2026-11-03'],
  ],
};

function expectedOn(day: string, title: string): [string, string, string | null] {
  const row = EXPECTED[title].find(([from, to]) => from <= day && day <= to);
  if (!row) throw new Error(`no expectation for ${title} on ${day}`);
  return [row[2] === 'today' ? day : row[2], row[3], row[4]];
}

const journals: Journal[] = [];
afterAll(() => {
  for (const j of journals) j.cleanup();
});

describe.each(['Europe/London', 'America/New_York'])('a month of touchpoints in %s', (tz) => {
  it('each occurrence stands as the rules say, every morning; logs name only what they kept', async () => {
    const j = journal({ tz });
    journals.push(j);
    const at = (wall: string) => ({ now: localInstant(wall, tz) });
    const add = async (args: string[]) => {
      const r = await j.run(['touchpoint', 'add', ...args, '--json'], at('2026-10-20 09:00'));
      expect(r.code, r.stderr).toBe(0);
      return r.json().id as string;
    };
    await add(['Sunday call', '--every', 'week on sunday', '--with', 'Mum', '--channel', 'call']);
    const walk = await add([
      'Coffee walk',
      '--every',
      '2 weeks',
      '--with',
      'Priya, Tom',
      '--activity',
      'walk',
      '--from',
      '2026-10-28',
    ]);
    await add(['Book club', '--every', 'month on the first tuesday', '--activity', 'book club']);

    const seen: string[] = [];
    for (let day = '2026-10-21'; day <= '2026-11-30'; day = addDays(day, 1)) {
      const list = await j.run(['touchpoint', 'list', '--json'], at(`${day} 08:00`));
      for (const t of list.json() as { title: string; nextDue: string; status: string; lastKept: string | null }[]) {
        expect([day, t.title, t.nextDue, t.status, t.lastKept]).toEqual([day, t.title, ...expectedOn(day, t.title)]);
      }
      if (day === '2026-11-02') {
        // "last kept" is the local day, in the reader's zone, of the entry that kept it: 23:30 on 1 November
        // here is the next morning in Tokyo.
        const tokyo = await j.run(['touchpoint', 'list', '--json'], { ...at(`${day} 08:00`), tz: 'Asia/Tokyo' });
        expect(tokyo.json().find((t: { title: string }) => t.title === 'Sunday call').lastKept).toBe('2026-11-02');
      }
      for (const [wall, args] of LOGS.filter(([wall]) => wall.startsWith(day))) {
        const r = await j.run(
          args.map((a) => (a === 'WALK' ? walk.slice(0, 8) : a)),
          at(wall),
        );
        expect(r.code, r.stderr).toBe(0);
        const line = r.stdout
          .split('\n')
          .find(
            (l) =>
              /touchpoint|keeps|Sunday call|walk|Book club/i.test(l) &&
              !l.startsWith('Logged') &&
              !l.includes('new to your journal') &&
              !l.startsWith('id '),
          );
        expect([day, line ?? null]).toEqual([day, KEPT_LINES[day]]);
        seen.push(day);
      }
    }
    expect(seen).toEqual(LOGS.map(([wall]) => wall.slice(0, 10)));

    // A week with two occurrences kept, and a later call and two texts that kept nothing: two, not five.
    const week = await j.run(['week', '--of', '2026-11-10', '--json'], at('2026-11-30 09:00'));
    expect(week.json().touchpoints.kept).toBe(2);
    const text = await j.run(['week', '--of', '2026-11-10'], at('2026-11-30 09:00'));
    expect(text.stdout).toMatch(/Touchpoints\s+2 kept/);
    // The week of --no-touchpoint: the named walk and Sunday's call.
    expect(
      (await j.run(['week', '--of', '2026-11-20', '--json'], at('2026-11-30 09:00'))).json().touchpoints.kept,
    ).toBe(2);

    // connect next names the soonest touchpoint, however far off, and never answers with nothing.
    const next = (await j.run(['next', '--json'], at('2026-11-30 09:00'))).json();
    expect(next[0]).toMatchObject({ title: 'Book club', status: 'upcoming', due: '2026-12-01' });
  });
});
