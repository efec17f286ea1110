// `connect nudge` at shell start: the whole process for the common case, built as its own small
// bundle (dist/nudge.js) that loads better-sqlite3 and Node's built-ins only. Anything it does not
// understand (--help, a typo) is handed to the full command line.
import { writeSync } from 'node:fs';
import { resolveJournalPath } from '../db/paths';
import { nudge, type Nudge } from './run';

interface NudgeArgs {
  force: boolean;
  json: boolean;
  db: string | undefined;
}

/** The flags this path knows; null for anything else. */
function readArgs(args: string[]): NudgeArgs | null {
  const parsed: NudgeArgs = { force: false, json: false, db: undefined };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--force') parsed.force = true;
    else if (arg === '--json') parsed.json = true;
    else if (arg === '--no-color' || arg === '--color' || arg === '--no-input') continue;
    else if (arg === '--db' && i + 1 < args.length && args[i + 1] !== '') parsed.db = args[++i];
    else if (arg.startsWith('--db=') && arg.length > 5) parsed.db = arg.slice(5);
    else return null;
  }
  return parsed;
}

/** CONNECT_NOW replaces the clock, as everywhere; a value that is not an instant means no nudge. */
function readClock(fixed: string | undefined): Date | null {
  if (fixed === undefined || fixed === '') return new Date();
  const now = new Date(fixed);
  return /^\d{4}-\d{2}-\d{2}T/.test(fixed) && !Number.isNaN(now.getTime()) ? now : null;
}

function print(text: string): void {
  try {
    writeSync(1, text);
  } catch {
    // a closed stdout (the shell went away) is no reason to complain
  }
}

function render(said: Nudge | null, json: boolean): string {
  if (json) return `${JSON.stringify({ kind: said?.kind ?? null, text: said?.text ?? null }, null, 2)}\n`;
  return said ? `${said.text}\n` : '';
}

function main(): void {
  const args = readArgs(process.argv.slice(3));
  if (!args) {
    require('./cli.js');
    return;
  }
  let said: Nudge | null = null;
  try {
    const now = readClock(process.env.CONNECT_NOW);
    if (now) said = nudge({ journalPath: resolveJournalPath(args.db, process.env), now, force: args.force });
  } catch {
    said = null;
  }
  const text = render(said, args.json);
  if (text) print(text);
}

main();
