import { formatISO } from 'date-fns/formatISO';
import type { Entry, Person } from '../core/types';

/** An instant as ISO 8601 with the local offset, as SPEC asks. */
export const instantJson = (date: Date): string => formatISO(date);
export const dateJson = (date: Date): string => formatISO(date, { representation: 'date' });

export type EntryJson = Record<string, unknown>;

/** The Entry shape of SPEC: every field present, absent values null. */
export function entryJson(entry: Entry): EntryJson {
  if (entry.type === 'mood') {
    return {
      id: entry.id,
      type: 'mood',
      at: instantJson(entry.at),
      mood: entry.mood,
      energy: entry.energy,
      note: entry.note,
    };
  }
  return {
    id: entry.id,
    type: 'interaction',
    at: instantJson(entry.at),
    people: entry.people,
    channel: entry.channel,
    activity: entry.activity,
    small: entry.small,
    minutes: entry.minutes,
    moodBefore: entry.moodBefore,
    moodAfter: entry.moodAfter,
    felt: entry.felt,
    quality: entry.quality,
    initiated: entry.initiated,
    note: entry.note,
    touchpointId: entry.touchpointId,
  };
}

export function personJson(person: Person): Record<string, unknown> {
  return { id: person.id, name: person.name, aliases: person.aliases, tags: person.tags, archived: person.archived };
}
