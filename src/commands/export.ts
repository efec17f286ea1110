import { escapeJsonControls } from '../core/control-chars';
import { counting, inChunks, joinedLines, mapped } from '../core/chunks';
import { entriesCsvPieces, journalMarkdownLines, parseExportFormat, type ExportFormat } from '../core/export-format';
import type { Entry } from '../core/types';
import { UsageError } from '../errors';
import { iterateEntries } from '../db/entries';
import { refuseJournalFiles, writePrivateFileInChunks } from '../db/files';
import { listPeople } from '../db/people';
import { listCheckins } from '../db/checkins';
import { listTouchpoints } from '../db/touchpoints';
import { exportEmptyJournalText, exportJournalText } from '../db/transfer';
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

/** The export as chunks of text, read as they are written; `entries` is counted as they go by. */
function render(
  journal: Journal | null,
  format: ExportFormat,
  now: Date,
  counted: { entries: number },
): Iterable<string> {
  const count = () => {
    counted.entries += 1;
  };
  if (format === 'json') {
    const text = journal
      ? exportJournalText(journal.db, (section) => section === 'entries' && count())
      : [exportEmptyJournalText()];
    // Characters a terminal could act on as \u escapes: the same values, safe to print.
    return mapped(inChunks(text), escapeJsonControls);
  }
  const entries = journal ? counting(iterateEntries(journal.db, { ascending: true }), count) : [];
  if (format === 'csv') return inChunks(entriesCsvPieces(mapped(entries, entryJson)));
  const people = journal ? listPeople(journal.db, { includeArchived: true }) : [];
  const touchpoints = journal ? listTouchpoints(journal.db) : [];
  const checkins = journal ? listCheckins(journal.db) : [];
  return inChunks(joinedLines(journalMarkdownLines({ entries, people, describe, touchpoints, checkins, now })));
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
      const journal = ctx.openRead({ whole: true });
      const counted = { entries: 0 };
      const chunks = render(journal, format, ctx.now, counted);
      if (!options.out) return ctx.printChunks(chunks);
      const bytes = writePrivateFileInChunks(options.out, chunks);
      const { entries } = counted;
      if (ctx.json) return ctx.printJson({ path: options.out, format, entries, bytes });
      ctx.print(
        `Saved ${entries} ${entries === 1 ? 'entry' : 'entries'} as ${format} to ${options.out} (readable by you only).`,
      );
    });
};
