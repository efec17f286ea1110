import { UsageError } from '../errors';
import { controlProblem, type TextKind } from './control-chars';
import { CHANNELS, FELT, INITIATED, SHELLS, type Channel, type Felt, type Initiated, type Shell } from './types';
import { CHANNEL_WORDS } from './words';

const normalise = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');

const CHANNEL_ALIASES: Record<string, Channel> = {
  'in-person': 'in-person',
  inperson: 'in-person',
  person: 'in-person',
  irl: 'in-person',
  'face-to-face': 'in-person',
  met: 'in-person',
  video: 'video',
  'video-call': 'video',
  facetime: 'video',
  zoom: 'video',
  call: 'call',
  phone: 'call',
  'phone-call': 'call',
  voice: 'call',
  'voice-message': 'voice-message',
  'voice-note': 'voice-message',
  'voice-memo': 'voice-message',
  vm: 'voice-message',
  text: 'text',
  message: 'text',
  chat: 'text',
  sms: 'text',
  texting: 'text',
  online: 'online',
  community: 'online',
  forum: 'online',
  'group-chat': 'online',
};

const FELT_ALIASES: Record<string, Felt> = {
  safe: 'safe',
  nonjudgmental: 'nonjudgmental',
  'non-judgmental': 'nonjudgmental',
  nonjudgemental: 'nonjudgmental',
  'non-judgemental': 'nonjudgmental',
  accepted: 'nonjudgmental',
  available: 'available',
  'emotionally-available': 'available',
  present: 'available',
};

const INITIATED_ALIASES: Record<string, Initiated> = {
  me: 'me',
  i: 'me',
  mine: 'me',
  self: 'me',
  them: 'them',
  they: 'them',
  other: 'them',
  mutual: 'mutual',
  both: 'mutual',
  us: 'mutual',
};

/** How each channel is listed ("video call 3"); every other way it is said is in core/words. */
export const CHANNEL_LABELS = Object.fromEntries(
  CHANNELS.map((channel) => [channel, CHANNEL_WORDS[channel].label]),
) as Record<Channel, string>;

export function parseChannel(value: string, flag = '--channel'): Channel {
  const channel = CHANNEL_ALIASES[normalise(value)];
  if (!channel) throw new UsageError(`${flag} takes one of ${CHANNELS.join(', ')}; got "${value}".`);
  return channel;
}

export function parseFelt(value: string, flag = '--felt'): Felt[] {
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const felt = new Set<Felt>();
  for (const part of parts) {
    const one = FELT_ALIASES[normalise(part)];
    if (!one) throw new UsageError(`${flag} takes a comma-separated list of ${FELT.join(', ')}; got "${part}".`);
    felt.add(one);
  }
  return FELT.filter((f) => felt.has(f));
}

export function parseInitiated(value: string, flag = '--initiated'): Initiated {
  const initiated = INITIATED_ALIASES[normalise(value)];
  if (!initiated) throw new UsageError(`${flag} takes one of ${INITIATED.join(', ')}; got "${value}".`);
  return initiated;
}

/** Mood, quality and energy: a whole number from 1 (very low) to 5 (very good). */
export function parseRating(value: string, flag: string): number {
  const trimmed = String(value).trim();
  if (!/^[1-5]$/.test(trimmed)) {
    throw new UsageError(`${flag} takes a whole number from 1 (very low) to 5 (very good); got "${value}".`);
  }
  return Number(trimmed);
}

export function parseMinutes(value: string, flag = '--minutes'): number {
  const trimmed = String(value).trim();
  if (!/^\d{1,5}$/.test(trimmed) || !isMinutes(Number(trimmed))) {
    throw new UsageError(`${flag} takes a whole number of minutes from 1 to ${LIMITS.minutes}; got "${value}".`);
  }
  return Number(trimmed);
}

export function parseCount(value: string, flag: string, max = 10_000): number {
  const trimmed = String(value).trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > max) {
    throw new UsageError(`${flag} takes a whole number from 1 to ${max}; got "${value}".`);
  }
  return Number(trimmed);
}

/** The limits every way in holds to: flags, questions and imported files alike. */
export const LIMITS = { name: 80, line: 200, note: 2000, minutes: 24 * 60, rating: [1, 5] } as const;

export const isRating = (n: unknown): n is number =>
  Number.isInteger(n) && (n as number) >= LIMITS.rating[0] && (n as number) <= LIMITS.rating[1];
export const isMinutes = (n: unknown): n is number =>
  Number.isInteger(n) && (n as number) >= 1 && (n as number) <= LIMITS.minutes;

/** Why a stored piece of text of this kind cannot be kept (empty, too long, control characters), or null. */
export function textProblem(text: string, kind: TextKind): string | null {
  const max = LIMITS[kind];
  if (kind !== 'note' && text.trim() === '') return 'cannot be empty';
  if (text.length > max) return `can be at most ${max} characters; got ${text.length}`;
  if (kind === 'name' && text !== text.replace(/[^\S\ufeff]+/g, ' ').trim())
    return 'cannot start or end with spaces, or hold line breaks';
  return controlProblem(text, kind);
}

/** A person's name as typed: trimmed, inner spaces folded; empty, over-long or control characters are refused. */
export function parseName(value: string, what = 'A name'): string {
  const name = String(value)
    .replace(/[^\S\ufeff]+/g, ' ')
    .trim();
  const problem = textProblem(name, 'name');
  if (problem) throw new UsageError(`${what} ${problem}.`);
  return name;
}

export function describeMoodChange(before: number | null, after: number | null): string | null {
  if (before !== null && after !== null) return `mood ${before} → ${after}`;
  if (after !== null) return `mood after ${after}`;
  if (before !== null) return `mood before ${before}`;
  return null;
}

/**
 * Activities that are one of something (a walk, a book club) take "a"; the rest read on their own ("thanksgiving",
 * "volunteering"). Told by the last word typed, from a set: one regular expression of them all cost more to compile,
 * at every run that names an activity, than all its uses.
 */
const COUNTABLE = new Set(
  'walk hike run ride swim class club group session meeting game match meal lunch dinner breakfast brunch coffee drink party visit trip chat talk call picnic concert show film movie workshop course lesson practice rehearsal service gathering meetup date night evening afternoon morning'.split(
    ' ',
  ),
);

/** "a walk", "an exercise class", "thanksgiving", and "a long walk" left as typed. */
export function activityPhrase(activity: string): string {
  const text = activity.trim();
  const lastWord = /\w+$/.exec(text)?.[0].toLowerCase();
  if (/^(?:an?|the|my|our|some) /i.test(text) || lastWord === undefined || !COUNTABLE.has(lastWord)) return text;
  return /^[aeiou]/i.test(text) ? `an ${text}` : `a ${text}`;
}

/** `bash`, `zsh` or `fish` as typed after shell-init or completion; anything else is a usage error naming them. */
export function parseShell(typed: string | undefined, command: string): Shell {
  const shell = (typed ?? '').trim().toLowerCase();
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw new UsageError(
      `${command} takes one of ${SHELLS.join(', ')}; got "${typed ?? ''}".`,
      `For example: connect ${command} bash >> ~/.bashrc`,
    );
  }
  return shell as Shell;
}
