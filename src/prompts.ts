// The only importer of inquirer. Every question here has a flag, so scripts and tests never need a terminal.
import { checkbox, confirm, input, search, select } from '@inquirer/prompts';
import { showControls } from './core/control-chars';
import type { RawInteraction } from './core/entry-input';
import { parseWhen, WHEN_EXAMPLES } from './core/when';

const SMALL_MOMENT = '\u0000small';

const RATING_CHOICES = [
  { name: 'Skip', value: '' },
  { name: '1 · very low', value: '1' },
  { name: '2 · low', value: '2' },
  { name: '3 · okay', value: '3' },
  { name: '4 · good', value: '4' },
  { name: '5 · very good', value: '5' },
];

const HOW_CHOICES = [
  { name: 'In person', value: 'in-person' },
  { name: 'Video call', value: 'video' },
  { name: 'Phone call', value: 'call' },
  { name: 'Voice message', value: 'voice-message' },
  { name: 'Text', value: 'text' },
  { name: 'Online community', value: 'online' },
];

/** The gentle question sequence of `connect log`; every answer can be left as it is. */
export async function askInteraction(knownPeople: string[], now: Date): Promise<RawInteraction> {
  const who = await search<string>({
    message: 'Who was it with?',
    source: (term) => {
      const typed = (term ?? '').trim();
      const matches = knownPeople
        .filter((name) => name.toLowerCase().includes(typed.toLowerCase()))
        .slice(0, 8)
        // Names from a journal older than the rule on control characters are shown, never interpreted.
        .map((name) => ({ name: showControls(name), value: name }));
      const isKnown = knownPeople.some((name) => name.toLowerCase() === typed.toLowerCase());
      const fresh = typed && !isKnown ? [{ name: showControls(typed), value: typed, description: 'someone new — added to your people' }] : [];
      return [...fresh, ...matches, { name: 'A small moment (a neighbour, a coworker, a barista)', value: SMALL_MOMENT }];
    },
  });
  const small = who === SMALL_MOMENT;
  const channel = await select({ message: 'How did you connect?', choices: HOW_CHOICES, default: 'in-person' });
  const activity = small ? '' : await input({ message: 'Doing something together? (a walk, a class… — Enter to skip)' });
  const when = await input({
    message: 'When?',
    default: 'now',
    validate: (value) => {
      try {
        parseWhen(value, now, { flag: 'When' });
        return true;
      } catch {
        return `Try ${WHEN_EXAMPLES}.`;
      }
    },
  });
  const before = await select({ message: 'Mood before? (1 very low … 5 very good)', choices: RATING_CHOICES, default: '' });
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
    people: small ? [] : [who],
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
  return confirm({ message: `Put ${backup} in place of your journal? (your journal as it is now is saved first)`, default: false });
}

export async function confirmDelete(description: string): Promise<boolean> {
  return confirm({ message: `Delete ${description}? (connect undo brings it back)`, default: false });
}

/** The three loneliness check-in questions, one at a time; answers 1–3 in the order asked. */
export async function askCheckin(items: readonly string[], choices: readonly { value: number; label: string }[]): Promise<number[]> {
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
