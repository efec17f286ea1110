import { dayWords } from './dates';
import { describeEvery, weekdayName } from './every';
import { mean } from './honest';
import { calendarDaysBetween, localDay, weekdayOfLocalDay } from './local-day';
import { personStats, type Contact } from './people-stats';
import { feelOf, lapsedAmong } from './rhythm';
import { dayOf, keepingChannels, viewDue, type DueView, type Touchpoint } from './schedule';
import type { MoodEntry } from './types';

export type SuggestionStatus = 'due' | 'upcoming' | 'suggested';
export type SuggestionKind =
  | 'touchpoint'
  | 'rhythm'
  | 'make-touchpoint'
  | 'voice'
  | 'small-moment'
  | 'first-touchpoint';

export interface Suggestion {
  kind: SuggestionKind;
  title: string;
  people: string[];
  due: Date | null;
  status: SuggestionStatus;
  touchpointId: string | null;
  reason: string;
  /** The exact command that would make it a touchpoint, where that is the suggestion. */
  command: string | null;
}

export interface NextInput {
  now: Date;
  touchpoints: Touchpoint[];
  /** Everyone not archived, with their contacts (any order). */
  people: { name: string; interactions: Contact[] }[];
  /** Recent mood check-ins (any order; older ones are ignored). */
  moods: MoodEntry[];
  count: number;
}

export interface NextSuggestions {
  items: Suggestion[];
  /** Recent mood or energy has been low: fewer, lighter suggestions. */
  gentle: boolean;
}

/** The post's own words, shown when recent mood or energy is low. */
export const HARD_RIGHT_NOW = 'It’s okay if connection feels hard right now.';

/** Upcoming touchpoints within this many days count as "this week". */
const WEEK_AHEAD = 6;
/** Mood or energy readings within this many days tell how things are now. */
const RECENT_DAYS = 7;
const LOW_MEAN = 2.5;
/** How many low readings of the past week it takes: one reading alone never does. */
const LOW_READINGS = 2;
/** "You’ve seen Sam on 5 of the last 6 Saturdays": how many recent weekdays are looked at, and how many make a habit. */
const PATTERN_WEEKS = 6;
const PATTERN_MIN = 4;
/** Mostly text: this share of contacts with a known channel, over at least this many. */
const TEXT_SHARE = 0.6;
const TEXT_MIN = 5;
/** A call or voice message is suggested only if there has been none of those (or time together) lately. */
const RICHER_QUIET_DAYS = 21;
const TEXT_RECENT_DAYS = 30;

const VOICE_WHY =
  'calls tend to build stronger bonds than typed messages and feel less awkward than people expect (Kumar & Epley, 2021)';
const PLANS_WHY = 'deciding when and how tends to make plans easier to keep (Gollwitzer & Sheeran, 2006)';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A suggestion to make a standing plan of a rhythm that is already there, with the command that does it. */
function standingPlan(title: string, person: string, observation: string, every: string): Suggestion {
  return {
    kind: 'make-touchpoint',
    title,
    people: [person],
    due: null,
    status: 'suggested',
    touchpointId: null,
    reason: `${observation} ${PLANS_WHY.charAt(0).toUpperCase()}${PLANS_WHY.slice(1)}.`,
    command: `connect touchpoint add ${shellWord(title)} --every ${shellWord(every)} --with ${shellWord(person)}`,
  };
}

/** A shell argument, quoted only when it needs to be. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `"${text.replace(/(["\\$`])/g, '\\$1')}"`;
}

/**
 * Low when, in the past week, mood or energy has had at least two low readings (2 or less) and the mean of its
 * last three readings is 2.5 or less. One reading never switches it on, however low.
 */
