import type { ChalkInstance } from 'chalk';
import { joinNames } from '../core/words';
import type { ImportTally } from '../db/transfer';

type Kind = 'added' | 'updated' | 'unchanged';

const singular = (section: string) =>
  ({ people: 'person', entries: 'entry', touchpoints: 'touchpoint', checkins: 'check-in', settings: 'setting' })[
    section
  ] ?? section;

const total = (tally: ImportTally, kind: Kind) => Object.values(tally).reduce((sum, t) => sum + t[kind], 0);

/** "2 people and 5 entries" */
export function importPhrase(tally: ImportTally, kind: Kind): string {
  const parts = Object.entries(tally)
    .filter(([, t]) => t[kind] > 0)
    .map(([section, t]) => `${t[kind]} ${t[kind] === 1 ? singular(section) : section}`);
  return joinNames(parts);
}

/** What an import did, in a few lines; `places` is friends.md's ### Locations: list, which has no home of its own here. */
export function importLines(tally: ImportTally, what: string, color: ChalkInstance, places: string[] = []): string[] {
  const changed = total(tally, 'added') + total(tally, 'updated') > 0;
  const lines: string[] = [];
  if (!changed)
    lines.push(
      total(tally, 'unchanged') > 0
        ? `Nothing new in ${what}: everything in it is already in your journal.`
        : `Nothing to bring in from ${what}: it holds no entries yet.`,
    );
  if (total(tally, 'added') > 0) lines.push(`Brought in from ${what}: ${importPhrase(tally, 'added')}.`);
  if (total(tally, 'updated') > 0)
    lines.push(`Updated with newer versions from the file: ${importPhrase(tally, 'updated')}.`);
  if (changed && total(tally, 'unchanged') > 0)
    lines.push(color.dim(`Already here: ${importPhrase(tally, 'unchanged')}.`));
  if (places.length > 0) {
    lines.push(
      color.dim(
        `${places.length} ${places.length === 1 ? 'place' : 'places'} from ### Locations: kept as one note (connect keeps no list of places), as well as in the notes and people’s location: tags that name them.`,
      ),
    );
  }
  if (changed) lines.push(color.dim('connect undo takes the whole import back.'));
  return lines;
}
