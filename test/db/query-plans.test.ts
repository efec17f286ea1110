// Every query the read commands run, planned by SQLite: none may read all of entries, entry_people or checkins,
// and what the week and the calendar add up comes from an index alone. Plans are the same whatever the journal's
// size (connect never runs ANALYZE), so a small journal shows what a ten-year one would do. Not timed.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journal, type Journal } from '../support/in-process';

/** The read commands, with the options that change what they ask SQLite. */
const READS: string[][] = [
  ['week'],
  ['week', '--last'],
  ['week', '--of', '2026-10-25', '--json'],
  ['next'],
  ['next', '--count', '20'],
  ['next', '--json'],
  ['calendar'],
  ['calendar', '--months', '12', '--json'],
  ['touchpoint', 'calendar'],
  ['touchpoint', 'list'],
  ['touchpoint'],
  ['history'],
  ['history', '--json'],
  ['history', '--all'],
  ['history', '--person', 'Sam', '--limit', '2'],
  ['history', '--channel', 'call', '--since', '2026-11-01', '--until', '2026-11-20', '--limit', '2'],
  ['remind'],
  ['remind', '--all'],
  ['checkin', '--history'],
  ['people'],
  ['people', 'show', 'Sam'],
];

/** Tables that grow with the journal's years. */
const GROWING = ['entries', 'entry_people', 'checkins'];

/** Commands whose output is every row of a table: reading all of it is what they are for. */
const EVERY_ROW: Record<string, string> = {
  'history --json': 'entries',
  'history --all': 'entries',
  'checkin --history': 'checkins',
};

interface Ran {
  sql: string;
  args: unknown[];
}

/**
 * Runs `fn`, noting each statement better-sqlite3 executes with the values bound to it. Only this test's runs:
 * the methods are put back before it returns.
 */
async function recorded(fn: () => Promise<void>): Promise<Ran[]> {
  const ran: Ran[] = [];
  const probe = new Database(':memory:');
  const statement = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, unknown>;
  probe.close();
  const methods = ['all', 'get', 'iterate', 'run'] as const;
  const originals = methods.map((name) => statement[name] as (...args: unknown[]) => unknown);
  methods.forEach((name, i) => {
    statement[name] = function (this: { source: string }, ...args: unknown[]) {
      ran.push({ sql: this.source, args });
      return originals[i].apply(this, args);
    };
  });
  try {
    await fn();
  } finally {
    methods.forEach((name, i) => {
      statement[name] = originals[i];
    });
  }
  return ran;
}

/** The table each name in a FROM or JOIN stands for: its own name, or an alias given to it. */
function tablesByName(sql: string): Map<string, string> {
  const names = new Map<string, string>();
  const keywords = new Set(['where', 'join', 'left', 'inner', 'cross', 'on', 'order', 'group', 'limit', 'using', 'as']);
  for (const match of sql.matchAll(/\b(?:from|join)\s+(\w+)(?:\s+(?:as\s+)?(\w+))?/gi)) {
    const table = match[1].toLowerCase();
    names.set(table, table);
    const alias = match[2]?.toLowerCase();
    if (alias && !keywords.has(alias)) names.set(alias, table);
  }
  return names;
}

/**
 * The lines of a plan that read a growing table from end to end. A scan that walks an index in the order asked for
 * and stops at a LIMIT reads only that many rows (history's newest twenty), so it is not one.
 */
function fullScans(plan: PlanRow[], sql: string, allowed: string | undefined): string[] {
  const tables = tablesByName(sql);
  // The statement's own sort (not a subquery's): with one, every row is read before the first comes out.
  const sorts = plan.some((row) => row.parent === 0 && row.detail === 'USE TEMP B-TREE FOR ORDER BY');
  const stopsAtLimit = /\bLIMIT\s+\d+\s*$/i.test(sql) && !sorts;
  return plan
    .map((row) => row.detail)
    .filter((line) => {
      // A SEARCH with no constraint walks an index from one end (max() of a column it does not lead with).
      const scan =
        /^SCAN (\w+)( USING (?:COVERING )?INDEX)?/.exec(line) ??
        /^SEARCH (\w+)( USING (?:COVERING )?INDEX \w+)$/.exec(line);
      if (!scan) return false;
      const table = tables.get(scan[1].toLowerCase()) ?? scan[1].toLowerCase();
      if (!GROWING.includes(table) || table === allowed) return false;
      return !(stopsAtLimit && scan[2]);
    });
}

