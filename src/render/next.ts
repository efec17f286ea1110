import type { ChalkInstance } from 'chalk';
import { describeEvery, formatEvery } from '../core/every';
import { HARD_RIGHT_NOW, lateWords, type NextSuggestions, type Suggestion } from '../core/next';
import { keepingChannels, viewDue, type Touchpoint } from '../core/schedule';
import type { Channel } from '../core/types';
import { CHANNEL_LABELS } from '../core/vocabulary';
import { dayWords, formatDay } from '../core/dates';
import { joinNames, shortId } from './entries';
import { dateJson } from './json';

/** The touchpoint shape of SPEC: where it stands today, absent values null. */
export function touchpointJson(touchpoint: Touchpoint, now: Date): Record<string, unknown> {
  const view = viewDue(touchpoint, now);
  return {
    id: touchpoint.id,
    title: touchpoint.title,
    people: touchpoint.people,
    every: formatEvery(touchpoint.every),
    channel: touchpoint.channel,
    activity: touchpoint.activity,
    paused: touchpoint.paused,
    nextDue: dateJson(view.due),
    lastKept: touchpoint.lastKept ? dateJson(touchpoint.lastKept) : null,
    status: view.status,
    from: dateJson(touchpoint.anchor),
  };
}

/** "Sunday call with Mum" — without repeating a name the title already holds. */
export function touchpointName(touchpoint: Pick<Touchpoint, 'title' | 'people'>): string {
  const missing = touchpoint.people.filter((name) => !touchpoint.title.toLowerCase().includes(name.toLowerCase()));
  return missing.length > 0 ? `${touchpoint.title} with ${joinNames(missing)}` : touchpoint.title;
}

/** Where a touchpoint stands, in a few calm words. */
export function dueLine(touchpoint: Touchpoint, now: Date): string {
  const view = viewDue(touchpoint, now);
  if (view.status === 'paused') return 'paused — resume it whenever you like';
  if (view.late) return lateWords(touchpoint, view, now);
  if (view.status === 'due') return 'today';
  return `coming up ${dayWords(view.due, now)}`;
}

/** `touchpoint list`: each touchpoint, or how to add a first one. */
export function touchpointListLines(touchpoints: readonly Touchpoint[], now: Date, c: ChalkInstance): string[] {
  if (touchpoints.length === 0) {
    return [
      'No touchpoints yet — predictable moments of connection take the effort out of making plans.',
      'To add one: connect touchpoint add "Sunday call" --every "week on sunday" --with Mum',
    ];
  }
  return touchpoints.flatMap((t) => touchpointLines(t, now, c));
}

/** What pause, resume, skip and remove say. */
export const touchpointSaid = {
  paused: (t: Touchpoint) =>
    `Paused ${touchpointName(t)}. Nothing waits while it rests; connect touchpoint resume ${shortId(t.id)} brings it back.`,
  resumed: (t: Touchpoint, now: Date) => `${touchpointName(t)} is back — ${dueLine(t, now)}.`,
  skipped: (t: Touchpoint, now: Date) => `Letting this one pass. ${touchpointName(t)} is ${dueLine(t, now)}.`,
  removed: (t: Touchpoint) =>
    `Removed ${touchpointName(t)}. The entries that kept it stay; connect undo brings it back.`,
};

export function touchpointLines(touchpoint: Touchpoint, now: Date, c: ChalkInstance): string[] {
  const details = [describeEvery(touchpoint.every)];
  if (touchpoint.channel) details.push(touchpoint.channel.replace('-', ' '));
  if (touchpoint.activity) details.push(touchpoint.activity);
  details.push(dueLine(touchpoint, now));
  if (touchpoint.lastKept) details.push(`last kept ${formatDay(touchpoint.lastKept, now)}`);
  return [
    `${c.dim(shortId(touchpoint.id))}  ${c.bold(touchpointName(touchpoint))}`,
    `          ${c.dim(details.join(' · '))}`,
  ];
}

