// The only importer of inquirer. Every question here has a flag, so scripts and tests never need a terminal.
import { checkbox, confirm, input, search, select } from '@inquirer/prompts';
import { showControls } from './core/control-chars';
import type { RawInteraction } from './core/entry-input';
import { CHANNELS } from './core/types';
import { CHANNEL_WORDS } from './core/words';
import { nearMisses, whoChoices, type Nameable } from './core/people-match';
import { isNow, parseWhen, WHEN_EXAMPLES } from './core/when';
import { onDayAt } from './core/dates';

function understoodWhen(value: string, now: Date): string {
  try {
    return onDayAt(parseWhen(value, now, { flag: 'When' }), now);
  } catch {
    return 'not a time connect can read';
  }
}

/** "Did you mean Priya?" for a name that is no one's but close to someone's; the typed name itself means someone new. */
export async function askWhichPerson(typed: string, candidates: readonly string[]): Promise<string> {
  return select({
    message: `"${typed}" is not in your journal yet. Did you mean ${candidates.join(' or ')}?`,
    choices: [
      ...candidates.map((name) => ({ name: `Yes, ${name}`, value: name })),
      { name: `No, add ${typed} as someone new`, value: typed },
    ],
  });
}

const SMALL_MOMENT = '\u0000small';

const RATING_CHOICES = [
  { name: 'Skip', value: '' },
  { name: '1 · very low', value: '1' },
  { name: '2 · low', value: '2' },
  { name: '3 · okay', value: '3' },
  { name: '4 · good', value: '4' },
  { name: '5 · very good', value: '5' },
];

const HOW_CHOICES = CHANNELS.map((channel) => ({ name: CHANNEL_WORDS[channel].choice, value: channel }));

const DONE = '\u0000done';

/** The guided log's answers; `confirmedNew` are the names the person agreed to add as someone new. */
export type GuidedInteraction = RawInteraction & { confirmedNew: string[] };

/** "Who was it with?", then "Anyone else?": people already in the journal first, a new name marked and asked about. */
async function askPeople(
  known: readonly Nameable[],
): Promise<{ people: string[]; confirmedNew: string[]; small: boolean }> {
  const people: string[] = [];
  const confirmedNew: string[] = [];
  for (;;) {
    const first = people.length === 0;
    const who = await search<string>({
      message: first ? 'Who was it with?' : `Anyone else? (${people.join(', ')} so far)`,
      source: (term) => {
        const choices = whoChoices(known, term ?? '')
          .filter((choice) => !people.includes(choice.value))
          // Names from a journal older than the rule on control characters are shown, never interpreted.
          .map((choice) => ({
            name: showControls(choice.name),
            value: `${choice.isNew ? '+' : '='}${choice.value}`,
            description: choice.isNew ? 'someone new — asked before adding' : undefined,
          }));
        if (first)
          return [...choices, { name: 'A small moment (a neighbour, a coworker, a barista)', value: SMALL_MOMENT }];
        // Enter alone means that is everyone; once a name is typed, what matches it comes first.
        const done = { name: 'That is everyone', value: DONE };
        return term?.trim() ? [...choices, done] : [done, ...choices];
      },
    });
    if (who === SMALL_MOMENT) return { people: [], confirmedNew: [], small: true };
    if (who === DONE) return { people, confirmedNew, small: false };
    const name = who.slice(1);
    if (who.startsWith('+')) {
      const close = nearMisses(name, known).map((person) =>
        person.archived ? `${person.name}, archived` : person.name,
      );
      const hint = close.length ? ` (not ${close.join(' or ')})` : '';
      if (
        !(await confirm({ message: `Add ${name} to your people as someone new${hint}?`, default: close.length === 0 }))
      )
        continue;
      confirmedNew.push(name);
    }
    people.push(name);
  }
}

/** The gentle question sequence of `connect log`; every answer can be left as it is. */
export async function askInteraction(known: readonly Nameable[], now: Date): Promise<GuidedInteraction> {
  const { people, confirmedNew, small } = await askPeople(known);
  const channel = await select({ message: 'How did you connect?', choices: HOW_CHOICES, default: 'in-person' });
  const activity = small
    ? ''
    : await input({ message: 'Doing something together? (a walk, a class… — Enter to skip)' });
  const when = await input({
    message: 'When?',
    default: 'now',
    // The answer stays on screen as understood: "yesterday 6pm (on Wed 25 Nov at 18:00)".
    transformer: (value, { isFinal }) =>
      isFinal && !isNow(value) ? `${value} (${understoodWhen(value, now)})` : value,
    validate: (value) => {
      try {
        parseWhen(value, now, { flag: 'When' });
        return true;
      } catch {
        return `Try ${WHEN_EXAMPLES}.`;
      }
    },
  });
  const before = await select({
    message: 'Mood before? (1 very low … 5 very good)',
    choices: RATING_CHOICES,
    default: '',
  });
  const after = await select({ message: 'Mood after?', choices: RATING_CHOICES, default: '' });
  const felt = await checkbox({
    message: 'How did it feel? (space to choose, Enter to go on)',
    choices: [
      { name: 'Safe', value: 'safe' },
      { name: 'Nonjudgmental', value: 'nonjudgmental' },
      { name: 'Emotionally available', value: 'available' },
    ],
  });
  const note = await input({ message: 'A few words to remember it by? (Enter to skip)' });
  return {
    people,
    confirmedNew,
    small,
    channel,
    when,
    activity: activity.trim() || undefined,
    before: before || undefined,
    after: after || undefined,
    felt: felt.length > 0 ? felt.join(',') : undefined,
    note: note.trim() || undefined,
  };
}

export async function confirmRestore(backup: string): Promise<boolean> {
  return confirm({
    message: `Put ${backup} in place of your journal? (your journal as it is now is saved first)`,
    default: false,
  });
}

export async function confirmDelete(description: string): Promise<boolean> {
  return confirm({ message: `Delete ${description}? (connect undo brings it back)`, default: false });
}

/** The three loneliness check-in questions, one at a time; answers 1–3 in the order asked. */
export async function askCheckin(
  items: readonly string[],
  choices: readonly { value: number; label: string }[],
): Promise<number[]> {
  const answers: number[] = [];
  for (const [index, item] of items.entries()) {
    answers.push(
      await select({
        message: `${index + 1}/${items.length} ${item}`,
        choices: choices.map((choice) => ({ name: choice.label, value: choice.value })),
      }),
    );
  }
  return answers;
}
