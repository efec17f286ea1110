import { EMPTY_INTERACTION } from '../../src/core/entry-input';
import type { Interaction, MoodEntry } from '../../src/core/types';

let counter = 0;

/** An interaction for tests: only what the story needs, the rest left empty. */
export function interaction(at: string | Date, people: string[], overrides: Partial<Interaction> = {}): Interaction {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    type: 'interaction',
    at: typeof at === 'string' ? new Date(at) : at,
    ...EMPTY_INTERACTION,
    people,
    ...overrides,
  };
}

export function mood(at: string | Date, value: number | null, energy: number | null = null): MoodEntry {
  counter += 1;
  return {
    id: `00000000-0000-4000-9000-${String(counter).padStart(12, '0')}`,
    type: 'mood',
    at: typeof at === 'string' ? new Date(at) : at,
    mood: value,
    energy,
    note: null,
  };
}

/** Interactions with one person every `gapDays` days, ending `endDaysAgo` days before `now`. */
export function rhythm(
  name: string,
  now: Date,
  count: number,
  gapDays: number,
  endDaysAgo: number,
  overrides: Partial<Interaction> = {},
): Interaction[] {
  const out: Interaction[] = [];
  for (let i = 0; i < count; i++) {
    const daysAgo = endDaysAgo + (count - 1 - i) * gapDays;
    out.push(interaction(new Date(now.getTime() - daysAgo * 86_400_000), [name], overrides));
  }
  return out;
}
