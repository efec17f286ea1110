// Who a typed name may mean when it is not exactly anyone's name or alias: a typo (Priyaa for Priya), a
// surname (Becker for Tom Becker), the start of a name (pri), or someone archived. Such a name is never
// added as someone new without asking.
import { distance } from 'fastest-levenshtein';

export interface Nameable {
  name: string;
  aliases: string[];
  archived: boolean;
}

/** Edits allowed between two names: one up to five letters, two beyond (so Sam and Pat, Ben and Ann stay apart). */
export const allowedEdits = (length: number): number => (length <= 5 ? 1 : 2);

const fold = (text: string) => text.trim().toLocaleLowerCase();
const digits = (text: string) => text.replace(/\D+/g, ' ').trim();

/** Whether `typed` is close to `known`: within the edits their length allows, case-insensitive. */
export function isNearMiss(typed: string, known: string): boolean {
  const a = fold(typed);
  const b = fold(known);
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  // One or two letters are too few to call anything a typo of them.
  if (shorter < 3) return false;
  // Numbers tell people apart on purpose (Friend 1, Friend 2): a different number is a different person.
  if (digits(a) !== digits(b)) return false;
  return distance(a, b) <= allowedEdits(shorter);
}

/** Everyone `typed` may mean, best first: typos of a full name or alias, a name's word (a surname), the start of a name. */
export function nearMisses<P extends Nameable>(typed: string, people: readonly P[]): P[] {
  const text = fold(typed);
  if (text === '') return [];
  const scored: { person: P; score: number }[] = [];
  for (const person of people) {
    const names = [person.name, ...person.aliases];
    const words = names.flatMap((name) => name.split(/\s+/)).filter((word) => word.length > 0);
    let score = Infinity;
    for (const name of names) if (isNearMiss(text, name)) score = Math.min(score, distance(text, fold(name)));
    // One word typed may be a surname or a first name, exactly or with a typo.
    if (!/\s/.test(text))
      for (const word of words) if (isNearMiss(text, word)) score = Math.min(score, 1 + distance(text, fold(word)));
    // The start of a name or of one of its words: "pri" for Priya, "beck" for Tom Becker.
    if (text.length >= 2 && [...names, ...words].some((name) => fold(name).startsWith(text)))
      score = Math.min(score, 3);
    if (score < Infinity) scored.push({ person, score });
  }
  return scored.sort((a, b) => a.score - b.score || a.person.name.localeCompare(b.person.name)).map((s) => s.person);
}

export interface WhoChoice {
  name: string;
  value: string;
  /** A name the journal does not know yet: adding it is asked first. */
  isNew: boolean;
}

/**
 * The choices of the guided log's "Who was it with?" as `typed` grows: people already in the journal first
 * (names holding the text, then close ones), then the typed text marked as someone new.
 */
export function whoChoices(known: readonly Nameable[], typed: string, limit = 8): WhoChoice[] {
  const text = fold(typed);
  const live = known.filter((person) => !person.archived);
  const holding = live.filter((person) => [person.name, ...person.aliases].some((name) => fold(name).includes(text)));
  const close = text ? nearMisses(text, live).filter((person) => !holding.includes(person)) : [];
  const existing = [...holding, ...close]
    .slice(0, limit)
    .map((person) => ({ name: person.name, value: person.name, isNew: false }));
  const isKnown = known.some((person) => [person.name, ...person.aliases].some((name) => fold(name) === text));
  const fresh = text && !isKnown ? [{ name: `${typed.trim()} (new)`, value: typed.trim(), isNew: true }] : [];
  return [...existing, ...fresh];
}