export function isGentleTime(
  moods: MoodEntry[],
  interactions: Pick<Contact, 'at' | 'moodBefore'>[],
  now: Date,
): boolean {
  const since = now.getTime() - RECENT_DAYS * 86_400_000;
  const recent = <T extends { at: Date }>(items: T[]) =>
    items.filter((e) => e.at.getTime() >= since && e.at.getTime() <= now.getTime());
  const newestFirst = (a: { at: Date }, b: { at: Date }) => b.at.getTime() - a.at.getTime();
  const moodReadings = [
    ...recent(moods)
      .filter((m) => m.mood !== null)
      .map((m) => ({ at: m.at, value: m.mood! })),
    ...recent(interactions)
      .filter((e) => e.moodBefore !== null)
      .map((e) => ({ at: e.at, value: e.moodBefore! })),
  ].sort(newestFirst);
  const energy = recent(moods)
    .filter((m) => m.energy !== null)
    .sort(newestFirst)
    .map((m) => m.energy!);
  const low = (values: number[]) =>
    values.filter((v) => v <= LOW_MEAN).length >= LOW_READINGS && mean(values.slice(0, 3))! <= LOW_MEAN;
  return low(moodReadings.map((r) => r.value)) || low(energy);
}

/** "last Sunday", "tomorrow", "Sun 6 Dec": dayWords without its "on". */
const bareDay = (day: Date, today: Date) => dayWords(day, today).replace(/^on /, '');

/**
 * The calm words for a touchpoint whose day has gone by, agreeing with the day `viewDue` shows: an anchored
 * one can still be kept until the day before its next one; a floating one waits, so today works. Never a count.
 */
export function lateWords(touchpoint: Touchpoint, view: DueView, today: Date): string {
  if (view.until === null) return `its day was ${bareDay(touchpoint.nextDue, today)}; today works, or whenever suits`;
  const until = calendarDaysBetween(view.until, today) === 0 ? 'today' : `any time by ${bareDay(view.until, today)}`;
  return `its day was ${bareDay(view.due, today)}; ${until} still keeps it`;
}

/** For a low time: a lighter way to keep it, offering only channels that can keep it. */
function lighterWay(touchpoint: Touchpoint): string {
  if (touchpoint.activity !== null) return ' A short one counts too.';
  const channels = keepingChannels(touchpoint.channel);
  if (channels.includes('voice-message')) return ' A short call or a voice message counts too.';
  if (channels.includes('call')) return ' A short call counts too.';
  if (channels.includes('video')) return ' A short video call counts too.';
  return ' A short one counts too.';
}

/**
 * Touchpoints due (or gone by) and this week's, soonest first. The soonest is always among them, however far
 * off: while a touchpoint is live, `next` has something to say about it.
 */
