import type { Command } from 'commander';
import { personStats, type PersonStats } from '../core/people-stats';
import { signed } from '../core/honest';
import { parseName } from '../core/vocabulary';
import { listEntries, recentContacts } from '../db/entries';
import { addAliasTo, addPerson, listPeople, removeAlias, mergePeople, requirePerson, renamePerson, setArchived, type StoredPerson } from '../db/people';
import type { Context } from '../context';
import type { Register } from '../program';
import { historyLines, relativeDay } from '../render/entries';
import { dateJson, entryJson, personJson } from '../render/json';
import { CHANNEL_LABELS } from '../core/vocabulary';
import { UsageError } from '../errors';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** How time with someone tends to feel, said only when enough entries back it (EVIDENCE.md). */
export function feelingPhrase(stats: PersonStats): string {
  const lift = stats.lift;
  if (lift && lift.level !== 'too-few') {
    const basis = lift.level === 'early' ? `an early pattern, ${lift.n} entries` : `${signed(lift.low)} to ${signed(lift.high)}, ${lift.n} entries`;
    return `mood tends to go ${signed(lift.mean)} (${basis})`;
  }
  if (stats.interactions >= 5) {
    const felt = Object.entries(stats.felt).filter(([, share]) => share >= 0.5).map(([f]) => (f === 'available' ? 'emotionally available' : f));
    if (felt.length > 0) return `often felt ${felt.join(', ')} (${stats.interactions} entries)`;
  }
  return '';
}

function rhythmPhrase(stats: PersonStats): string {
  if (stats.usualGapDays === null) return '';
  const days = Math.round(stats.usualGapDays);
  if (days <= 1) return 'most days';
  if (days % 7 === 0 && days <= 28) return days === 7 ? 'about weekly' : `about every ${days / 7} weeks`;
  return `about every ${days} days`;
}

function peopleJson(person: StoredPerson, stats: PersonStats) {
  return {
    ...personJson(person),
    lastContact: stats.lastContact ? dateJson(stats.lastContact) : null,
    interactions: stats.interactions,
    averageLift: stats.lift ? Math.round(stats.lift.mean * 100) / 100 : null,
    liftEntries: stats.lift?.n ?? 0,
    usualGapDays: stats.usualGapDays,
  };
}

function list(ctx: Context, includeArchived: boolean): void {
  const journal = ctx.openRead();
  const people = journal ? listPeople(journal.db, { includeArchived }) : [];
  // Each person's own contacts through the (person, time) index, only the columns the stats read.
  const rows = people.map((person) => ({ person, stats: personStats(journal ? recentContacts(journal.db, person.rowId) : []) }));
  if (ctx.json) return ctx.printJson(rows.map(({ person, stats }) => peopleJson(person, stats)));
  if (rows.length === 0) {
    return ctx.print(['No one here yet.', 'People are added as you log: connect log Sam --channel call — or connect people add Sam.']);
  }
  const c = ctx.color;
  const lines = rows.map(({ person, stats }) => {
    const name = person.archived ? c.dim(`${person.name} (archived)`) : c.bold(person.name);
    const parts = [
      stats.lastContact ? `last together ${relativeDay(stats.lastContact, ctx.now)}` : 'no entries yet',
      stats.interactions ? `${stats.interactions} ${stats.interactions === 1 ? 'time' : 'times'}` : '',
      rhythmPhrase(stats),
      feelingPhrase(stats),
    ].filter(Boolean);
    return `${name}${person.aliases.length ? c.dim(` (${person.aliases.join(', ')})`) : ''}\n  ${c.dim(parts.join(' · '))}`;
  });
  ctx.print(lines);
}

function show(ctx: Context, typed: string): void {
  const journal = ctx.openRead();
  if (!journal) throw new UsageError(`No one called "${typed}" in the journal yet.`, 'connect log NAME adds them.');
  const person = requirePerson(journal.db, typed);
  const stats = personStats(recentContacts(journal.db, person.rowId));
  const recent = listEntries(journal.db, { personRowId: person.rowId, type: 'interaction', limit: 5 });
  if (ctx.json) return ctx.printJson({ ...peopleJson(person, stats), byChannel: stats.byChannel, recent: recent.map(entryJson) });
  const c = ctx.color;
  const lines = [c.bold(person.name)];
  if (person.aliases.length) lines.push(`  also known as ${person.aliases.join(', ')}`);
  if (person.tags.length) lines.push(`  tags: ${person.tags.join(', ')}`);
  if (person.archived) lines.push('  archived — still here, just out of the way');
  if (stats.interactions === 0) lines.push('  No entries yet.');
  else {
    lines.push(`  ${stats.interactions} ${stats.interactions === 1 ? 'entry' : 'entries'}, the first ${relativeDay(stats.firstContact!, ctx.now)}, the latest ${relativeDay(stats.lastContact!, ctx.now)}`);
    const rhythm = rhythmPhrase(stats);
    if (rhythm) lines.push(`  you tend to connect ${rhythm}`);
    const channels = Object.entries(stats.byChannel).sort((a, b) => b[1] - a[1]).map(([ch, n]) => `${CHANNEL_LABELS[ch as keyof typeof CHANNEL_LABELS] ?? ch} ${n}`);
    if (channels.length) lines.push(`  how: ${channels.join(', ')}`);
    const feeling = feelingPhrase(stats);
    if (feeling) lines.push(`  ${feeling}`);
    lines.push('', c.dim('Recent:'), ...recent.flatMap((e) => historyLines(e, ctx.now, c)));
  }
  ctx.print(lines);
}