let j: Journal;
/** What each read command ran, by its command line. */
const byCommand = new Map<string, Ran[]>();
let ran: Ran[];
let db: Database.Database;
interface PlanRow {
  parent: number;
  detail: string;
}
const plan = (r: Ran) => db.prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(...r.args) as PlanRow[];

beforeAll(async () => {
  j = journal();
  const setup = [
    ['log', 'Sam', '--channel', 'call', '--after', '4', '--quality', '4', '--when', '2026-11-20 18:00'],
    [
      'log',
      'Sam, Ana',
      '--channel',
      'in-person',
      '--activity',
      'walk',
      '--minutes',
      '40',
      '--when',
      '2026-11-24 12:00',
    ],
    ['log', '--small', '--channel', 'in-person', '--when', '2026-10-25 09:00'],
    ['mood', '2', '--energy', '2', '--when', '2026-11-25 21:00'],
    ['checkin', '--answers', '2,2,3'],
    ['touchpoint', 'add', 'Sunday call', '--every', 'week on sunday', '--with', 'Mum', '--channel', 'call'],
    ['touchpoint', 'add', 'Walk', '--every', '2 weeks', '--with', 'Sam', '--activity', 'walk'],
  ];
  for (const args of setup) expect((await j.run(args)).code, args.join(' ')).toBe(0);
  for (const args of READS) {
    byCommand.set(
      args.join(' '),
      await recorded(async () => {
        expect((await j.run(args)).code, args.join(' ')).toBe(0);
      }),
    );
  }
  ran = [...byCommand.values()].flat();
  db = new Database(j.db, { readonly: true });
});

afterAll(() => {
  db?.close();
  j?.cleanup();
});

describe('the read commands’ queries', () => {
  it('are all seen: each command asks SQLite something', () => {
    const reads = ran.filter((r) => /^\s*(SELECT|WITH)\b/i.test(r.sql));
    // The week's sums, the calendar's days, history's page, next's contacts: the heavy ones are among them.
    for (const part of ['count(*) FILTER', 'coalesce(sum(minutes), 0) FROM entries', 'FROM entry_people ep JOIN'])
      expect(
        reads.some((r) => r.sql.includes(part)),
        part,
      ).toBe(true);
  });

  it('never read all of entries, entry_people or checkins, unless the output is every row', () => {
    const seen = new Set<string>();
    const scans: string[] = [];
    for (const [command, list] of byCommand) {
      for (const r of list) {
        if (!/^\s*(SELECT|WITH)\b/i.test(r.sql)) continue;
        seen.add(r.sql);
        const lines = fullScans(plan(r), r.sql, EVERY_ROW[command]);
        if (lines.length > 0) scans.push(`${command}: ${lines.join('; ')}  ←  ${r.sql.replace(/\s+/g, ' ').trim()}`);
      }
    }
    expect(seen.size).toBeGreaterThan(10);
    expect(scans).toEqual([]);
  });

  it('add up a week or a calendar day from an index alone, never visiting the rows', () => {
    const sums = ran.filter((r) => /^\s*SELECT count\(\*\), (count\(\*\) FILTER|coalesce\(sum)/.test(r.sql));
    expect(sums.length).toBeGreaterThan(0);
    for (const r of sums) {
      const lines = plan(r).map((row) => row.detail);
      expect(lines, r.sql).toHaveLength(1);
      expect(lines[0], r.sql).toMatch(/^SEARCH entries USING COVERING INDEX \w+ \(type=\? AND at>\? AND at<\?\)$/);
    }
  });
});
