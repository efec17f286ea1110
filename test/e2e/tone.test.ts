import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toneProblems } from '../tone';
import { sandbox, type Sandbox } from './run';

describe('the tone checker', () => {
  it.each([
    'You have 3 overdue touchpoints.',
    'Sunday call is OVERDUE',
    'You failed to call Sam this week.',
    'A failure to connect.',
    'Your 12-day streak is broken.',
    'You should call Sam more often.',
    'You must log every day.',
    'You have been neglecting Alex.',
    'Feeling lazy? Log something.',
    'You are falling behind on your touchpoints.',
    'Missed 3 touchpoints.',
    'You missed 2 calls with Mum.',
    '4 touchpoints missed this month',
    'Why haven’t you talked to anyone?',
    'You’re lonely.',
    'WARNING: mood is low',
    'Call Sam now!!',
    'DO IT NOW!',
  ])('flags %j', (sentence) => {
    expect(toneProblems(sentence)).not.toEqual([]);
  });

  it('flags an exclamation shouted in red, and not the same words uncoloured', () => {
    const red = '\u001b[31mTime to call Sam!\u001b[39m';
    expect(toneProblems(red)).toEqual(['shouting in red: "Time to call Sam!"']);
    expect(toneProblems('Time to call Sam!')).toEqual([]);
    expect(toneProblems('\u001b[1;91mLOW MOOD\u001b[39m')).not.toEqual([]);
  });

  it.each([
    'It’s okay if connection feels hard right now',
    'You don’t need to do this perfectly.',
    'One conversation, one shared moment, one step at a time is enough.',
    'If loneliness feels heavy or long-standing, talking with a mental health professional can help gently rebuild trust, confidence, and connection over time.',
    'If you are in crisis: in the US, call or text 988; elsewhere, findahelpline.com lists local services.',
    'Thank you for checking in. That is a score of 7 on the three-item loneliness scale (3–9, higher is lonelier).',
    'Sunday call with Sam is due today — whenever suits you.',
    'It has been a while since you saw Sam; time with Sam tends to go with feeling better.',
    'An early pattern (8 entries): calls tend to go with a lift of +0.6.',
    'Nothing to undo.',
    'connect: --answers takes three answers from 1 to 3, like 2,1,3; got "4,4,4".',
  ])('lets %j through', (sentence) => {
    expect(toneProblems(sentence)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Every command, discovered from --help, through an empty journal, a low-mood one, and weeks of silence.
// ---------------------------------------------------------------------------------------------

const NOW = '2026-11-26T10:00:00Z';
const DAY = 86_400_000;
const ago = (days: number, from = NOW) => new Date(new Date(from).getTime() - days * DAY).toISOString();

type Invocation = string[] | ((s: Sandbox) => string[]);

const entryId = (s: Sandbox): string => {
  const r = s.run(['history', '--json', '--limit', '1']);
  try {
    return (r.json() as { id: string }[])[0]?.id ?? 'deadbeef';
  } catch {
    return 'deadbeef';
  }
};
const touchpointId = (s: Sandbox): string => {
  const r = s.run(['touchpoint', 'list', '--json']);
  try {
    return (r.json() as { id: string }[])[0]?.id ?? 'deadbeef';
  } catch {
    return 'deadbeef';
  }
};

/**
 * Sensible invocations per command path, gentle cases and mistakes alike; ordered so that
 * reading comes before changing and removing. A command not listed here still runs bare and with --json.
 */
const INVOCATIONS: [string, Invocation[]][] = [
  ['remind', [['remind'], ['remind', '--all'], ['remind', '--json']]],
  [
    'history',
    [
      ['history'],
      ['history', '--limit', '1'],
      ['history', '--all'],
      ['histroy'],
      ['history', '--limt', '3'],
      ['history', '--json'],
      ['history', '--person', 'Sam'],
      ['history', '--person', 'Nobody'],
      ['history', '--since', 'last month', '--channel', 'call'],
    ],
  ],
  ['people', [['people'], ['people', '--json'], ['people', '--archived']]],
  [
    'people show',
    [
      ['people', 'show', 'Sam'],
      ['people', 'show', 'Nobody'],
      ['people', 'show', 'Sam', '--json'],
    ],
  ],
  ['week', [['week'], ['week', '--last'], ['week', '--json'], ['week', '--of', '2026-10-01']]],
  ['patterns', [['patterns'], ['patterns', '--json'], ['patterns', '--since', 'last year']]],
  ['next', [['next'], ['next', '--count', '5'], ['next', '--json']]],
  [
    'touchpoint list',
    [
      ['touchpoint', 'list'],
      ['touchpoint', 'list', '--json'],
    ],
  ],
  ['nudge', [['nudge'], ['nudge'], ['nudge', '--force']]],
  [
    'shell-init',
    [['shell-init', 'bash'], ['shell-init', 'zsh'], ['shell-init', 'fish'], ['shell-init', 'tcsh'], ['shell-init']],
  ],
  ['doctor', [['doctor'], ['doctor', '--json']]],
  [
    'config list',
    [
      ['config', 'list'],
      ['config', 'list', '--json'],
    ],
  ],
  [
    'config get',
    [
      ['config', 'get', 'week.start'],
      ['config', 'get', 'colour'],
    ],
  ],
  [
    'config set',
    [
      ['config', 'set', 'nudge.every', '2 days'],
      ['config', 'set', 'week.start', 'friday'],
    ],
  ],
  [
    'export',
    [
      ['export'],
      ['export', '--format', 'csv'],
      ['export', '--format', 'markdown'],
      (s) => ['export', '--format', 'json', '--out', join(s.dir, 'export.json')],
    ],
  ],
  ['backup', [(s) => ['backup', join(s.dir, 'backup.db')], ['backup']]],
  [
    'log',
    [
      ['log', 'Sam', '--channel', 'call', '--before', '1', '--after', '2'],
      ['log', '--small', '--note', 'said hello to a neighbour'],
      ['log', 'Alex', '--activity', 'walk', '--before', '1', '--after', '2', '--felt', 'safe', '--json'],
      ['log'],
      ['log', 'Sam', '--when', 'tomorrow'],
      ['log', 'Sam', '--channel', 'pigeon'],
      ['log', 'Samm', '--channel', 'call'],
      ['log', 'Sam', '--when', '3 days ago'],
      ['log', 'Sam', '--after', ''],
      ['log', 'Sam', '--when', '2026-03-29 02:30'],
    ],
  ],
  ['mood', [['mood', '1', '--note', 'tired'], ['mood', '2', '--energy', '1', '--json'], ['mood', '9'], ['mood']]],
  [
    'checkin',
    [
      ['checkin', '--history'],
      ['checkin', '--history', '--json'],
      ['checkin', '--answers', '3,3,2'],
      ['checkin', '--answers', '1,1,1', '--json'],
      ['checkin'],
      ['checkin', '--answers', '4,4,4'],
    ],
  ],
  [
    'touchpoint add',
    [
      ['touchpoint', 'add', 'Sunday call', '--every', 'week on sunday', '--with', 'Sam', '--channel', 'call'],
      ['touchpoint', 'add', 'Walk', '--every', 'whenever-ish'],
    ],
  ],
  ['touchpoint skip', [(s) => ['touchpoint', 'skip', touchpointId(s)]]],
  ['touchpoint pause', [(s) => ['touchpoint', 'pause', touchpointId(s)]]],
  ['touchpoint resume', [(s) => ['touchpoint', 'resume', touchpointId(s)]]],
  [
    'import',
    [
      (s) => ['import', join(s.dir, 'export.json')],
      (s) => ['import', join(s.dir, 'missing.json')],
      (s) => ['import', join(s.dir, 'export.json'), '--from', 'daylio'],
    ],
  ],
  ['edit', [(s) => ['edit', entryId(s), '--note', 'a quiet evening'], ['edit', 'zzzz']]],
  ['delete', [(s) => ['delete', entryId(s)], (s) => ['delete', entryId(s), '--yes']]],
  ['undo', [['undo'], ['undo', '--json']]],
  [
    'people add',
    [
      ['people', 'add', 'Robin', '--alias', 'Rob', '--tag', 'neighbour'],
      ['people', 'add', 'Robin'],
    ],
  ],
  [
    'people rename',
    [
      ['people', 'rename', 'Robin', 'Robyn'],
      ['people', 'rename', 'Nobody', 'Somebody'],
    ],
  ],
  ['people merge', [['people', 'merge', 'Robyn', 'Alex']]],
  [
    'people alias',
    [
      ['people', 'alias', 'add', 'Sam', 'Sammy'],
      ['people', 'alias', 'remove', 'Sam', 'Sammy'],
      ['people', 'alias', 'remove', 'Sam', 'Nope'],
    ],
  ],
  ['people archive', [['people', 'archive', 'Alex']]],
  ['log', [['log', 'Alex', '--channel', 'call']]],
  ['touchpoint remove', [(s) => ['touchpoint', 'remove', touchpointId(s)]]],
];

/** Command names under "Commands:" in a help text (commander's layout: two spaces, then the name). */
function commandsIn(help: string): string[] {
  const lines = help.split('\n');
  const start = lines.findIndex((line) => line.trim() === 'Commands:');
  if (start < 0) return [];
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    const match = /^ {2}([a-z][\w-]*)/.exec(line);
    if (match && match[1] !== 'help') names.push(match[1]);
  }
  return names;
}

/** Every command and subcommand path that `connect --help` leads to. */
function discoverCommands(s: Sandbox): string[] {
  const paths: string[] = [];
  for (const name of commandsIn(s.run(['--help']).stdout)) {
    paths.push(name);
    for (const sub of commandsIn(s.run([name, '--help']).stdout)) paths.push(`${name} ${sub}`);
  }
  return paths;
}

/** The invocations for the commands that exist: the table's, in its order, then bare runs of any command it lacks. */
function invocationsFor(paths: string[]): Invocation[] {
  const known = new Map(INVOCATIONS);
  const listed = INVOCATIONS.filter(([path]) => paths.includes(path)).flatMap(([, runs]) => runs);
  const unlisted = paths
    .filter((path) => !known.has(path))
    .flatMap((path) => [path.split(' '), [...path.split(' '), '--json']]);
  return [...listed, ...unlisted];
}

// Colour on, as on a terminal, so red shouting is visible to the checker.
const COLOUR = { NO_COLOR: undefined, FORCE_COLOR: '1' };

interface Heard {
  problems: string[];
  runs: number;
  /** Everything printed, so a test can show the checker really heard the commands. */
  text: string[];
}

function runAndListen(s: Sandbox, invocation: Invocation, heard: Heard, label: string, now = NOW): void {
  const args = typeof invocation === 'function' ? invocation(s) : invocation;
  const r = s.run(args, { env: COLOUR, now });
  heard.runs += 1;
  heard.text.push(`$ connect ${args.join(' ')}  [${label}, exit ${r.code}]\n${r.stdout}${r.stderr}`);
  if (process.env.TONE_DUMP) appendFileSync(process.env.TONE_DUMP, `${heard.text.at(-1)}\n`);
  for (const problem of toneProblems(`${r.stdout}\n${r.stderr}`))
    heard.problems.push(`${label} · connect ${args.join(' ')} → ${problem}`);
  // One apostrophe in what connect says: the post's ’.
  const straight = /\b\w+'\w+\b/.exec(`${r.stdout}\n${r.stderr}`);
  if (straight) heard.problems.push(`${label} · connect ${args.join(' ')} → a straight apostrophe: "${straight[0]}"`);
}

function lowMoodJournal(s: Sandbox, heard: Heard): void {
  const setup: [string[], string][] = [
    [['touchpoint', 'add', 'Sunday call', '--every', 'week on sunday', '--with', 'Sam', '--channel', 'call'], ago(24)],
    ...[20, 18, 16, 14, 12, 10, 8, 6, 4, 2, 1, 0].map((d): [string[], string] => [
      ['mood', d % 4 === 0 ? '1' : '2', '--note', 'heavy day'],
      ago(d),
    ]),
    [['log', 'Sam', '--channel', 'call', '--before', '1', '--after', '2', '--minutes', '20'], ago(10)],
    [['log', 'Alex', '--activity', 'walk', '--channel', 'in-person', '--before', '2', '--after', '2'], ago(5)],
    [['log', '--small', '--note', 'the barista asked how I was', '--after', '2'], ago(3)],
    [['checkin', '--answers', '3,2,2'], ago(9)],
    [['checkin', '--answers', '3,3,2'], ago(2)],
  ];
  for (const [args, now] of setup) runAndListen(s, args, heard, 'low mood (setup)', now);
}

function silentWeeksJournal(s: Sandbox, heard: Heard): void {
  const setup: [string[], string][] = [
    [['people', 'add', 'Sam'], ago(70)],
    [
      [
        'touchpoint',
        'add',
        'Thursday walk',
        '--every',
        'week',
        '--with',
        'Sam',
        '--activity',
        'walk',
        '--from',
        ago(70).slice(0, 10),
      ],
      ago(70),
    ],
    ...[66, 62, 59, 55, 52, 48, 45].map((d): [string[], string] => [
      ['log', 'Sam', '--activity', 'walk', '--channel', 'in-person', '--before', '3', '--after', '4', '--felt', 'safe'],
      ago(d),
    ]),
    [['log', 'Alex', '--channel', 'video', '--after', '4'], ago(44)],
    [['mood', '3'], ago(43)],
    [['checkin', '--answers', '2,1,2'], ago(43)],
    [['nudge'], ago(43)],
  ];
  for (const [args, now] of setup) runAndListen(s, args, heard, 'silent weeks (setup)', now);
}

describe('the tone of every command', () => {
  let paths: string[] = [];
  beforeAll(() => {
    const s = sandbox({ now: NOW });
    try {
      paths = discoverCommands(s);
    } finally {
      s.cleanup();
    }
  });

  it('discovers the commands from connect --help, new ones included', () => {
    for (const name of ['log', 'mood', 'history', 'people', 'people add', 'remind', 'checkin', 'undo'])
      expect(paths).toContain(name);
  });

  it('stays gentle in every --help', () => {
    const s = sandbox({ now: NOW });
    const heard: Heard = { problems: [], runs: 0, text: [] };
    try {
      runAndListen(s, ['--help'], heard, 'help');
      for (const path of paths) runAndListen(s, [...path.split(' '), '--help'], heard, 'help');
    } finally {
      s.cleanup();
    }
    expect(heard.problems).toEqual([]);
  }, 120_000);

  it('stays gentle with an empty journal, each command on a fresh one', () => {
    const heard: Heard = { problems: [], runs: 0, text: [] };
    for (const invocation of invocationsFor(paths)) {
      const s = sandbox({ now: NOW });
      try {
        runAndListen(s, invocation, heard, 'empty journal');
      } finally {
        s.cleanup();
      }
    }
    expect(heard.runs).toBeGreaterThan(40);
    expect(heard.text.join('\n')).toContain('call or text 988');
    expect(heard.problems).toEqual([]);
  }, 240_000);

  it('stays gentle through three low weeks with heavy check-ins', () => {
    const s = sandbox({ now: NOW });
    const heard: Heard = { problems: [], runs: 0, text: [] };
    try {
      lowMoodJournal(s, heard);
      for (const invocation of invocationsFor(paths)) runAndListen(s, invocation, heard, 'low mood');
    } finally {
      s.cleanup();
    }
    // The scenario really was heavy: remind carried the professional-help line.
    expect(heard.text.join('\n')).toContain('talking with a mental health professional');
    expect(heard.problems).toEqual([]);
  }, 240_000);

  it('stays gentle after six weeks of silence, with a touchpoint left unkept', () => {
    const s = sandbox({ now: NOW });
    const heard: Heard = { problems: [], runs: 0, text: [] };
    try {
      silentWeeksJournal(s, heard);
      for (const invocation of invocationsFor(paths)) runAndListen(s, invocation, heard, 'silent weeks');
    } finally {
      s.cleanup();
    }
    expect(heard.text.join('\n')).toContain('call or text 988');
    expect(heard.problems).toEqual([]);
  }, 240_000);
});
