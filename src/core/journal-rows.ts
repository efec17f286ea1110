// The rows of a connect export, checked by the same rules as the command line before anything is written:
// one rule per section (rules.ts), built from vocabulary.ts, every.ts, checkin.ts, settings.ts and when.ts.
import { UsageError } from '../errors';
import { checkAnswers, scoreOf } from './checkin';
import { controlProblem, type TextKind } from './control-chars';
import { formatEvery, parseEvery } from './every';
import { readInstant } from './export-format';
import { boolean, type Issue, list, nullable, number, oneOf, optional, type Rule, row, text } from './rules';
import { SETTINGS } from './settings';
import { CHANNELS, FELT, INITIATED } from './types';
import { isMinutes, isRating, textProblem } from './vocabulary';
import { EARLIEST } from './when';

/** Another device's clock may run a little ahead: a day's grace before an imported time counts as the future. */
export const CLOCK_GRACE_MS = 24 * 60 * 60 * 1000;
/** Hex digits, either case, by character code. */
const HEX = new Uint8Array(128).map((_, code) => (/[0-9a-f]/i.test(String.fromCharCode(code)) ? 1 : 0));

/** Eight, four, four, four and twelve hex digits joined by hyphens (a row has several: checked a character at a time). */
export function isUuid(value: string): boolean {
  if (value.length !== 36) return false;
  for (let at = 0; at < 36; at++) {
    const code = value.charCodeAt(at);
    if (at === 8 || at === 13 || at === 18 || at === 23 ? code !== 45 : code >= 128 || HEX[code] === 0) return false;
  }
  return true;
}
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const said = (value: unknown) => JSON.stringify(value) ?? String(value);

const id = text('should be an id (a string)', (value) =>
  isUuid(value) ? null : 'should be an id like 0e3c8605-6a0f-4a43-9a57-2f6f1b8c2d11',
);
const words = (kind: TextKind) => text('should be text', (value) => textProblem(value, kind));
const rating = number('should be a number', (n) => (isRating(n) ? null : 'should be a whole number from 1 to 5'));
const picklist = <const T extends readonly string[]>(values: T) =>
  oneOf(values, `should be one of ${values.join(', ')}`);

function instant(now: Date) {
  const latest = now.getTime() + CLOCK_GRACE_MS;
  return text('should be an ISO 8601 instant like 2026-11-26T11:00:00.000+01:00', (value) => {
    const ms = readInstant(value);
    if (ms === null) return `should be an ISO 8601 instant like 2026-11-26T11:00:00.000+01:00; got ${said(value)}`;
    if (ms < EARLIEST) return `is before 1900 (${value}); connect keeps times from 1900 on`;
    if (ms > latest) return `is in the future (${value}); connect keeps what already happened`;
    return null;
  });
}

/** A local day, YYYY-MM-DD, that exists on the calendar. */
const day = text('should be a day like 2026-11-29', (value) => {
  const match = DAY.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  const real = date !== null && date.toISOString().slice(0, 10) === value;
  if (!real || Number(match?.[1]) < 1900 || Number(match?.[1]) > 9999)
    return `should be a day like 2026-11-29; got ${said(value)}`;
  return null;
});

const every = text('should be a rhythm like "week on sunday"', (value) => {
  try {
    const canonical = formatEvery(parseEvery(value, 'every'));
    return canonical === value ? null : `should be written "${canonical}"`;
  } catch (error) {
    return (error as Error).message;
  }
});

/** Every felt list there can be: each of FELT at most once, in any order. */
const FELT_LISTS = new Set(
  (function lists(left: readonly string[]): string[] {
    return left.flatMap((first) => {
      const rest = left.filter((other) => other !== first);
      return [first, ...lists(rest).map((more) => `${first},${more}`)];
    });
  })(FELT),
);

const felt = text('should be text', (value) =>
  FELT_LISTS.has(value) ? null : `should be a comma-separated list of ${FELT.join(', ')}; got ${said(value)}`,
);

