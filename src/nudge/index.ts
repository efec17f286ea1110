// `connect nudge` at shell start: the whole process for the common case, built as its own small
// bundle (dist/nudge.js) that loads better-sqlite3 and Node's built-ins only. Anything it does not
// understand (--help, a typo) is handed to the full command line.
import { writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readClock } from '../clock';
import { escapeJsonControls, showControls } from '../core/control-chars';
import { resolveJournalPath } from '../db/paths';
import { nudge, type Nudge } from './run';

interface NudgeArgs {
  force: boolean;
  json: boolean;
  db: string | undefined;
}

/** The flags this path knows; null for anything else (--help, a typo), which the full command line answers. */
function readArgs(args: string[]): NudgeArgs | null {
  try {
    const { values } = parseArgs({
      args,
      options: {
        force: { type: 'boolean' },
        json: { type: 'boolean' },
        db: { type: 'string' },
        color: { type: 'boolean' },
        input: { type: 'boolean' },
      },
      allowNegative: true,
      strict: true,
    });
    if (values.db === '') return null;
    return { force: values.force === true, json: values.json === true, db: values.db };
  } catch {
    return null;
  }
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

function main(): void {
  const args = readArgs(process.argv.slice(3));
  if (!args) {
    require('./cli.js');
    return;
  }
  let said: Nudge | null = null;
  try {
    const now = readClock(process.env);
    if (now) said = nudge({ journalPath: resolveJournalPath(args.db, process.env), now, force: args.force });
  } catch {
    said = null;
  }
  const text = render(said, args.json);
  if (text) print(text);
}

main();
