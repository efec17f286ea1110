import { UsageError } from '../errors';
import type { Interaction, InteractionInput, MoodEntry, MoodInput } from './types';
import {
  parseChannel,
  parseFelt,
  parseInitiated,
  parseMinutes,
  parseName,
  parseRating,
  textProblem,
} from './vocabulary';
import { parseWhen } from './when';

/** What `log` and `edit` accept, as typed (strings straight from flags or prompts). */
export interface RawInteraction {
  people?: string[];
  when?: string;
  channel?: string;
  activity?: string;
  small?: boolean;
  minutes?: string;
  before?: string;
  after?: string;
  felt?: string;
  quality?: string;
  initiated?: string;
  note?: string;
  /** false: --no-touchpoint. */
  touchpoint?: string | false;
}

export interface RawMood {
  mood?: string;
  energy?: string;
  note?: string;
  when?: string;
}

/** In `edit`, an empty value or "none" clears an optional field. */
const isClear = (value: string) => value.trim() === '' || value.trim().toLowerCase() === 'none';

function optional<T>(value: string | undefined, current: T | null, parse: (v: string) => T): T | null {
  if (value === undefined) return current;
  return isClear(value) ? null : parse(value);
}

function optionalText(
  value: string | undefined,
  current: string | null,
  flag: string,
  kind: 'line' | 'note',
): string | null {
  if (value === undefined) return current;
  const text = value.trim();
  if (text === '') return null;
  const problem = textProblem(text, kind);
  if (problem) throw new UsageError(`${flag} ${problem}.`);
  return text;
}

/** When adding an entry, an empty value ("") is a mistake, not a way to leave something out (only `edit` clears). */
function refuseEmpty(raw: object): void {
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string' && value.trim() === '') {
      throw new UsageError(
        `--${key} was given an empty value; leave the flag out, or give it one (connect log --help lists them).`,
      );
    }
  }
}

/** Splits "Sam, Alex" as well as separate arguments into names. */
export function parsePeople(values: string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean)
    .map((value) => parseName(value));
}

/** An interaction with nothing set yet: what importers and `log` fill in. */
export const EMPTY_INTERACTION: Omit<InteractionInput, 'at'> = {
  people: [],
  channel: null,
  activity: null,
  small: false,
  minutes: null,
  moodBefore: null,
  moodAfter: null,
  felt: [],
  quality: null,
  initiated: null,
  note: null,
  touchpointId: null,
};

/**
 * Validates everything typed for an interaction, on top of `base` (an existing entry when editing).
 * Throws a usage error naming the expected form for the first thing it cannot read.
 */
export function buildInteraction(
  raw: RawInteraction,
  now: Date,
  base?: Interaction,
  options: { emptyIsError?: boolean } = {},
): InteractionInput {
  if (options.emptyIsError) refuseEmpty(raw);
  const current: InteractionInput = base ? { ...base } : { ...EMPTY_INTERACTION, at: now };
  const input: InteractionInput = {
    at: raw.when === undefined ? current.at : parseWhen(raw.when, now, { flag: '--when' }),
    people: raw.people === undefined ? current.people : parsePeople(raw.people),
    channel: optional(raw.channel, current.channel, (v) => parseChannel(v)),
    activity: optionalText(raw.activity, current.activity, '--activity', 'line'),
    small: raw.small ?? current.small,
    minutes: optional(raw.minutes, current.minutes, (v) => parseMinutes(v)),
    moodBefore: optional(raw.before, current.moodBefore, (v) => parseRating(v, '--before')),
    moodAfter: optional(raw.after, current.moodAfter, (v) => parseRating(v, '--after')),
    felt: raw.felt === undefined ? current.felt : isClear(raw.felt) ? [] : parseFelt(raw.felt),
    quality: optional(raw.quality, current.quality, (v) => parseRating(v, '--quality')),
    initiated: optional(raw.initiated, current.initiated, (v) => parseInitiated(v)),
    note: optionalText(raw.note, current.note, '--note', 'note'),
    touchpointId:
      raw.touchpoint === undefined
        ? current.touchpointId
        : raw.touchpoint === false || isClear(raw.touchpoint)
          ? null
          : raw.touchpoint.trim(),
  };
  if (input.people.length === 0 && !input.small) {
    throw new UsageError(
      'Who was it with? Name them (connect log Sam), or pass --small for a brief moment with no one in particular.',
    );
  }
  return input;
}

export function buildMood(raw: RawMood, now: Date, base?: MoodEntry): MoodInput {
  if (!base) refuseEmpty({ ...raw, mood: undefined });
  const input: MoodInput = {
    at: raw.when === undefined ? (base?.at ?? now) : parseWhen(raw.when, now, { flag: '--when' }),
    mood: optional(raw.mood, base?.mood ?? null, (v) => parseRating(v, 'mood')),
    energy: optional(raw.energy, base?.energy ?? null, (v) => parseRating(v, '--energy')),
    note: optionalText(raw.note, base?.note ?? null, '--note', 'note'),
  };
  if (input.mood === null && input.energy === null) {
    throw new UsageError(
      'A mood check-in needs a mood or an energy from 1 to 5: connect mood 3, or connect mood --energy 2.',
    );
  }
  return input;
}
