// How people are shown: the list, one person, and what each change to them says.
import type { ChalkInstance } from 'chalk';
import { signed } from '../core/honest';
import type { PersonStats } from '../core/people-stats';
import type { Entry } from '../core/types';
import { CHANNEL_LABELS } from '../core/vocabulary';
import { FELT_WORDS } from '../core/words';
import type { StoredPerson } from '../db/people';
import { historyLines, relativeDay } from './entries';
import { dateJson, entryJson, personJson } from './json';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** How time with someone tends to feel, said only when enough entries back it (EVIDENCE.md). */
export function feelingPhrase(stats: PersonStats): string {
  const lift = stats.lift;
  if (lift && lift.level !== 'too-few') {
    const basis =
      lift.level === 'early'
        ? `an early pattern, ${lift.n} entries`
        : `${signed(lift.low)} to ${signed(lift.high)}, ${lift.n} entries`;
    return `mood tends to go ${signed(lift.mean)} (${basis})`;
  }
  if (stats.interactions >= 5) {
    const felt = (Object.keys(FELT_WORDS) as (keyof typeof FELT_WORDS)[])
      .filter((f) => stats.felt[f] >= 0.5)
      .map((f) => FELT_WORDS[f]);
    if (felt.length > 0) return `often felt ${felt.join(', ')} (${stats.interactions} entries)`;
  }
  return '';
}

/** "about weekly", "about every 3 weeks", "most days". */
function rhythmPhrase(stats: PersonStats): string {
  if (stats.usualGapDays === null) return '';
  const days = Math.round(stats.usualGapDays);
  if (days <= 1) return 'most days';
  if (days % 7 === 0 && days <= 28) return days === 7 ? 'about weekly' : `about every ${days / 7} weeks`;
  return `about every ${days} days`;
}

export function peopleJson(person: StoredPerson, stats: PersonStats) {
  return {
    ...personJson(person),
    lastContact: stats.lastContact ? dateJson(stats.lastContact) : null,
    interactions: stats.interactions,
    averageLift: stats.lift ? Math.round(stats.lift.mean * 100) / 100 : null,
    liftEntries: stats.lift?.n ?? 0,
    usualGapDays: stats.usualGapDays,
  };
}

export function personShowJson(person: StoredPerson, stats: PersonStats, recent: Entry[]) {
  return { ...peopleJson(person, stats), byChannel: stats.byChannel, recent: recent.map(entryJson) };
}

/** `connect people`: each person with when you were last together, how often, and how it tends to feel. */
export function peopleLines(
  rows: { person: StoredPerson; stats: PersonStats }[],
  now: Date,
  c: ChalkInstance,
): string[] {
  if (rows.length === 0)
    return [
      'No one here yet.',
      'People are added as you log: connect log Sam --channel call — or connect people add Sam.',
    ];
  return rows.map(({ person, stats }) => {
    const name = person.archived ? c.dim(`${person.name} (archived)`) : c.bold(person.name);
    const parts = [
      stats.lastContact ? `last together ${relativeDay(stats.lastContact, now)}` : 'no entries yet',
      stats.interactions ? plural(stats.interactions, 'time', 'times') : '',
      rhythmPhrase(stats),
      feelingPhrase(stats),
    ].filter(Boolean);
    return `${name}${person.aliases.length ? c.dim(` (${person.aliases.join(', ')})`) : ''}\n  ${c.dim(parts.join(' · '))}`;
  });
}

/** `connect people show NAME`. */
export function personLines(
  person: StoredPerson,
  stats: PersonStats,
  recent: Entry[],
  now: Date,
  c: ChalkInstance,
): string[] {
  const lines = [c.bold(person.name)];
  if (person.aliases.length) lines.push(`  also known as ${person.aliases.join(', ')}`);
  if (person.tags.length) lines.push(`  tags: ${person.tags.join(', ')}`);
  if (person.archived) lines.push('  archived — still here, just out of the way');
  if (stats.interactions === 0) return [...lines, '  No entries yet.'];
  lines.push(
    `  ${plural(stats.interactions, 'entry', 'entries')}, the first ${relativeDay(stats.firstContact!, now)}, the latest ${relativeDay(stats.lastContact!, now)}`,
  );
  const rhythm = rhythmPhrase(stats);
  if (rhythm) lines.push(`  you tend to connect ${rhythm}`);
  const channels = Object.entries(stats.byChannel)
    .sort((a, b) => b[1] - a[1])
    .map(([ch, n]) => `${CHANNEL_LABELS[ch as keyof typeof CHANNEL_LABELS] ?? ch} ${n}`);
  if (channels.length) lines.push(`  how: ${channels.join(', ')}`);
  const feeling = feelingPhrase(stats);
  if (feeling) lines.push(`  ${feeling}`);
  lines.push('', c.dim('Recent:'), ...recent.flatMap((e) => historyLines(e, now, c)));
  return lines;
}

/** What each change to people says. */
export const peopleSaid = {
  added: (person: StoredPerson, aliases: string[]) =>
    `Added ${person.name}${aliases.length ? ` (also ${aliases.join(', ')})` : ''}.`,
  renamed: (oldName: string, newName: string) => `${oldName} is now ${newName}; "${oldName}" still finds them.`,
  merged: (from: string, into: string, entries: number) =>
    `Merged ${from} into ${into} (${plural(entries, 'entry', 'entries')} moved).`,
  aliasAdded: (alias: string, name: string) => `"${alias}" now finds ${name}.`,
  aliasRemoved: (alias: string, name: string) => `"${alias}" no longer stands for ${name}.`,
  archived: (name: string) => `Archived ${name}. Their entries stay; connect people --archived shows them.`,
  restored: (name: string) => `${name} is back in your people.`,
};
