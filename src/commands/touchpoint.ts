import type { Command } from 'commander';
import { parsePeople } from '../core/entry-input';
import { describeEvery, EVERY_EXAMPLES, parseEvery } from '../core/every';
import { dayOf, firstDue, resumeFrom, skipOnce, viewDue } from '../core/schedule';
import { parseChannel, parseName } from '../core/vocabulary';
import { parseWhen } from '../core/when';
import type { Context } from '../context';
import type { Journal } from '../db/journal';
import { writePrivateFile, refuseJournalOutput } from '../db/files';
import { findTouchpoint, insertTouchpoint, listTouchpoints, removeTouchpoint, saveSchedule, type StoredTouchpoint } from '../db/touchpoints';
import { resolveOrCreate } from '../db/people';
import { UsageError } from '../errors';
import type { Register } from '../program';
import { joinNames, shortId } from '../render/entries';
import { calendarSaved, dueLine, touchpointJson, touchpointLines, touchpointName } from '../render/next';
import { touchpointCalendarText } from '../render/ics';
import { calendarEvents } from '../core/touchpoint-calendar';
import { dayWords } from '../core/next';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface AddOptions {
  every?: string;
  with?: string[];
  channel?: string;
  activity?: string;
  from?: string;
}

function add(ctx: Context, rawTitle: string, options: AddOptions): void {
  // Everything typed is checked before the journal is opened: bad input changes nothing.
  const title = parseName(rawTitle, 'A touchpoint title');
  if (options.every === undefined) {
    throw new UsageError(`How often? Pass --every, for example: ${EVERY_EXAMPLES.slice(0, 6).join(', ')}.`, `connect touchpoint add "${title}" --every "week on sunday"`);
  }
  const every = parseEvery(options.every);
  const names = parsePeople(options.with ?? []);
  const channel = options.channel === undefined ? null : parseChannel(options.channel);
  const activity = options.activity === undefined ? null : parseName(options.activity, '--activity');
  const from = options.from === undefined ? dayOf(ctx.now) : dayOf(parseWhen(options.from, ctx.now, { flag: '--from', reading: 'start', allowFuture: true }));
  const journal = ctx.openWrite();
  const { touchpoint, created } = journal.write(ctx.now, `added the touchpoint ${title}`, () => {
    const { people, created } = resolveOrCreate(journal.db, ctx.now, names);
    const touchpoint = insertTouchpoint(journal.db, ctx.now, { title, every, channel, activity, from, nextDue: firstDue(every, from, ctx.now) }, people);
    return { touchpoint, created };
  });
  if (ctx.json) return ctx.printJson(touchpointJson(touchpoint, ctx.now));
  const view = viewDue(touchpoint, ctx.now);
  const c = ctx.color;
  const lines = [`Added ${touchpointName(touchpoint)} — ${describeEvery(every)}, the first one ${dayWords(view.due, ctx.now)}.`];
  if (created.length > 0) lines.push(c.dim(`${joinNames(created)} ${created.length === 1 ? 'is' : 'are'} new to your journal.`));
  lines.push(c.dim(`id ${shortId(touchpoint.id)} · logging time with ${touchpoint.people.length ? 'them' : 'it'} keeps it · connect undo takes it back`));
  ctx.print(lines);
}

function list(ctx: Context): void {
  const journal = ctx.openRead();
  const touchpoints = journal ? listTouchpoints(journal.db) : [];
  // Soonest first, as they stand today; paused ones last.
  const ordered = touchpoints
    .map((touchpoint) => ({ touchpoint, view: viewDue(touchpoint, ctx.now) }))
    .sort(
      (a, b) =>
        Number(a.touchpoint.paused) - Number(b.touchpoint.paused) ||
        a.view.due.getTime() - b.view.due.getTime() ||
        (a.touchpoint.title < b.touchpoint.title ? -1 : a.touchpoint.title > b.touchpoint.title ? 1 : 0),
    )
    .map(({ touchpoint }) => touchpoint);
  if (ctx.json) return ctx.printJson(ordered.map((t) => touchpointJson(t, ctx.now)));
  if (ordered.length === 0) {
    return ctx.print([
      'No touchpoints yet — predictable moments of connection take the effort out of making plans.',
      'To add one: connect touchpoint add "Sunday call" --every "week on sunday" --with Mum',
    ]);
  }
  ctx.print(ordered.flatMap((t) => touchpointLines(t, ctx.now, ctx.color)));
}

/** Every live touchpoint as iCalendar events, to stdout or a private file (never the journal itself). */
function calendar(ctx: Context, options: { out?: string }): void {
  if (ctx.json && !options.out) throw new UsageError('--json prints JSON only; the calendar needs --out FILE.', 'connect touchpoint calendar --out touchpoints.ics --json');
  if (options.out) refuseJournalOutput(options.out, ctx.journalPath);
  const journal = ctx.openRead();
  const events = calendarEvents(journal ? listTouchpoints(journal.db) : [], ctx.now);
  const text = touchpointCalendarText(events, ctx.now, Intl.DateTimeFormat().resolvedOptions().timeZone);
  if (!options.out) return ctx.print(text);
  writePrivateFile(options.out, text);
  if (ctx.json) return ctx.printJson({ path: options.out, events: events.length, bytes: Buffer.byteLength(text) });
  ctx.print(calendarSaved(events.length, options.out));
}

