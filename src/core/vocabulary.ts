import { UsageError } from '../errors';
import { SHELLS, type Shell } from '../nudge/shell-snippets';
import { CHANNELS, FELT, INITIATED, type Channel, type Felt, type Initiated } from './types';

const normalise = (value: string) => value.trim().toLowerCase().replace(/[\s_]+/g, '-');

const CHANNEL_ALIASES: Record<string, Channel> = {
  'in-person': 'in-person', inperson: 'in-person', person: 'in-person', irl: 'in-person', 'face-to-face': 'in-person', met: 'in-person',
  video: 'video', 'video-call': 'video', facetime: 'video', zoom: 'video',
  call: 'call', phone: 'call', 'phone-call': 'call', voice: 'call',
  'voice-message': 'voice-message', 'voice-note': 'voice-message', 'voice-memo': 'voice-message', vm: 'voice-message',
  text: 'text', message: 'text', chat: 'text', sms: 'text', texting: 'text',
  online: 'online', community: 'online', forum: 'online', 'group-chat': 'online',
};

const FELT_ALIASES: Record<string, Felt> = {
  safe: 'safe',
  nonjudgmental: 'nonjudgmental', 'non-judgmental': 'nonjudgmental', nonjudgemental: 'nonjudgmental', 'non-judgemental': 'nonjudgmental', accepted: 'nonjudgmental',
  available: 'available', 'emotionally-available': 'available', present: 'available',
};

const INITIATED_ALIASES: Record<string, Initiated> = {
  me: 'me', i: 'me', mine: 'me', self: 'me',
  them: 'them', they: 'them', other: 'them',
  mutual: 'mutual', both: 'mutual', us: 'mutual',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  'in-person': 'in person',
  video: 'video call',
  call: 'call',
  'voice-message': 'voice message',
  text: 'text',
  online: 'online community',
};

export function parseChannel(value: string, flag = '--channel'): Channel {
  const channel = CHANNEL_ALIASES[normalise(value)];
  if (!channel) throw new UsageError(`${flag} takes one of ${CHANNELS.join(', ')}; got "${value}".`);
  return channel;
}

export function parseFelt(value: string, flag = '--felt'): Felt[] {
  const parts = value.split(',').map((part) => part.trim()).filter(Boolean);
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
  if (!/^\d{1,5}$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > 24 * 60) {
    throw new UsageError(`${flag} takes a whole number of minutes from 1 to 1440; got "${value}".`);
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

/** A person's name as typed: trimmed, inner spaces folded; empty or over-long names are refused. */
export function parseName(value: string, what = 'A name'): string {
  const name = String(value).replace(/\s+/g, ' ').trim();
  if (!name) throw new UsageError(`${what} cannot be empty.`);
  if (name.length > 80) throw new UsageError(`${what} can be at most 80 characters; got ${name.length}.`);
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new UsageError(`${what} cannot hold control characters.`);
  return name;
}

export function describeMoodChange(before: number | null, after: number | null): string | null {
  if (before !== null && after !== null) return `mood ${before} → ${after}`;
  if (after !== null) return `mood after ${after}`;
  if (before !== null) return `mood before ${before}`;
  return null;
}

/** `bash`, `zsh` or `fish` as typed after shell-init or completion; anything else is a usage error naming them. */
export function parseShell(typed: string | undefined, command: string): Shell {
  const shell = (typed ?? '').trim().toLowerCase();
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw new UsageError(`${command} takes one of ${SHELLS.join(', ')}; got "${typed ?? ''}".`, `For example: connect ${command} bash >> ~/.bashrc`);
  }
  return shell as Shell;
}