/** What keeps it, in a few words: "a call (or richer) with them", "a walk with them", "any contact with them". */
export function keptByWords(touchpoint: Pick<Touchpoint, 'people' | 'channel' | 'activity'>): string {
  const who = touchpoint.people.length > 0 ? ' with them' : '';
  if (touchpoint.activity) return `${touchpoint.activity}${who}`;
  const channel = touchpoint.channel as Channel | null;
  const label = channel && CHANNEL_LABELS[channel];
  if (label && keepingChannels(channel).length > 1)
    return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label} (or richer)${who}`;
  if (label) return `${label}${who}`;
  return `any contact${who}`;
}

/** What `touchpoint add` says: what it added, when the first one is, what keeps it. */
export function addedLines(touchpoint: Touchpoint, created: string[], now: Date, c: ChalkInstance): string[] {
  const view = viewDue(touchpoint, now);
  const lines = [
    `Added ${touchpointName(touchpoint)} — ${describeEvery(touchpoint.every)}, the first one ${dayWords(view.due, now)}.`,
  ];
  if (created.length > 0)
    lines.push(c.dim(`${joinNames(created)} ${created.length === 1 ? 'is' : 'are'} new to your journal.`));
  lines.push(c.dim(`id ${shortId(touchpoint.id)} · ${keptByWords(touchpoint)} keeps it · connect undo takes it back`));
  return lines;
}

/** What `touchpoint edit` says: the touchpoint as it now stands, and anyone new to the journal. */
export function editedLines(touchpoint: Touchpoint, created: string[], now: Date, c: ChalkInstance): string[] {
  const lines = [
    `Updated ${touchpointName(touchpoint)} — ${describeEvery(touchpoint.every)}, ${dueLine(touchpoint, now)}.`,
  ];
  if (created.length > 0)
    lines.push(c.dim(`${joinNames(created)} ${created.length === 1 ? 'is' : 'are'} new to your journal.`));
  lines.push(c.dim(`id ${shortId(touchpoint.id)} · connect undo takes it back`));
  return lines;
}

/** What `log` adds when an interaction keeps a touchpoint: which one, which day of it, and when the next one is. */
export function keptLine(touchpoint: Touchpoint, occurrence: Date, now: Date): string {
  const view = viewDue(touchpoint, now);
  const bare = (day: Date) => dayWords(day, now).replace(/^on /, '');
  return `That keeps your ${touchpointName(touchpoint)} (${bare(occurrence)}). The next one is ${bare(view.due)}.`;
}

export function suggestionJson(item: Suggestion): Record<string, unknown> {
  return {
    title: item.title,
    people: item.people,
    due: item.due ? dateJson(item.due) : null,
    status: item.status,
    touchpointId: item.touchpointId,
    reason: item.reason,
    kind: item.kind,
    command: item.command,
  };
}

export function nextLines(suggestions: NextSuggestions, now: Date, c: ChalkInstance): string[] {
  const lines: string[] = [];
  if (suggestions.gentle) lines.push(HARD_RIGHT_NOW, '');
  suggestions.items.forEach((item, index) => {
    const when =
      item.status === 'suggested' || !item.due ? '' : c.dim(` · ${dayWords(item.due, now).replace(/^on /, '')}`);
    const title = item.kind === 'touchpoint' ? touchpointName(item) : item.title;
    lines.push(`${index + 1}. ${c.bold(title)}${when}`);
    const reason =
      suggestions.gentle && item.kind === 'small-moment' ? item.reason.replace(`${HARD_RIGHT_NOW} `, '') : item.reason;
    lines.push(`   ${reason}`);
    if (item.command) lines.push(`   ${c.cyan(item.command)}`);
    if (item.touchpointId) lines.push(`   ${c.dim(`id ${shortId(item.touchpointId)}`)}`);
  });
  lines.push('', c.dim('One conversation, one shared moment, one step at a time is enough.'));
  return lines;
}

/** After touchpoint calendar --out. */
export function calendarSaved(events: number, path: string): string {
  return `Saved ${events} ${events === 1 ? 'touchpoint' : 'touchpoints'} to ${path} (readable by you only). Importing it again updates them in place; paused ones are left out.`;
}
