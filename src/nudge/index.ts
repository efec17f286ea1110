// `connect nudge` at shell start: the whole process for the common case, built as its own small
// bundle (dist/nudge.js) that loads better-sqlite3 and Node's built-ins only. Anything it does not
// understand (--help, a typo) it leaves to the full command line, which entry.js then runs.
import { writeSync } from 'node:fs';
import { readClock } from '../clock';
import { escapeJsonControls, showControls } from '../core/control-chars';
import { resolveJournalPath } from '../db/paths';
import { nudge, type Nudge } from './run';

interface NudgeArgs {
  force: boolean;
  json: boolean;
  db: string | undefined;
}

/** The boolean flags this path knows, each also as --no-<flag>. */
const SWITCHES = new Set(['force', 'json', 'color', 'input']);

/**
 * The flags this path knows; null for anything else (--help, a typo, a value that looks like a flag), which the
 * full command line answers. Read by hand: Node's parseArgs costs more to load than the nudge's own work.
 */
function readArgs(args: string[]): NudgeArgs | null {
  const read: NudgeArgs = { force: false, json: false, db: undefined };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('--db=')) read.db = arg.slice(5);
    else if (arg === '--db') {
      const value = args[++i];
      if (value === undefined || (value.length > 1 && value.startsWith('-'))) return null;
      read.db = value;
    } else {
      const on = !arg.startsWith('--no-');
      const name = arg.startsWith('--') ? arg.slice(on ? 2 : 5) : '';
      if (!SWITCHES.has(name)) return null;
      if (name === 'force') read.force = on;
      if (name === 'json') read.json = on;
    }
  }
  return read.db === '' ? null : read;
}

function print(text: string): void {
  try {
    writeSync(1, text);
  } catch {
    // a closed stdout (the shell went away) is no reason to complain
  }
}

/** What a shell shows at start: a name or title from the journal is shown, never interpreted, by the terminal. */
function render(said: Nudge | null, json: boolean): string {
  if (json)
    return `${escapeJsonControls(JSON.stringify({ kind: said?.kind ?? null, text: said?.text ?? null }, null, 2))}\n`;
  return said ? `${showControls(said.text)}\n` : '';
}

/** Answers the nudge; false, having done nothing, for what the full command line answers instead. */
function main(): boolean {
  const args = readArgs(process.argv.slice(3));
  if (!args) return false;
  let said: Nudge | null = null;
  try {
    const now = readClock(process.env);
    if (now) said = nudge({ journalPath: resolveJournalPath(args.db, process.env), now, force: args.force });
  } catch {
    said = null;
  }
  const text = render(said, args.json);
  if (text) print(text);
  return true;
}

/** Whether this run was the nudge's: entry.js hands the rest (--help, a typo) to the full command line. */
export const handled = main();