function touchpointItems(touchpoints: Touchpoint[], now: Date, gentle: boolean): Suggestion[] {
  const today = dayOf(now);
  return touchpoints
    .map((touchpoint) => ({ touchpoint, view: viewDue(touchpoint, today) }))
    .filter(({ view }) => view.status !== 'paused')
    .sort(
      (a, b) =>
        a.view.due.getTime() - b.view.due.getTime() ||
        byText(a.touchpoint.title, b.touchpoint.title) ||
        byText(a.touchpoint.id, b.touchpoint.id),
    )
    .filter(({ view }, index) => index === 0 || calendarDaysBetween(view.due, today) <= WEEK_AHEAD)
    .map(({ touchpoint, view }) => {
      const rhythm = describeEvery(touchpoint.every);
      let reason: string;
      if (view.late) reason = `${capitalise(lateWords(touchpoint, view, today))} (${rhythm}).`;
      else if (view.status === 'due') reason = `Today is the day for this one (${rhythm}).`;
      else reason = `Coming up ${dayWords(view.due, today)} (${rhythm}).`;
      return {
        kind: 'touchpoint' as const,
        title: touchpoint.title,
        people: touchpoint.people,
        due: view.due,
        status: view.status === 'upcoming' ? ('upcoming' as const) : ('due' as const),
        touchpointId: touchpoint.id,
        reason: reason + (gentle ? lighterWay(touchpoint) : ''),
        command: null,
      };
    });
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What they usually do together on those days, as the name of a standing plan: "coffee", "call", "catch-up". */
function planNoun(interactions: Contact[]): string {
  const counts = new Map<string, number>();
  for (const e of interactions) {
    const noun =
      e.activity?.toLowerCase() ?? (e.channel === 'call' ? 'call' : e.channel === 'video' ? 'video call' : 'catch-up');
    counts.set(noun, (counts.get(noun) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || byText(a[0], b[0]))[0]?.[0] ?? 'catch-up';
}

/** One person as the planner sees them, with each contact's local day (see local-day.ts) worked out once. */
interface Known {
  name: string;
  contacts: Contact[];
  /** The local day of each contact, in the same order. */
  days: number[];
  /** The contacts up to now (in the same order), and their days. */
  past: Contact[];
  pastDays: number[];
}

function knownOf(person: NextInput['people'][number], now: Date): Known {
  const contacts = person.interactions;
  const until = now.getTime();
  const days: number[] = [];
  const past: Contact[] = [];
  const pastDays: number[] = [];
  for (const contact of contacts) {
    const day = localDay(contact.at);
    days.push(day);
    if (contact.at.getTime() <= until) {
      past.push(contact);
      pastDays.push(day);
    }
  }
  return { name: person.name, contacts, days, past, pastDays };
}

/** The last PATTERN_WEEKS of each weekday are the days from today back this many. */
const PATTERN_DAYS = 7 * PATTERN_WEEKS;

const bitCount = (bits: number) => {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count += 1;
  return count;
};

/** People seen on the same weekday most weeks lately (each without a touchpoint). */
function weekdayPatterns(people: Known[], today: number): Suggestion[] {
  const found: { suggestion: Suggestion; hits: number }[] = [];
  const lately = (day: number) => today - day >= 0 && today - day < PATTERN_DAYS;
  for (const person of people) {
    // For each weekday, which of its last few were days together: one bit per week back.
    const weeks = [0, 0, 0, 0, 0, 0, 0];
    for (const day of person.days) if (lately(day)) weeks[weekdayOfLocalDay(day)] |= 1 << Math.floor((today - day) / 7);
    let best: { weekday: number; hits: number } | null = null;
    // Monday first, so a tie settles on the earlier day of the week.
    for (const weekday of [1, 2, 3, 4, 5, 6, 0]) {
      const hits = bitCount(weeks[weekday]);
      if (hits >= PATTERN_MIN && (!best || hits > best.hits)) best = { weekday, hits };
    }
    if (!best) continue;
    const { weekday } = best;
    const together = person.contacts.filter(
      (_, i) => lately(person.days[i]) && weekdayOfLocalDay(person.days[i]) === weekday,
    );
    const name = weekdayName(best.weekday);
    const noun = planNoun(together);
    const inPerson = together.every((e) => e.channel === null || e.channel === 'in-person');
    const title = `${name} ${noun} with ${person.name}`;
    found.push({
      hits: best.hits,
      suggestion: standingPlan(
        title,
        person.name,
        `You’ve ${inPerson ? 'seen' : 'connected with'} ${person.name} on ${best.hits} of the last ${PATTERN_WEEKS} ${name}s — a standing ${name} ${noun}?`,
        `week on ${name.toLowerCase()}`,
      ),
    });
  }
  return found
    .sort((a, b) => b.hits - a.hits || byText(a.suggestion.title, b.suggestion.title))
    .map((f) => f.suggestion);
}

/** How many recent contacts a steady rhythm is read from, and how far a gap may stray from the usual one. */
const STEADY_CONTACTS = 6;
const STEADY_SPREAD: [number, number] = [0.6, 1.5];

/** People seen at a steady pace (not tied to a weekday; each without a touchpoint): "every 2 weeks" as a standing plan. */
function steadyRhythms(people: Known[], now: Date): Suggestion[] {
  const found: { gap: number; suggestion: Suggestion }[] = [];
  const today = localDay(now);
  for (const person of people) {
    const recent = [...new Set(person.pastDays)].sort((a, b) => a - b).slice(-STEADY_CONTACTS);
    if (recent.length < STEADY_CONTACTS) continue;
    const gaps = recent.slice(1).map((day, i) => day - recent[i]);
    const usual = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)];
    if (usual < 5 || usual > 35) continue;
    if (gaps.some((gap) => gap < usual * STEADY_SPREAD[0] || gap > usual * STEADY_SPREAD[1])) continue;
    // Still going: the last contact is within the usual gap and a half (a lapsed one is a rhythm suggestion instead).
    if (today - recent[recent.length - 1] > usual * 1.5) continue;
    const weeks = Math.max(1, Math.round(usual / 7));
    const every = weeks >= 4 ? 'month' : weeks === 1 ? 'week' : `${weeks} weeks`;
    const pace = weeks >= 4 ? 'about once a month' : weeks === 1 ? 'about once a week' : `about every ${weeks} weeks`;
    const noun = planNoun(person.contacts.slice(-STEADY_CONTACTS));
    const title = `${noun.charAt(0).toUpperCase()}${noun.slice(1)} with ${person.name}`;
    found.push({
      gap: usual,
      suggestion: standingPlan(
        title,
        person.name,
        `You and ${person.name} tend to connect ${pace} — a standing ${noun}?`,
        every,
      ),
    });
  }
  return found.sort((a, b) => a.gap - b.gap || byText(a.suggestion.title, b.suggestion.title)).map((f) => f.suggestion);
}

/** People reached mostly by text lately, with no call, voice message or time together for a while (each without a touchpoint). */
function voiceSuggestions(people: Known[], now: Date): Suggestion[] {
  const found: { share: number; suggestion: Suggestion }[] = [];
  const today = localDay(now);
  for (const person of people) {
    // Over the contacts so far with a known channel: how many were texts, and was there a richer one lately.
    let known = 0;
    let texts = 0;
    let richerLately = false;
    let talking = false;
    for (let i = 0; i < person.past.length; i++) {
      const channel = person.past[i].channel;
      if (channel === null) continue;
      const daysAgo = today - person.pastDays[i];
      known += 1;
      if (channel === 'text') texts += 1;
      else if (channel !== 'online' && daysAgo <= RICHER_QUIET_DAYS) richerLately = true;
      if (daysAgo <= TEXT_RECENT_DAYS) talking = true;
    }
    if (known < TEXT_MIN) continue;
    const share = texts / known;
    if (share < TEXT_SHARE || richerLately || !talking) continue;
    found.push({
      share,
      suggestion: {
        kind: 'voice',
        title: `A call or a voice message to ${person.name}`,
        people: [person.name],
        due: null,
        status: 'suggested',
        touchpointId: null,
        reason: `Most of your contact with ${person.name} is by text. Now and then, hearing each other helps: ${VOICE_WHY}.`,
        command: null,
      },
    });
  }
  return found
    .sort((a, b) => b.share - a.share || byText(a.suggestion.title, b.suggestion.title))
    .map((f) => f.suggestion);
}

/** Lapsed rhythms of people without a touchpoint, from the days already worked out. */
function rhythmItems(people: Known[], now: Date, gentle: boolean): Suggestion[] {
  const lapsed = lapsedAmong(
    people.map((person) => ({ name: person.name, stats: personStats(person.past, person.pastDays) })),
    now,
  );
  return lapsed.map((rhythm) => ({
    kind: 'rhythm' as const,
    title: `A catch-up with ${rhythm.name}`,
    people: [rhythm.name],
    due: null,
    status: 'suggested' as const,
    touchpointId: null,
    reason: gentle ? `${rhythm.reason} A few words or a voice message is enough.` : rhythm.reason,
    command: null,
  }));
}

/** For a journal with no touchpoints yet: how to make a first one, with someone who tends to feel good to be with. */
function firstTouchpoint(people: Known[]): Suggestion {
  const ranked = people
    .filter((p) => p.contacts.length > 0)
    .map((p) => {
      const stats = personStats(p.contacts, p.days);
      return { name: p.name, feel: feelOf(stats).overall, last: stats.lastContact!.getTime() };
    })
    .sort((a, b) => b.feel - a.feel || b.last - a.last || byText(a.name, b.name));
  const who = ranked[0]?.name ?? null;
  const title = who ? `Sunday call with ${who}` : 'Sunday call';
  const command = `connect touchpoint add ${shellWord(title)} --every ${shellWord('week on sunday')} --with ${shellWord(who ?? 'Mum')}`;
  return {
    kind: 'first-touchpoint',
    title: 'A first touchpoint',
    people: who ? [who] : [],
    due: null,
    status: 'suggested',
    touchpointId: null,
    reason: `Consistency builds connection: a weekly call, a standing coffee walk or a regular class takes the effort out of making plans${who ? ` — perhaps with ${who}` : ''}.`,
    command,
  };
}

const SMALL_MOMENT: Suggestion = {
  kind: 'small-moment',
  title: 'A small moment',
  people: [],
  due: null,
  status: 'suggested',
  touchpointId: null,
  reason: `${HARD_RIGHT_NOW} A hello to a neighbour or a few words with a barista is plenty; brief, friendly moments tend to lift how a day feels (Sandstrom & Dunn, 2014).`,
  command: null,
};

/**
 * In a low time, half the places (at least one), the last a small moment; the soonest touchpoint (first
 * when there is one) keeps its place even when that leaves no room for the small moment.
 */
function gentlePlaces(ranked: Suggestion[], count: number): number {
  return Math.max(Math.max(1, Math.ceil(count / 2)) - 1, ranked[0]?.kind === 'touchpoint' ? 1 : 0);
}

function gentleItems(ranked: Suggestion[], count: number): Suggestion[] {
  const items = ranked.slice(0, gentlePlaces(ranked, count));
  return items.length < count ? [...items, SMALL_MOMENT] : items;
}

/** When nothing else applies: a small moment, without the low-time words. */
const QUIET_SMALL_MOMENT: Suggestion = {
  ...SMALL_MOMENT,
  reason: SMALL_MOMENT.reason.replace(`${HARD_RIGHT_NOW} `, ''),
};

/** Takes one from each list in turn, so no one kind of suggestion crowds out the rest. */
function interleave(lists: Suggestion[][]): Suggestion[] {
  const out: Suggestion[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (list[i]) out.push(list[i]);
  return out;
}

/** Where the past week starts: only its mood readings and contacts say how things are now. */
export const lastWeekSince = (now: Date): Date => new Date(now.getTime() - RECENT_DAYS * 86_400_000);

/** What the list starts from before anyone's history: touchpoints, and everyone's contacts of the past week. */
export type NextStart = Omit<NextInput, 'people'> & { lastWeek: Pick<Contact, 'at' | 'moodBefore'>[] };

/** How things are now, the touchpoints' lines, and the whole list when those lines alone fill it. */
function startList(start: NextStart): { gentle: boolean; fromTouchpoints: Suggestion[]; list: NextSuggestions | null } {
  const gentle = isGentleTime(start.moods, start.lastWeek, start.now);
  const fromTouchpoints = touchpointItems(
    start.touchpoints.filter((t) => !t.paused),
    start.now,
    gentle,
  );
  // Touchpoints come first and are never left out for someone else's line: if they fill the places, nothing else shows.
  const places = gentle ? gentlePlaces(fromTouchpoints, start.count) : start.count;
  if (fromTouchpoints.length < places || (!gentle && start.touchpoints.length === 0))
    return { gentle, fromTouchpoints, list: null };
  return {
    gentle,
    fromTouchpoints,
    list: { items: gentle ? gentleItems(fromTouchpoints, start.count) : fromTouchpoints.slice(0, places), gentle },
  };
}

/** suggestNext in two steps, so that a journal reads only the histories the answer needs. */
export interface NextPlan {
  /** The whole answer when the touchpoints alone fill it: then no one's history is needed. */
  list: NextSuggestions | null;
  /** The answer, from the people `weighed` keeps (with their contacts, in any order). */
  finish: (open: NextInput['people']) => NextSuggestions;
}

/** Whose contacts the list weighs: everyone without a touchpoint, as someone with one has it speak for them. */
export function weighed(touchpoints: Touchpoint[]): (name: string) => boolean {
  const covered = new Set(touchpoints.flatMap((t) => t.people.map((name) => name.toLowerCase())));
  return (name) => !covered.has(name.toLowerCase());
}

/**
 * Whether the touchpoints surely leave places on the list, so that people's histories will be weighed (unless a low
 * time makes it shorter): fewer live touchpoints than places, or none at all.
 */
export const touchpointsLeaveRoom = (touchpoints: Touchpoint[], count: number): boolean =>
  touchpoints.length === 0 || touchpoints.filter((t) => !t.paused).length < count;

export function planNext(start: NextStart): NextPlan {
  const { gentle, fromTouchpoints, list } = startList(start);
  return { list, finish: (open) => list ?? rankPeople(start, open, gentle, fromTouchpoints) };
}

/**
 * What to do next, ranked: touchpoints due (or gone by) and then this week's; then lapsed rhythms with
 * people who tend to feel good to be with, habits worth making a touchpoint, and a call now and then
 * where contact is mostly text. When mood or energy has been low: fewer, lighter suggestions.
 * Same journal and clock, same answer.
 */
export function suggestNext(input: NextInput): NextSuggestions {
  const since = lastWeekSince(input.now).getTime();
  const lastWeek = input.people.flatMap((p) => p.interactions.filter((e) => e.at.getTime() >= since));
  const wanted = weighed(input.touchpoints);
  return planNext({ ...input, lastWeek }).finish(input.people.filter((p) => wanted(p.name)));
}

/** The list once the touchpoints leave room: `open` is everyone without a touchpoint (everyone, when there are none). */
function rankPeople(
  start: NextStart,
  open: NextInput['people'],
  gentle: boolean,
  fromTouchpoints: Suggestion[],
): NextSuggestions {
  const { now, touchpoints, count } = start;
  const known = open.map((person) => knownOf(person, now));

  const rhythms = rhythmItems(known, now, gentle);
  // Someone with a touchpoint has it speak for them: a call-or-voice-message line could offer a channel that cannot keep it.
  const voice = voiceSuggestions(known, now);
  const weekly = gentle ? [] : weekdayPatterns(known, localDay(now));
  const withWeekday = new Set(weekly.flatMap((item) => item.people));
  const habits = gentle
    ? []
    : [
        ...weekly,
        ...steadyRhythms(
          known.filter((p) => !withWeekday.has(p.name)),
          now,
        ),
      ];

  const seen = new Set<string>();
  const ranked: Suggestion[] = [];
  for (const item of [...fromTouchpoints, ...interleave([rhythms, habits, voice])]) {
    // One line per person: the first (highest-ranked) reason for them is the one shown.
    const key =
      item.kind === 'touchpoint' ? `t:${item.touchpointId}` : item.people.map((n) => n.toLowerCase()).join(',');
    if (item.kind !== 'touchpoint' && seen.has(key)) continue;
    seen.add(key);
    for (const name of item.people) seen.add(name.toLowerCase());
    ranked.push(item);
  }

  if (gentle) {
    return { items: gentleItems(ranked, count), gentle };
  }
  const items = ranked.slice(0, count);
  // With no touchpoints yet, the last place always shows how to make a first one.
  if (touchpoints.length === 0 && !items.some((item) => item.kind === 'make-touchpoint')) {
    items.splice(Math.min(items.length, count - 1), 1, firstTouchpoint(known));
  }
  // Never an empty answer: with every touchpoint resting and nothing else to say, a small moment.
  return { items: items.length > 0 ? items : [QUIET_SMALL_MOMENT], gentle };
}
