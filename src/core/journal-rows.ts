// The rows of a connect export, checked by the same rules as the command line before anything is written:
// one valibot schema per section, built from vocabulary.ts, every.ts, checkin.ts, settings.ts and when.ts.
import * as v from 'valibot';
import { UsageError } from '../errors';
import { checkAnswers, scoreOf } from './checkin';
import { formatEvery, parseEvery } from './every';
import { readInstant } from './export-format';
import { SETTINGS } from './settings';
import { CHANNELS, FELT, INITIATED } from './types';
import { isMinutes, isRating, textProblem } from './vocabulary';
import { EARLIEST } from './when';
import { controlProblem, type TextKind } from './control-chars';

/** Another device's clock may run a little ahead: a day's grace before an imported time counts as the future. */
export const CLOCK_GRACE_MS = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const said = (value: unknown) => JSON.stringify(value) ?? String(value);

/** The message the CLI gives, made into a valibot check. */
const rule = <T>(problem: (value: T) => string | null) =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const message = problem(dataset.value);
    if (message) addIssue({ message });
  });

const id = v.pipe(
  v.string('should be an id (a string)'),
  v.regex(UUID, 'should be an id like 0e3c8605-6a0f-4a43-9a57-2f6f1b8c2d11'),
);
const text = (kind: TextKind) =>
  v.pipe(
    v.string('should be text'),
    rule<string>((value) => textProblem(value, kind)),
  );
const rating = v.pipe(
  v.number('should be a number'),
  v.check<number, string>((n) => isRating(n), 'should be a whole number from 1 to 5'),
);
const picklist = <T extends readonly string[]>(values: T) =>
  v.picklist(values, `should be one of ${values.join(', ')}`);

function instant(now: Date) {
  const latest = now.getTime() + CLOCK_GRACE_MS;
  return v.pipe(
    v.string('should be an ISO 8601 instant like 2026-11-26T11:00:00.000+01:00'),
    rule<string>((value) => {
      const ms = readInstant(value);
      if (ms === null) return `should be an ISO 8601 instant like 2026-11-26T11:00:00.000+01:00; got ${said(value)}`;
      if (ms < EARLIEST) return `is before 1900 (${value}); connect keeps times from 1900 on`;
      if (ms > latest) return `is in the future (${value}); connect keeps what already happened`;
      return null;
    }),
  );
}

/** A local day, YYYY-MM-DD, that exists on the calendar. */
const day = v.pipe(
  v.string('should be a day like 2026-11-29'),
  rule<string>((value) => {
    const match = DAY.exec(value);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    const real = date !== null && date.toISOString().slice(0, 10) === value;
    if (!real || Number(match?.[1]) < 1900 || Number(match?.[1]) > 9999)
      return `should be a day like 2026-11-29; got ${said(value)}`;
    return null;
  }),
);

const every = v.pipe(
  v.string('should be a rhythm like "week on sunday"'),
  rule<string>((value) => {
    try {
      const canonical = formatEvery(parseEvery(value, 'every'));
      return canonical === value ? null : `should be written "${canonical}"`;
    } catch (error) {
      return (error as Error).message;
    }
  }),
);

const felt = v.pipe(
  v.string('should be text'),
  rule<string>((value) => {
    const parts = value.split(',');
    const known = parts.every((part) => (FELT as readonly string[]).includes(part));
    return known && new Set(parts).size === parts.length
      ? null
      : `should be a comma-separated list of ${FELT.join(', ')}; got ${said(value)}`;
  }),
);

const keeping = v.pipe(
  v.string('should be text'),
  rule<string>((value) => {
    try {
      const parsed = JSON.parse(value) as unknown;
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? null : 'should be a JSON object';
    } catch {
      return 'should be a JSON object';
    }
  }),
);

const bool = v.boolean('should be true or false');
const nullable = <T extends v.GenericSchema>(schema: T) => v.nullable(schema);
const list = <T extends v.GenericSchema>(schema: T) => v.array(schema, 'should be a list');