interface Change {
  /** For connect undo's list: "paused", "skipped"… */
  verb: string;
  apply: (db: Journal['db'], touchpoint: StoredTouchpoint, now: Date) => StoredTouchpoint;
  say: (touchpoint: StoredTouchpoint, now: Date) => string;
}

const pause: Change = {
  verb: 'paused',
  apply: (db, t, now) => (t.paused ? t : saveSchedule(db, now, t, { ...t, paused: true })),
  say: (t) => `Paused ${touchpointName(t)}. Nothing waits while it rests; connect touchpoint resume ${shortId(t.id)} brings it back.`,
};

const resume: Change = {
  verb: 'resumed',
  apply: (db, t, now) => (t.paused ? saveSchedule(db, now, t, resumeFrom(t, now)) : t),
  say: (t, now) => `${touchpointName(t)} is back — ${dueLine(t, now)}.`,
};

const skip: Change = {
  verb: 'skipped',
  apply: (db, t, now) => saveSchedule(db, now, t, skipOnce(t, now)),
  say: (t, now) => `Letting this one pass. ${touchpointName(t)} is ${dueLine(t, now)}.`,
};

const remove: Change = {
  verb: 'removed',
  apply: (db, t, now) => {
    removeTouchpoint(db, now, t);
    return t;
  },
  say: (t) => `Removed ${touchpointName(t)}. The entries that kept it stay; connect undo brings it back.`,
};

/** pause, resume, skip and remove share one shape: find it, change it in one write, say what happened. */
function change(ctx: Context, id: string, how: Change): void {
  const existing = ctx.openRead();
  if (!existing) throw new UsageError(`No touchpoint with id ${id}; there are none yet.`, 'connect touchpoint add "Sunday call" --every "week on sunday" --with Mum');
  const journal = ctx.openWrite();
  const result = journal.write(
    ctx.now,
    (t: StoredTouchpoint) => `${how.verb} the touchpoint ${t.title}`,
    () => how.apply(journal.db, findTouchpoint(journal.db, id), ctx.now),
  );
  if (ctx.json) return ctx.printJson(touchpointJson(result, ctx.now));
  ctx.print(how.say(result, ctx.now));
}

export const registerTouchpoint: Register = (program, context) => {
  const touchpoint: Command = program
    .command('touchpoint')
    .description('predictable touchpoints: a weekly call, a standing coffee walk, a regular class')
    .addHelpText(
      'after',
      `
Examples:
  $ connect touchpoint add "Sunday call" --every "week on sunday" --with Mum --channel call
  $ connect touchpoint add "Coffee walk" --every "2 weeks" --with Sam --activity walk
  $ connect touchpoint add "Book club" --every "month on the first tuesday" --activity "book club"
  $ connect touchpoint list
  $ connect touchpoint calendar --out touchpoints.ics   for your calendar app
  $ connect touchpoint skip 3f2a      let this one pass, quietly
  $ connect touchpoint pause 3f2a
  $ connect touchpoint resume 3f2a
  $ connect touchpoint remove 3f2a

--every understands: ${EVERY_EXAMPLES.join(', ')}.`,
    )
    .action(() => list(context()));

  touchpoint
    .command('add')
    .argument('<title>', 'what to call it, e.g. "Sunday call"')
    .description('add a predictable touchpoint; logging time with its people keeps it')
    .option('--every <spec>', `how often: ${EVERY_EXAMPLES.join(', ')}`)
    .option('--with <people>', 'who it is with (comma-separated or repeated)', collect)
    .option('--channel <channel>', 'in-person, video, call, voice-message, text or online')
    .option('--activity <text>', 'a shared activity: walk, book club, exercise class…')
    .option('--from <date>', 'when it starts (default: today)')
    .addHelpText(
      'after',
      `
Examples:
  $ connect touchpoint add "Sunday call" --every "week on sunday" --with Mum --channel call
  $ connect touchpoint add "Coffee walk" --every "2 weeks" --with "Sam, Alex" --activity walk
  $ connect touchpoint add "Book club" --every "month on the first tuesday" --activity "book club" --from 2026-12-01`,
    )
    .action((title: string, options: AddOptions) => add(context(), title, options));

  touchpoint.command('list').description('your touchpoints and when each comes round').action(() => list(context()));

  touchpoint
    .command('calendar')
    .description('your touchpoints as calendar events (iCalendar): import the file again and they update in place')
    .option('--out <file>', 'write to this file (private to you, 0600) instead of the screen')
    .addHelpText('after', '\nExamples:\n  $ connect touchpoint calendar --out ~/touchpoints.ics\n  $ connect touchpoint calendar > touchpoints.ics')
    .action((options: { out?: string }) => calendar(context(), options));

  const changes: [string, string, Change][] = [
    ['pause', 'rest a touchpoint for a while; nothing waits while it is paused', pause],
    ['resume', 'bring a paused touchpoint back, due from today on', resume],
    ['skip', 'let this one pass, quietly; the next is due a period later', skip],
    ['remove', 'remove a touchpoint (the entries that kept it stay)', remove],
  ];
  for (const [name, description, how] of changes) {
    touchpoint
      .command(name)
      .argument('<id>', 'the touchpoint id, as touchpoint list shows it (four characters or more)')
      .description(description)
      .action((id: string) => change(context(), id, how));
  }
};
