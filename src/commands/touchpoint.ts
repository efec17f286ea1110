import type { Command } from 'commander';
import { parsePeople } from '../core/entry-input';
import { EVERY_EXAMPLES, formatEvery, parseEvery } from '../core/every';
import { canBeKept, dayOf, firstDue, inListOrder, replan, resumeFrom, skipOnce } from '../core/schedule';
import { parseChannel, parseName } from '../core/vocabulary';
import { parseWhen } from '../core/when';
import type { Context } from '../context';
import type { Journal } from '../db/journal';
import { refuseJournalFiles, writePrivateFile } from '../db/files';
import {
  findTouchpoint,
  insertTouchpoint,
  listTouchpoints,
  removeTouchpoint,
  saveSchedule,
  updateTouchpoint,
  type StoredTouchpoint,
} from '../db/touchpoints';
import { resolveOrCreate } from '../db/people';
import { UsageError } from '../errors';
import type { Register } from '../program';
import {
  addedLines,
  calendarSaved,
  editedLines,
  touchpointJson,
  touchpointListLines,
  touchpointSaid,
} from '../render/next';
import { touchpointCalendarText } from '../render/ics';
import { localZoneName } from '../clock';
import { calendarEvents } from '../core/touchpoint-calendar';
import { shellWord } from '../core/next';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface AddOptions {
  every?: string;
  with?: string[];
  channel?: string;
  activity?: string;
  from?: string;
}

/** The flags that say what a touchpoint is, for add and edit alike. */
function shapeFlags(command: Command, editing: boolean): Command {
  const clears = editing ? ' (none clears it)' : '';
  return command
    .option('--every <spec>', `how often: ${EVERY_EXAMPLES.join(', ')}`)
    .option(
      '--with <people>',
      `who it is with (comma-separated or repeated${editing ? '; replaces the list' : ''})`,
      collect,
    )
    .option(
      '--channel <channel>',
      `in-person, video, call, voice-message, text or online; that or a richer one keeps it${clears}`,
    )
    .option('--activity <text>', `a shared activity: walk, book club, exercise class…${clears}`)
    .option('--from <date>', editing ? 'the day its rhythm is laid from' : 'when it starts (default: today)');
}

function addTouchpoint(ctx: Context, rawTitle: string, options: AddOptions): void {
  // Everything typed is checked before the journal is opened: bad input changes nothing.
  const title = parseName(rawTitle, 'A touchpoint title');
  if (options.every === undefined) {
    throw new UsageError(
      `How often? Pass --every, for example: ${EVERY_EXAMPLES.slice(0, 6).join(', ')}.`,
      `connect touchpoint add "${title}" --every "week on sunday"`,
    );
  }
  const every = parseEvery(options.every);
  const names = parsePeople(options.with ?? []);
  const channel = options.channel === undefined ? null : parseChannel(options.channel);
  const activity = options.activity === undefined ? null : parseName(options.activity, '--activity');
  const from = options.from === undefined ? dayOf(ctx.now) : parseFrom(options.from, ctx.now);
  refuseUnkeepable(
    names,
    activity,
    `connect touchpoint add ${shellWord(title)} --every ${shellWord(formatEvery(every))}`,
  );
  const journal = ctx.openWrite();
  const { touchpoint, created } = journal.write(ctx.now, `added the touchpoint ${title}`, () => {
    const { people, created } = resolveOrCreate(journal.db, ctx.now, names);
    const touchpoint = insertTouchpoint(
      journal.db,
      ctx.now,
      { title, every, channel, activity, from, nextDue: firstDue(every, from, ctx.now) },
      people,
    );
    return { touchpoint, created };
  });
  if (ctx.json) return ctx.printJson(touchpointJson(touchpoint, ctx.now));
  ctx.print(addedLines(touchpoint, created, ctx.now, ctx.color));
}

const parseFrom = (text: string, now: Date) =>
  dayOf(parseWhen(text, now, { flag: '--from', reading: 'start', allowFuture: true }));