/** One schema per section of an export. Fields other than these are left to the importer, which names them. */
export function journalRowSchemas(now: Date) {
  const at = instant(now);
  const stamps = { createdAt: at, updatedAt: at, deletedAt: v.optional(nullable(at)) };
  const people = v.pipe(
    v.looseObject({
      id,
      name: text('name'),
      archived: v.optional(bool),
      mergedInto: v.optional(nullable(id)),
      ...stamps,
      aliases: v.optional(list(text('name'))),
      tags: v.optional(list(text('name'))),
    }),
    v.rawCheck(({ dataset, addIssue }) => {
      if (dataset.typed && dataset.value.mergedInto === dataset.value.id)
        addIssue({ message: 'is merged into itself', path: undefined });
    }),
  );
  const entries = v.pipe(
    v.looseObject({
      id,
      type: picklist(['interaction', 'mood'] as const),
      at,
      channel: v.optional(nullable(picklist(CHANNELS))),
      activity: v.optional(nullable(text('line'))),
      small: v.optional(bool),
      minutes: v.optional(
        nullable(
          v.pipe(
            v.number('should be a number'),
            v.check<number, string>((n) => isMinutes(n), 'should be a whole number of minutes from 1 to 1440'),
          ),
        ),
      ),
      moodBefore: v.optional(nullable(rating)),
      moodAfter: v.optional(nullable(rating)),
      felt: v.optional(nullable(felt)),
      quality: v.optional(nullable(rating)),
      initiated: v.optional(nullable(picklist(INITIATED))),
      mood: v.optional(nullable(rating)),
      energy: v.optional(nullable(rating)),
      note: v.optional(nullable(text('note'))),
      touchpointId: v.optional(nullable(id)),
      keeping: v.optional(nullable(keeping)),
      ...stamps,
      people: v.optional(list(id)),
    }),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const e = dataset.value;
      if (e.type === 'interaction' && !e.small && (e.people ?? []).length === 0)
        addIssue({ message: 'is an interaction with no one in it that is not a small moment' });
      // A note on its own (friends.md's notes about people) is kept as a check-in with neither mood nor energy.
      if (e.type === 'mood' && (e.mood ?? null) === null && (e.energy ?? null) === null && !e.note) {
        addIssue({ message: 'is a mood check-in with no mood, energy or note' });
      }
    }),
  );
  const touchpoints = v.looseObject({
    id,
    title: text('name'),
    every,
    channel: v.optional(nullable(picklist(CHANNELS))),
    activity: v.optional(nullable(text('name'))),
    anchor: day,
    paused: v.optional(bool),
    lastKept: v.optional(nullable(day)),
    nextDue: day,
    ...stamps,
    people: v.optional(list(id)),
  });
  const checkins = v.pipe(
    v.looseObject({
      id,
      at,
      answers: v.pipe(
        v.string('should be text'),
        v.regex(/^[1-3],[1-3],[1-3]$/, 'should be three answers from 1 to 3, like 2,1,3'),
      ),
      score: v.number('should be a number'),
      ...stamps,
    }),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const score = scoreOf(checkAnswers(dataset.value.answers.split(',').map(Number)));
      if (dataset.value.score !== score)
        addIssue({ message: `has a score of ${said(dataset.value.score)}, but its answers add up to ${score}` });
    }),
  );
  const settings = v.pipe(
    v.looseObject({ key: picklist(SETTINGS.map((s) => s.key)), value: v.string('should be text'), updatedAt: at }),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const definition = SETTINGS.find((s) => s.key === dataset.value.key);
      try {
        if (definition && definition.parse(dataset.value.value) !== dataset.value.value)
          addIssue({
            message: `has the value ${said(dataset.value.value)}, which connect would store as "${definition.parse(dataset.value.value)}"`,
          });
      } catch (error) {
        addIssue({ message: (error as Error).message.replace(/\.$/, '') });
      }
    }),
  );
  return { people, entries, touchpoints, checkins, settings } as const satisfies Record<JournalSection, unknown>;
}

/** The lists of an export whose rows are checked, each by its schema (and in this order, for a whole file). */
export const JOURNAL_SECTIONS = ['people', 'entries', 'touchpoints', 'checkins', 'settings'] as const;
export type JournalSection = (typeof JOURNAL_SECTIONS)[number];

/** "entries[3].nextDue" from a row and valibot's path. */
function where(section: string, index: number, issue: v.BaseIssue<unknown>): string {
  const keys = (issue.path ?? []).map((item) =>
    typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`,
  );
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
    const result = v.safeParse(schemas[section as JournalSection], row, { abortPipeEarly: true });
    if (!result.success) {
      const issue = result.issues[0];
      if (issue.received === 'undefined' && issue.path?.length) {
        const field = String(issue.path[issue.path.length - 1].key);
        throw new UsageError(
          `${what}: ${where(section, index, { ...issue, path: issue.path.slice(0, -1) as typeof issue.path })} needs "${field}".`,
          'Nothing was imported.',
        );
      }
      const message = issue.message.startsWith('Invalid')
        ? `is not what connect expects (${issue.message})`
        : issue.message;
      throw new UsageError(`${what}: ${where(section, index, issue)} ${message}.`, 'Nothing was imported.');
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
/** The typed view of each section of `connect export --format json`: what the export writes and the import checks. */
export type ExportedPerson = Omit<
  v.InferOutput<Schemas['people']>,
  'deletedAt' | 'aliases' | 'tags' | 'archived' | 'mergedInto'
> & {
  archived: boolean;
  mergedInto: string | null;
  deletedAt: string | null;
  aliases: string[];
  tags: string[];
};
export type ExportedTouchpoint = Required<v.InferOutput<Schemas['touchpoints']>>;
export type ExportedEntry = Required<v.InferOutput<Schemas['entries']>>;
export type ExportedCheckin = Required<v.InferOutput<Schemas['checkins']>>;
export type ExportedSetting = v.InferOutput<Schemas['settings']>;