export const registerPeople: Register = (program, context) => {
  const people: Command = program
    .command('people')
    .description('everyone in your journal: last contact, how often, and how time with them tends to feel')
    .option('--archived', 'include archived people')
    .addHelpText(
      'after',
      `
Examples:
  $ connect people
  $ connect people add "Sam Lee" --alias Sam --tag climbing
  $ connect people show Sam
  $ connect people rename Sam "Samira Lee"
  $ connect people merge "S. Lee" "Sam Lee"
  $ connect people alias add "Sam Lee" Sammy
  $ connect people alias remove "Sam Lee" "S. Lee"
  $ connect people archive Alex`,
    )
    .action((options: { archived?: boolean }) => list(context(), Boolean(options.archived)));

  people
    .command('add')
    .argument('<name>', 'their name')
    .description('add someone before logging with them')
    .option('--alias <alias>', 'another name they go by (repeatable)', collect)
    .option('--tag <tag>', 'a tag such as family or climbing (repeatable)', collect)
    .action((rawName: string, options: { alias?: string[]; tag?: string[] }) => {
      const ctx = context();
      const name = parseName(rawName);
      const aliases = (options.alias ?? []).map((a) => parseName(a, 'An alias'));
      const tags = (options.tag ?? []).map((t) => parseName(t, 'A tag').toLowerCase());
      const journal = ctx.openWrite();
      const person = journal.write(ctx.now, `added ${name}`, () => addPerson(journal.db, ctx.now, name, { aliases, tags }));
      if (ctx.json) return ctx.printJson(personJson(person));
      ctx.print(`Added ${person.name}${aliases.length ? ` (also ${aliases.join(', ')})` : ''}.`);
    });

  people
    .command('show')
    .argument('<name>', 'a name or alias')
    .description('one person: rhythm, channels, how it tends to feel, recent entries')
    .action((name: string) => show(context(), name));

  people
    .command('rename')
    .argument('<old>', 'the current name or an alias')
    .argument('<new>', 'the new name')
    .description('rename someone; the old name keeps working as an alias')
    .action((oldName: string, rawNew: string) => {
      const ctx = context();
      const newName = parseName(rawNew);
      const journal = ctx.openWrite();
      const person = journal.write(ctx.now, `renamed ${oldName} to ${newName}`, () => {
        const person = requirePerson(journal.db, oldName);
        renamePerson(journal.db, ctx.now, person, newName);
        return person;
      });
      if (ctx.json) return ctx.printJson({ ...personJson(person), name: newName });
      ctx.print(`${person.name} is now ${newName}; "${person.name}" still finds them.`);
    });

  people
    .command('merge')
    .argument('<from>', 'the duplicate')
    .argument('<into>', 'the person to keep')
    .description('bring two entries for the same person together')
    .action((from: string, into: string) => {
      const ctx = context();
      const journal = ctx.openWrite();
      const result = journal.write(ctx.now, `merged ${from} into ${into}`, () => {
        const source = requirePerson(journal.db, from);
        const target = requirePerson(journal.db, into);
        return { source, target, ...mergePeople(journal.db, ctx.now, source, target) };
      });
      if (ctx.json) return ctx.printJson({ from: result.source.name, into: result.target.name, entriesMoved: result.entries });
      ctx.print(`Merged ${result.source.name} into ${result.target.name} (${result.entries} ${result.entries === 1 ? 'entry' : 'entries'} moved).`);
    });

  const alias = people.command('alias').description('add or remove another name someone goes by');
  alias
    .command('add')
    .argument('<name>', 'their name or an alias')
    .argument('<alias>', 'the other name')
    .description('another name they go by; connect finds them by it')
    .action((typed: string, rawAlias: string) => {
      const ctx = context();
      const newAlias = parseName(rawAlias, 'An alias');
      const journal = ctx.openWrite();
      const person = journal.write(ctx.now, `added the alias ${newAlias}`, () => {
        const person = requirePerson(journal.db, typed);
        addAliasTo(journal.db, ctx.now, person, newAlias);
        return { ...person, aliases: [...person.aliases, newAlias] };
      });
      if (ctx.json) return ctx.printJson(personJson(person));
      ctx.print(`"${newAlias}" now finds ${person.name}.`);
    });
  alias
    .command('remove')
    .argument('<name>', 'their name or an alias')
    .argument('<alias>', 'the alias to take away')
    .description('take an alias away (a typo a merge kept, a name no longer used)')
    .action((typed: string, oldAlias: string) => {
      const ctx = context();
      const journal = ctx.openWrite();
      const person = journal.write(ctx.now, `removed the alias ${oldAlias}`, () => {
        const person = requirePerson(journal.db, typed);
        const removed = removeAlias(journal.db, ctx.now, person, oldAlias);
        return { ...person, aliases: person.aliases.filter((a) => a !== removed) };
      });
      if (ctx.json) return ctx.printJson(personJson(person));
      ctx.print(`"${oldAlias}" no longer stands for ${person.name}.`);
    });

  people
    .command('archive')
    .argument('<name>', 'a name or alias')
    .description('move someone out of the way; their entries stay')
    .option('--restore', 'bring them back from the archive')
    .action((name: string, options: { restore?: boolean }) => {
      const ctx = context();
      const journal = ctx.openWrite();
      const restore = Boolean(options.restore);
      const person = journal.write(ctx.now, `${restore ? 'restored' : 'archived'} ${name}`, () => {
        const person = requirePerson(journal.db, name);
        setArchived(journal.db, ctx.now, person, !restore);
        return person;
      });
      if (ctx.json) return ctx.printJson({ ...personJson(person), archived: !restore });
      ctx.print(restore ? `${person.name} is back in your people.` : `Archived ${person.name}. Their entries stay; connect people --archived shows them.`);
    });
};