/** A touchpoint nothing but --touchpoint could ever keep is refused, with what to add. */
function refuseUnkeepable(people: string[], activity: string | null, command: string): void {
  if (canBeKept({ people, activity })) return;
  throw new UsageError(
    'Nothing could keep a touchpoint with no people and no activity: add --with (who it is with) or --activity (what you do together).',
    `For example: ${command} --with Mum`,
  );
}

interface EditOptions extends AddOptions {
  title?: string;
}

/** `touchpoint edit ID`: only the flags given change; "" or none clears --channel or --activity. Re-planned at once, undoable. */
function editTouchpoint(ctx: Context, id: string, options: EditOptions): void {
  // Everything typed is checked before the journal is opened: bad input changes nothing.
  const title = options.title === undefined ? undefined : parseName(options.title, 'A touchpoint title');
  const every = options.every === undefined ? undefined : parseEvery(options.every);
  const names = options.with === undefined ? undefined : parsePeople(options.with);
  const cleared = (value: string) => value.trim() === '' || value.trim().toLowerCase() === 'none';
  const channel =
    options.channel === undefined ? undefined : cleared(options.channel) ? null : parseChannel(options.channel);
  const activity =
    options.activity === undefined
      ? undefined
      : cleared(options.activity)
        ? null
        : parseName(options.activity, '--activity');
  const from = options.from === undefined ? undefined : parseFrom(options.from, ctx.now);
  if ([title, every, names, channel, activity, from].every((v) => v === undefined)) {
    throw new UsageError(
      'Nothing to change: pass --title, --every, --with, --channel, --activity or --from.',
      `For example: connect touchpoint edit ${id} --every "2 weeks"`,
    );
  }
  if (!ctx.openRead())
    throw new UsageError(
      `No touchpoint with id ${id}; there are none yet.`,
      'connect touchpoint add "Sunday call" --every "week on sunday" --with Mum',
    );
  const journal = ctx.openWrite();
  const { touchpoint, created } = journal.write(
    ctx.now,
    (result: { touchpoint: StoredTouchpoint }) => `edited the touchpoint ${result.touchpoint.title}`,
    () => {
      const found = findTouchpoint(journal.db, id);
      const changes = {
        title: title ?? found.title,
        every: every ?? found.every,
        channel: channel === undefined ? found.channel : channel,
        activity: activity === undefined ? found.activity : activity,
        anchor: from ?? found.anchor,
      };
      refuseUnkeepable(names ?? found.people, changes.activity, `connect touchpoint edit ${id}`);
      const resolved = names === undefined ? null : resolveOrCreate(journal.db, ctx.now, names);
      const rescheduled = every !== undefined || from !== undefined;
      const schedule = rescheduled ? replan(found, changes.every, changes.anchor, ctx.now, from !== undefined) : found;
      const touchpoint = updateTouchpoint(journal.db, ctx.now, found, changes, schedule, resolved?.people ?? null);
      return { touchpoint, created: resolved?.created ?? [] };
    },
  );
  if (ctx.json) return ctx.printJson(touchpointJson(touchpoint, ctx.now));
  ctx.print(editedLines(touchpoint, created, ctx.now, ctx.color));
}

function list(ctx: Context): void {
  const journal = ctx.openRead();
  const touchpoints = journal ? listTouchpoints(journal.db) : [];
  const ordered = inListOrder(touchpoints, ctx.now);
  if (ctx.json) return ctx.printJson(ordered.map((t) => touchpointJson(t, ctx.now)));
  ctx.print(touchpointListLines(ordered, ctx.now, ctx.color));
}

/** Every live touchpoint as iCalendar events, to stdout or a private file (never the journal itself). */
function calendar(ctx: Context, options: { out?: string }): void {
  if (ctx.json && !options.out)
    throw new UsageError(
      '--json prints JSON only; the calendar needs --out FILE.',
      'connect touchpoint calendar --out touchpoints.ics --json',
    );
  if (options.out) refuseJournalFiles(options.out, ctx.journalPath, '--out');
  const journal = ctx.openRead();
  const events = calendarEvents(journal ? listTouchpoints(journal.db) : [], ctx.now);
  const text = touchpointCalendarText(events, ctx.now, localZoneName(ctx.env));
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
  say: touchpointSaid.paused,
};

