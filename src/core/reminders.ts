/** The post's "Gentle Reminders About Connection", verbatim (curly apostrophes kept). */
export const REMINDERS: string[] = [
  'It’s okay if connection feels hard right now',
  'Needing people does not mean weakness',
  'You don’t have to be outgoing to be connected',
  'Healing often happens within relationships, not outside of them',
];

/** The post's three closing lines, verbatim. */
export const CLOSING_LINES: string[] = [
  'You don’t need to do this perfectly.',
  'You don’t need to do this all at once.',
  'One conversation, one shared moment, one step at a time is enough.',
];

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 counted on the LOCAL calendar, so the reminder turns over at local midnight. */
export function localDayNumber(date: Date): number {
  return Math.floor(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY_MS);
}

/** One reminder per local calendar day: stable within a day, a different one the next day. */
export function reminderForDay(date: Date): string {
  const day = localDayNumber(date);
  const index = ((day % REMINDERS.length) + REMINDERS.length) % REMINDERS.length;
  return REMINDERS[index]!;
}
