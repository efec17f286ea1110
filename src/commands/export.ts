import { escapeJsonControls } from '../core/control-chars';
import { entriesCsv, journalMarkdown, parseExportFormat, type ExportFormat } from '../core/export-format';
import type { Entry } from '../core/types';
import { UsageError } from '../errors';
import { listEntries } from '../db/entries';
import { refuseJournalFiles, writePrivateFile } from '../db/files';
import { listPeople } from '../db/people';
import { listCheckins } from '../db/checkins';
import { listTouchpoints } from '../db/touchpoints';
import { exportEmptyJournal, exportJournal } from '../db/transfer';
import type { Journal } from '../db/journal';
import type { Register } from '../program';
import { describeInteraction, interactionDetails, moodDetails } from '../render/entries';
import { entryJson } from '../render/json';

interface ExportOptions {
  format: string;
  out?: string;
}

function describe(entry: Entry): string {
  if (entry.type === 'mood') return ['Mood check-in', moodDetails(entry)].filter(Boolean).join(' · ');
  const text = describeInteraction(entry);
  return [text.charAt(0).toUpperCase() + text.slice(1), ...interactionDetails(entry)].join(' · ');
}

function render(journal: Journal | null, format: ExportFormat, now: Date): { text: string; entries: number } {
  if (format === 'json') {
    const document = journal ? exportJournal(journal.db) : exportEmptyJournal();
    const entries = Array.isArray(document.entries) ? document.entries.length : 0;
    // Characters a terminal could act on as \u escapes: the same values, safe to print.
    return { text: `${escapeJsonControls(JSON.stringify(document, null, 2))}\n`, entries };
  }
  const entries = journal ? listEntries(journal.db, { ascending: true }) : [];
  if (format === 'csv') return { text: entriesCsv(entries.map(entryJson)), entries: entries.length };
  const people = journal ? listPeople(journal.db, { includeArchived: true }) : [];
  const touchpoints = journal ? listTouchpoints(journal.db) : [];
  const checkins = journal ? listCheckins(journal.db) : [];
  return { text: journalMarkdown({ entries, people, describe, touchpoints, checkins, now }), entries: entries.length };
}

export const registerExport: Register = (program, context) => {
  program
    .command('export')
    .description('everything in your journal, as JSON (lossless), CSV (one row per entry) or Markdown (to read)')
    .option('--format <format>', 'json, csv or markdown', 'json')
    .option('--out <file>', 'write to this file (private to you, 0600) instead of the screen')
    .addHelpText(
      'after',
      `
Examples:
  $ connect export --out journal.json              everything, to bring back with connect import
  $ connect export --format csv --out journal.csv  for a spreadsheet
  $ connect export --format markdown | less        to read it through`,
    )
    .action((options: ExportOptions) => {
      const ctx = context();
      const format = parseExportFormat(options.format);
      if (ctx.json && !options.out && format !== 'json') {
        throw new UsageError(
          `--json prints JSON only; a ${format} export needs --out FILE.`,
          `connect export --format ${format} --out journal.${format === 'csv' ? 'csv' : 'md'}`,
        );
      }
      if (options.out) refuseJournalFiles(options.out, ctx.journalPath, '--out');
      const journal = ctx.openRead();
      const { text, entries } = render(journal, format, ctx.now);
      if (!options.out) return ctx.print(text);
      writePrivateFile(options.out, text);
      if (ctx.json) return ctx.printJson({ path: options.out, format, entries, bytes: Buffer.byteLength(text) });
      ctx.print(
        `Saved ${entries} ${entries === 1 ? 'entry' : 'entries'} as ${format} to ${options.out} (readable by you only).`,
      );
    });
};
