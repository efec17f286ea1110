import type { Command } from 'commander';
import { personStats, type PersonTotals } from '../core/people-stats';
import { parseName } from '../core/vocabulary';
import {
  addAliasTo,
  addPerson,
  listPeople,
  removeAlias,
  mergePeople,
  requirePerson,
  renamePerson,
  setArchived,
} from '../db/people';
import type { Context } from '../context';
import type { Register } from '../program';
import { personJson } from '../render/json';
import { peopleJson, peopleLines, peopleSaid, personLines, personShowJson } from '../render/people';
import { UsageError } from '../errors';
import { channelsInOrder, latestWith, personTotals, summaryPersonStats } from '../db/summaries';

const NO_STATS = personStats([]);

const collect = (value: string, previous: string[] = []) => [...previous, value];

function list(ctx: Context, includeArchived: boolean): void {
  const journal = ctx.openRead();
  const people = journal ? listPeople(journal.db, { includeArchived }) : [];
  const totals = journal ? personTotals(journal.db) : new Map<number, PersonTotals>();
  const rows = people.map((person) => ({
    person,
    stats: journal ? summaryPersonStats(journal.db, person.rowId, totals.get(person.rowId)) : NO_STATS,
  }));
  if (ctx.json) return ctx.printJson(rows.map(({ person, stats }) => peopleJson(person, stats)));
  ctx.print(peopleLines(rows, ctx.now, ctx.color));
}

function show(ctx: Context, typed: string): void {
  const journal = ctx.openRead();
  if (!journal) throw new UsageError(`No one called "${typed}" in the journal yet.`, 'connect log NAME adds them.');
  const person = requirePerson(journal.db, typed);
  const totals = personTotals(journal.db, person.rowId).get(person.rowId);
  const stats = summaryPersonStats(journal.db, person.rowId, totals);
  stats.byChannel = channelsInOrder(journal.db, person.rowId, stats.byChannel);
  const recent = latestWith(journal.db, person.rowId, 5);
  if (ctx.json) return ctx.printJson(personShowJson(person, stats, recent));
  ctx.print(personLines(person, stats, recent, ctx.now, ctx.color));
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
      const person = journal.write(ctx.now, `added ${name}`, () =>
        addPerson(journal.db, ctx.now, name, { aliases, tags }),
      );
      if (ctx.json) return ctx.printJson(personJson(person));
      ctx.print(peopleSaid.added(person, aliases));
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
      ctx.print(peopleSaid.renamed(person.name, newName));
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
      if (ctx.json)
        return ctx.printJson({ from: result.source.name, into: result.target.name, entriesMoved: result.entries });
      ctx.print(peopleSaid.merged(result.source.name, result.target.name, result.entries));
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
      ctx.print(peopleSaid.aliasAdded(newAlias, person.name));
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
      ctx.print(peopleSaid.aliasRemoved(oldAlias, person.name));
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
      ctx.print(restore ? peopleSaid.restored(person.name) : peopleSaid.archived(person.name));
    });
};