const keeping = text('should be text', (value) => {
  try {
    const parsed = JSON.parse(value) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? null : 'should be a JSON object';
  } catch {
    return 'should be a JSON object';
  }
});

const bool = boolean('should be true or false');
const maybe = <T>(inner: Rule<T>) => optional(nullable(inner));
const listOf = <T>(item: Rule<T>) => list(item, 'should be a list');
const OBJECT = 'should be an object';

/** One rule per section of an export. Fields other than these are left to the importer, which names them. */
export function journalRowSchemas(now: Date) {
  const at = instant(now);
  const stamps = { createdAt: at, updatedAt: at, deletedAt: maybe(at) };
  const people = row(
    {
      id,
      name: words('name'),
      archived: optional(bool),
      mergedInto: maybe(id),
      ...stamps,
      aliases: optional(listOf(words('name'))),
      tags: optional(listOf(words('name'))),
    },
    OBJECT,
    (person) => (person.mergedInto === person.id ? 'is merged into itself' : null),
  );
  const entries = row(
    {
      id,
      type: picklist(['interaction', 'mood'] as const),
      at,
      channel: maybe(picklist(CHANNELS)),
      activity: maybe(words('line')),
      small: optional(bool),
      minutes: maybe(
        number('should be a number', (n) =>
          isMinutes(n) ? null : 'should be a whole number of minutes from 1 to 1440',
        ),
      ),
      moodBefore: maybe(rating),
      moodAfter: maybe(rating),
      felt: maybe(felt),
      quality: maybe(rating),
      initiated: maybe(picklist(INITIATED)),
      mood: maybe(rating),
      energy: maybe(rating),
      note: maybe(words('note')),
      touchpointId: maybe(id),
      keeping: maybe(keeping),
      ...stamps,
      people: optional(listOf(id)),
    },
    OBJECT,
    (e) => {
      if (e.type === 'interaction' && !e.small && (e.people ?? []).length === 0)
        return 'is an interaction with no one in it that is not a small moment';
      // A note on its own (friends.md's notes about people) is kept as a check-in with neither mood nor energy.
      if (e.type === 'mood' && (e.mood ?? null) === null && (e.energy ?? null) === null && !e.note)
        return 'is a mood check-in with no mood, energy or note';
      return null;
    },
  );
  const touchpoints = row(
    {
      id,
      title: words('name'),
      every,
      channel: maybe(picklist(CHANNELS)),
      activity: maybe(words('name')),
      anchor: day,
      paused: optional(bool),
      lastKept: maybe(day),
      nextDue: day,
      ...stamps,
      people: optional(listOf(id)),
    },
    OBJECT,
  );
  const checkins = row(
    {
      id,
      at,
      answers: text('should be text', (value) =>
        /^[1-3],[1-3],[1-3]$/.test(value) ? null : 'should be three answers from 1 to 3, like 2,1,3',
      ),
      score: number('should be a number'),
      ...stamps,
    },
    OBJECT,
    (checkin) => {
      const score = scoreOf(checkAnswers(checkin.answers.split(',').map(Number)));
      return checkin.score === score
        ? null
        : `has a score of ${said(checkin.score)}, but its answers add up to ${score}`;
    },
  );
  const settings = row(
    { key: picklist(SETTINGS.map((s) => s.key)), value: text('should be text'), updatedAt: at },
    OBJECT,
    (setting) => {
      const definition = SETTINGS.find((s) => s.key === setting.key);
      try {
        if (definition && definition.parse(setting.value) !== setting.value)
          return `has the value ${said(setting.value)}, which connect would store as "${definition.parse(setting.value)}"`;
      } catch (error) {
        return (error as Error).message.replace(/\.$/, '');
      }
      return null;
    },
  );
  return { people, entries, touchpoints, checkins, settings } as const satisfies Record<JournalSection, unknown>;
}

/** The lists of an export whose rows are checked, each by its schema (and in this order, for a whole file). */
export const JOURNAL_SECTIONS = ['people', 'entries', 'touchpoints', 'checkins', 'settings'] as const;
export type JournalSection = (typeof JOURNAL_SECTIONS)[number];

