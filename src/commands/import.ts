import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseDaylio, parseMoodMap } from '../core/import-daylio';
import { parseFriendsFile } from '../core/import-friends';
import { checkJournalRows, checkTextsFromFile, journalRowChecker } from '../core/journal-rows';
import { seenIds } from '../core/seen-ids';
import { IMPORT_SOURCES } from '../core/types';
import { UsageError } from '../errors';
import { importDaylio, importFriends } from '../db/import-sources';
import { openExportFile } from '../db/export-file';
import { checkExportHeader, importJournal, importJournalPieces, type ImportTally, sortsMaySpill } from '../db/transfer';
import type { Journal } from '../db/journal';
import type { Register } from '../program';
import { importLines, importPhrase } from '../render/import';

const SOURCES = IMPORT_SOURCES;
type Source = (typeof SOURCES)[number];

interface ImportOptions {
  from: string;
  map: string[];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * A connect export larger than this is read a row at a time rather than parsed whole: in one pass, so its
 * lists must come in the order connect export writes them. Smaller files may come in any order.
 */
const WHOLE_FILE_BYTES = 16 * 1024 * 1024;

/** A file's size, or a usage error that says what was wrong with the path. */
function sizeOf(file: string): number {
  if (!existsSync(file)) throw new UsageError(`There is no file at ${file}.`);
  const stat = statSync(file);
  if (stat.isDirectory()) throw new UsageError(`${file} is a folder; connect import takes a file.`);
  return stat.size;
}

/** A large connect export: its header checked now, its rows checked as they are merged. */
function prepareLarge(file: string, what: string, now: Date): Prepared {
  const exported = openExportFile(file, what);
  checkExportHeader(exported.header, what);
  return {
    apply: (journal, at) =>
      importJournalPieces(journal.db, at, exported, what, journalRowChecker(now, what, seenIds())),
    places: [],
  };
}

/** A guess at what a file really is, only to suggest the right --from. */
function guessSource(text: string): Source | null {
  if (/^\uFEFF?\s*full_date\s*,/i.test(text)) return 'daylio';
  if (/^#{1,6}\s*(activities|friends|notes|locations)\s*:?\s*$/im.test(text)) return 'friends';
  if (/^\s*\{/.test(text) && text.includes('"connect-journal"')) return 'connect';
  return null;
}

function parseSource(value: string): Source {
  const source = SOURCES.find((s) => s === value.trim().toLowerCase());
  if (!source) throw new UsageError(`--from takes one of ${SOURCES.join(', ')}; got "${value}".`);
  return source;
}

/** Reads and checks the whole file before the journal is opened; returns the one write that imports it. */
interface Prepared {
  apply: (journal: Journal, now: Date) => ImportTally;
  /** friends.md's ### Locations:, to say what became of them. */
  places: string[];
}

function prepare(source: Source, text: string, what: string, map: string[], now: Date): Prepared {
  if (source === 'daylio') {
    const moods = parseDaylio(text, parseMoodMap(map), what, now);
    checkTextsFromFile(
      moods.flatMap((m) =>
        m.note === null ? [] : [{ text: m.note, kind: 'note' as const, line: m.line, what: 'a note' }],
      ),
      what,
    );
    return { apply: (journal, at) => importDaylio(journal.db, at, moods), places: [] };
  }
  if (map.length > 0) throw new UsageError('--map is for Daylio mood labels; add --from daylio.');
  if (source === 'friends') {
    const file = parseFriendsFile(text, what, now);
    checkTextsFromFile(
      [
        ...file.people.flatMap((p) =>
          [p.name, ...p.aliases, ...p.tags].map((name) => ({
            text: name,
            kind: 'name' as const,
            line: p.line,
            what: 'a name, nickname or tag',
          })),
        ),
        ...file.events.map((e) => ({ text: e.note, kind: 'note' as const, line: e.line, what: 'the text' })),
      ],
      what,
    );
    return { apply: (journal, at) => importFriends(journal.db, at, file), places: file.locations };
  }
  let parsed: unknown;
  try {
    // A byte-order mark is how some editors start a UTF-8 file; it is not part of the JSON.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    const guess = guessSource(text);
    throw new UsageError(
      `${what} is not a connect export: expected the JSON written by connect export --format json.`,
      guess && guess !== 'connect' ? `It looks like a ${guess} file: add --from ${guess}.` : undefined,
    );
  }
  const document = checkExportHeader(parsed, what);
  checkJournalRows(document, now, what);
  return { apply: (journal, at) => importJournal(journal.db, at, document, what), places: [] };
}

export const registerImport: Register = (program, context) => {
  program
    .command('import')
    .argument('<file>', 'the file to bring in')
    .description('bring in a connect export (merging by id), a friends.md file, or a Daylio CSV export')
    .option('--from <source>', 'connect, friends or daylio', 'connect')
    .option('--map <label=N>', 'a renamed Daylio mood and its number, 1 to 5 (repeatable)', collect, [])
    .addHelpText(
      'after',
      `
Importing the same file twice adds nothing; connect undo takes a whole import back.

Examples:
  $ connect import journal.json                       from connect export (another device, a backup)
  $ connect import ~/friends.md --from friends
  $ connect import daylio_export.csv --from daylio
  $ connect import daylio_export.csv --from daylio --map super=5 --map "so so=3"`,
    )
    .action((file: string, options: ImportOptions) => {
      const ctx = context();
      const source = parseSource(options.from);
      const what = basename(file);
      // A file is read and checked first (a large export: its header), so one that is not what it claims changes
      // nothing; a large export's rows are checked as they are merged, and a bad one takes the whole import back.
      const size = sizeOf(file);
      const large = source === 'connect' && options.map.length === 0 && size > WHOLE_FILE_BYTES;
      const { apply, places } = large
        ? prepareLarge(file, what, ctx.now)
        : prepare(source, readFileSync(file, 'utf8'), what, options.map, ctx.now);
      const journal = ctx.openWrite();
      if (large) sortsMaySpill(journal.db);
      const tally = journal.write(
        ctx.now,
        (result) => `import of ${what} (${importPhrase(result, 'added') || 'nothing new'})`,
        () => apply(journal, ctx.now),
      );
      const counts = (kind: 'added' | 'updated' | 'unchanged') =>
        Object.fromEntries(Object.entries(tally).map(([s, t]) => [s, t[kind]]));
      if (ctx.json)
        return ctx.printJson({
          file,
          from: source,
          added: counts('added'),
          updated: counts('updated'),
          unchanged: counts('unchanged'),
        });
      ctx.print(importLines(tally, what, ctx.color, places));
    });
};
