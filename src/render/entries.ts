import type { ChalkInstance } from 'chalk';
import { formatStamp, onDayAt } from '../core/dates';
import type { Entry, Interaction } from '../core/types';
import { activityPhrase, describeMoodChange } from '../core/vocabulary';
import { CHANNEL_WORDS, FELT_WORDS, joinNames } from '../core/words';

const article = (noun: string) => (/^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`);

export const shortId = (id: string) => id.slice(0, 8);

export { joinNames };

/** "a video call with Sam", "a walk with Sam (in person)", "a small moment". */
export function describeInteraction(entry: Pick<Interaction, 'activity' | 'channel' | 'small' | 'people'>): string {
  const channel = entry.channel ? CHANNEL_WORDS[entry.channel].noun : null;
  let what: string;
  if (entry.activity)
    what = `${activityPhrase(entry.activity)}${channel && entry.channel !== 'in-person' ? ` (${channel})` : ''}`;
  else if (entry.small)
    what = channel && entry.channel !== 'in-person' ? `a small moment (${channel})` : 'a small moment';
  else if (channel) what = entry.channel === 'in-person' ? 'time together in person' : article(channel);
  else what = 'time together';
  return entry.people.length > 0 ? `${what} with ${joinNames(entry.people)}` : what;
}

/** What `log` prints: what was kept (with when, if it was typed), a touchpoint it keeps, who is new or archived. */
export function loggedLines(
  entry: Interaction,
  now: Date,
  c: ChalkInstance,
  extras: { echoWhen: boolean; kept: string | null; created: string[]; archived: string[] },
): string[] {
  const details = interactionDetails(entry).filter((d) => d.startsWith('mood'));
  const when = extras.echoWhen ? ` ${onDayAt(entry.at, now)}` : '';
  const lines = [`Logged ${describeInteraction(entry)}${when}${details.length ? ` — ${details.join(', ')}` : ''}.`];
  if (extras.kept) lines.push(extras.kept);
  const { created, archived } = extras;
  if (created.length > 0)
    lines.push(c.dim(`${joinNames(created)} ${created.length === 1 ? 'is' : 'are'} new to your journal.`));
  for (const name of archived) {
    lines.push(
      c.dim(
        `${name} is archived; the time is kept all the same. connect people archive "${name}" --restore brings them back to your people.`,
      ),
    );
  }
  lines.push(c.dim(`id ${shortId(entry.id)} · connect undo takes it back`));
  return lines;
}

/** A name that is no one's but close to someone's, with no terminal to ask on: who it may be, and --new. */
export function nearMissMessage(typed: string, close: readonly string[]): [string, string] {
  return [
    `"${typed}" is not in your journal; did you mean ${joinNames(close, 'or')}?`,
    `Use that name, or add --new to add "${typed}" as someone new.`,
  ];
}

export function feltWords(felt: string[]): string {
  return felt.map((f) => FELT_WORDS[f as keyof typeof FELT_WORDS] ?? f).join(', ');
}

/** Details after the description: minutes, mood change, felt, quality. */
export function interactionDetails(entry: Interaction): string[] {
  const details: string[] = [];
  if (entry.minutes !== null) details.push(`${entry.minutes} min`);
  const mood = describeMoodChange(entry.moodBefore, entry.moodAfter);
  if (mood) details.push(mood);
  if (entry.felt.length > 0) details.push(`felt ${feltWords(entry.felt)}`);
  if (entry.quality !== null) details.push(`connection ${entry.quality}/5`);
  if (entry.initiated === 'me') details.push('you reached out');
  if (entry.initiated === 'them') details.push('they reached out');
  return details;
}

/** What `connect mood` says once the check-in is kept. */
export function moodNotedLines(
  entry: Extract<Entry, { type: 'mood' }>,
  echoWhen: boolean,
  now: Date,
  c: ChalkInstance,
): string[] {
  const when = echoWhen ? ` ${onDayAt(entry.at, now)}` : '';
  return [`Noted — ${moodDetails(entry)}${when}. Thank you for checking in.`, c.dim(`id ${shortId(entry.id)}`)];
}

export function moodDetails(entry: Extract<Entry, { type: 'mood' }>): string {
  const parts: string[] = [];
  if (entry.mood !== null) parts.push(`mood ${entry.mood}`);
  if (entry.energy !== null) parts.push(`energy ${entry.energy}`);
  return parts.join(' · ');
}

/** One entry as history shows it: when, id, what, details, and the note on its own line. */
export function historyLines(entry: Entry, now: Date, c: ChalkInstance): string[] {
  const when = c.dim(formatStamp(entry.at, now).padEnd(entry.at.getFullYear() === now.getFullYear() ? 16 : 21));
  const id = c.dim(shortId(entry.id));
  let text: string;
  if (entry.type === 'mood') text = `Mood check-in · ${moodDetails(entry)}`;
  else {
    const description = describeInteraction(entry);
    text = [description.charAt(0).toUpperCase() + description.slice(1), ...interactionDetails(entry)].join(' · ');
  }
  const lines = [`${when}  ${id}  ${text}`];
  if (entry.note) lines.push(`${' '.repeat(28)}${c.italic(`“${entry.note.replace(/\s*\n\s*/g, ' ')}”`)}`);
  return lines;
}

/** Under a history cut short: how many are shown, and the flags that show more. Nothing when all are shown. */
export function moreLine(
  shown: number,
  total: number,
  c: ChalkInstance,
  countedUpTo = Number.POSITIVE_INFINITY,
): string[] {
  if (total <= shown) return [];
  const more = total - shown;
  const limit = Math.min(total, Math.max(shown * 2, 50));
  // Counting stops at countedUpTo: past it, "at least" says as much without reading every entry.
  if (total >= countedUpTo) {
    const atLeast = String(countedUpTo - shown).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return ['', c.dim(`${shown} shown, newest first; at least ${atLeast} more with --limit ${limit} or --all.`)];
  }
  return ['', c.dim(`${shown} of ${total} shown, newest first; ${more} more with --limit ${limit} or --all.`)];
}

/** "today", "yesterday", "3 days ago", "5 weeks ago", "about a year ago". */
export function relativeDay(at: Date, now: Date): string {
  const days = Math.max(0, Math.round((startOfDayMs(now) - startOfDayMs(at)) / 86_400_000));
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 14) return `${days} days ago`;
  if (days < 60) return `${Math.round(days / 7)} weeks ago`;
  if (days < 330) return `${Math.round(days / 30.4)} months ago`;
  const years = Math.round(days / 365);
  return years === 1 ? 'about a year ago' : `about ${years} years ago`;
}

function startOfDayMs(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}