/** "entries[3].nextDue" from a row and the path to the part a problem is about. */
function where(section: string, index: number, path: Issue['path']): string {
  const keys = path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`));
  return `${section}[${index}]${keys.join('')}`;
}

/** Where this key was first seen in the section, if it was before; notes it as seen at `index`. */
export type SeenKeys = (section: string, key: unknown, index: number) => number | undefined;

/**
 * Checks one row of an export's known sections by its schema, and that no id is used twice in a section (as
 * `seen` remembers them). A bad row is refused naming the section, row and field.
 */
export function journalRowChecker(now: Date, what: string, seen: SeenKeys) {
  const schemas = journalRowSchemas(now);
  return (section: string, row: unknown, index: number): void => {
    if (!Object.hasOwn(schemas, section)) return;
    const issue = schemas[section as JournalSection].check(row);
    if (issue) {
      if (issue.missing) {
        const field = String(issue.path[issue.path.length - 1]);
        throw new UsageError(
          `${what}: ${where(section, index, issue.path.slice(0, -1))} needs "${field}".`,
          'Nothing was imported.',
        );
      }
      throw new UsageError(`${what}: ${where(section, index, issue.path)} ${issue.message}.`, 'Nothing was imported.');
    }
    const key = section === 'settings' ? (row as { key: unknown }).key : (row as { id: unknown }).id;
    const first = seen(section, key, index);
    if (first !== undefined)
      throw new UsageError(
        `${what}: ${section}[${index}] has the same ${section === 'settings' ? 'key' : 'id'} as ${section}[${first}] (${said(key)}).`,
        'Nothing was imported.',
      );
  };
}

/**
 * Checks every row of an export's known sections, and that no id is used twice in a section. A bad file is
 * refused whole, naming the section, row and field, before the journal is opened.
 */
export function checkJournalRows(document: Record<string, unknown>, now: Date, what: string): void {
  const firsts = new Map<string, Map<unknown, number>>();
  const check = journalRowChecker(now, what, (section, key, index) => {
    const keys = firsts.get(section) ?? new Map<unknown, number>();
    firsts.set(section, keys);
    const first = keys.get(key);
    if (first === undefined) keys.set(key, index);
    return first;
  });
  for (const section of JOURNAL_SECTIONS) {
    const rows = document[section];
    if (!Array.isArray(rows)) continue;
    rows.forEach((row, index) => {
      check(section, row, index);
    });
  }
}

/** A piece of text from a friends.md or Daylio file, with the line it came from. */
export interface TextFromFile {
  text: string;
  kind: TextKind;
  line: number;
  what: string;
}

/**
 * Control characters are refused in friends.md and Daylio files as everywhere else (their lengths are theirs:
 * a Daylio note may be long). The first offender is named by line; nothing is written.
 */
export function checkTextsFromFile(texts: TextFromFile[], file: string): void {
  for (const { text, kind, line, what } of texts) {
    const problem = controlProblem(text, kind);
    if (problem) throw new UsageError(`${file}, line ${line}: ${what} ${problem}.`, 'Nothing was imported.');
  }
}

type Schemas = ReturnType<typeof journalRowSchemas>;
type RowIn<S extends keyof Schemas> = NonNullable<Schemas[S]['type']>;
/** The typed view of each section of `connect export --format json`: what the export writes and the import checks. */
export type ExportedPerson = Omit<RowIn<'people'>, 'deletedAt' | 'aliases' | 'tags' | 'archived' | 'mergedInto'> & {
  archived: boolean;
  mergedInto: string | null;
  deletedAt: string | null;
  aliases: string[];
  tags: string[];
};
export type ExportedTouchpoint = Required<RowIn<'touchpoints'>>;
export type ExportedEntry = Required<RowIn<'entries'>>;
export type ExportedCheckin = Required<RowIn<'checkins'>>;
export type ExportedSetting = RowIn<'settings'>;