const resume: Change = {
  verb: 'resumed',
  apply: (db, t, now) => (t.paused ? saveSchedule(db, now, t, resumeFrom(t, now)) : t),
  say: touchpointSaid.resumed,
};

const skip: Change = {
  verb: 'skipped',
  apply: (db, t, now) => saveSchedule(db, now, t, skipOnce(t, now)),
  say: touchpointSaid.skipped,
};

const remove: Change = {
  verb: 'removed',
  apply: (db, t, now) => {
    removeTouchpoint(db, now, t);
    return t;
  },
  say: touchpointSaid.removed,
};

/** pause, resume, skip and remove share one shape: find it, change it in one write, say what happened. */
function change(ctx: Context, id: string, how: Change): void {
  const existing = ctx.openRead();
  if (!existing)
    throw new UsageError(
      `No touchpoint with id ${id}; there are none yet.`,
      'connect touchpoint add "Sunday call" --every "week on sunday" --with Mum',
    );
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
  $ connect touchpoint edit 3f2a --every "2 weeks on saturday"
  $ connect touchpoint calendar --out touchpoints.ics   for your calendar app
  $ connect touchpoint skip 3f2a      let this one pass, quietly
  $ connect touchpoint pause 3f2a
  $ connect touchpoint resume 3f2a
  $ connect touchpoint remove 3f2a

--every understands: ${EVERY_EXAMPLES.join(', ')}.`,
    )
    .action(() => list(context()));

  shapeFlags(
    touchpoint
      .command('add')
      .argument('<title>', 'what to call it, e.g. "Sunday call"')
      .description('add a predictable touchpoint; logging time with its people (or its activity) keeps it'),
    false,
  )
    .addHelpText(
      'after',
      `
Examples:
  $ connect touchpoint add "Sunday call" --every "week on sunday" --with Mum --channel call
  $ connect touchpoint add "Coffee walk" --every "2 weeks" --with "Sam, Alex" --activity walk
  $ connect touchpoint add "Book club" --every "month on the first tuesday" --activity "book club" --from 2026-12-01`,
    )
    .action((title: string, options: AddOptions) => addTouchpoint(context(), title, options));

  shapeFlags(
    touchpoint
      .command('edit')
      .argument('<id>', 'the touchpoint id, as touchpoint list shows it (four characters or more)')
      .description('change a touchpoint; only the flags given change, and "" or none clears --channel or --activity')
      .option('--title <title>', 'what to call it'),
    true,
  )
    .addHelpText(
      'after',
      `
Examples:
  $ connect touchpoint edit 3f2a --every "2 weeks on saturday"
  $ connect touchpoint edit 3f2a --with "Priya, Tom" --channel none
  $ connect touchpoint edit 3f2a --title "Book club" --from 2027-01-05`,
    )
    .action((id: string, options: EditOptions) => editTouchpoint(context(), id, options));

  touchpoint
    .command('list')
    .description('your touchpoints and when each comes round')
    .action(() => list(context()));

  touchpoint
    .command('calendar')
    .description('your touchpoints as calendar events (iCalendar): import the file again and they update in place')
    .option('--out <file>', 'write to this file (private to you, 0600) instead of the screen')
    .addHelpText(
      'after',
      '\nExamples:\n  $ connect touchpoint calendar --out ~/touchpoints.ics\n  $ connect touchpoint calendar > touchpoints.ics',
    )
    .action((options: { out?: string }) => calendar(context(), options));

  const changes: [string, string, Change][] = [
    ['pause', 'rest a touchpoint for a while; nothing waits while it is paused', pause],
    ['resume', 'bring a paused touchpoint back: its next day from today on (nothing waits from the rest)', resume],
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
