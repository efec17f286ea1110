import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { startOfDay } from 'date-fns/startOfDay';
import { HEAVY_SCORE, type Checkin } from './checkin';
import { localDay } from './local-day';

/** The post's own line, verbatim. */
export const HELP_LINE =
  'If loneliness feels heavy or long-standing, talking with a mental health professional can help gently rebuild trust, confidence, and connection over time.';

/** "About two weeks": the last 14 local days, today included. */
export const LOW_MOOD_WINDOW_DAYS = 14;
/** Mood 2 is "low" on the 1–5 scale; the average of daily averages must be at or below it. */
export const LOW_MOOD_AVERAGE = 2;
/** Enough days with a mood that "stayed low" is something seen, not guessed from one bad evening. */
export const LOW_MOOD_MIN_DAYS = 5;
/** Check-ins "stay" at 6+ only while the latest one is this recent. */
export const CHECKIN_RECENT_DAYS = 28;
/** Shown at most once per this many local days. */
export const HELP_LINE_EVERY_DAYS = 7;

/** One mood reading: a mood check-in's mood, or an interaction's mood after. */
export interface MoodReading {
  at: Date;
  value: number;
}

export type HelpLineReason = 'low-mood' | 'heavy-checkins';

export interface HelpLineInput {
  now: Date;
  moods: MoodReading[];
  checkins: Pick<Checkin, 'at' | 'score'>[];
  lastShown: Date | null;
}

/** Local midnight starting the low-mood window. */
export function lowMoodWindowStart(now: Date): Date {
  return startOfDay(addDays(now, -(LOW_MOOD_WINDOW_DAYS - 1)));
}

/**
 * Mood stayed low for about two weeks: within the last 14 local days, moods on at least 5 distinct days,
 * at least one in each of its two weeks, and the average of the daily averages at or below 2.
 */
export function moodStayedLow(now: Date, moods: MoodReading[]): boolean {
  const byDay = new Map<number, { sum: number; count: number }>();
  const today = localDay(now);
  for (const mood of moods) {
    if (mood.at > now) continue;
    const daysAgo = today - localDay(mood.at);
    if (daysAgo >= LOW_MOOD_WINDOW_DAYS) continue;
    const day = byDay.get(daysAgo);
    if (day) {
      day.sum += mood.value;
      day.count += 1;
    } else byDay.set(daysAgo, { sum: mood.value, count: 1 });
  }
  if (byDay.size < LOW_MOOD_MIN_DAYS) return false;
  const days = [...byDay.keys()];
  if (!days.some((d) => d < 7) || !days.some((d) => d >= 7)) return false;
  const dailyAverages = [...byDay.values()].map((day) => day.sum / day.count);
  return dailyAverages.reduce((a, b) => a + b, 0) / dailyAverages.length <= LOW_MOOD_AVERAGE;
}

/** Check-ins stay at 6 or more: the last check-ins of the two most recent check-in days both scored 6+, the latest within 28 days. */
export function checkinsStayHeavy(now: Date, checkins: Pick<Checkin, 'at' | 'score'>[]): boolean {
  const latestPerDay = new Map<number, Pick<Checkin, 'at' | 'score'>>();
  for (const checkin of checkins) {
    if (checkin.at > now) continue;
    const daysAgo = differenceInCalendarDays(now, checkin.at);
    const kept = latestPerDay.get(daysAgo);
    if (!kept || checkin.at >= kept.at) latestPerDay.set(daysAgo, checkin);
  }
  const recent = [...latestPerDay.entries()].sort(([a], [b]) => a - b).slice(0, 2);
  if (recent.length < 2 || recent[0][0] >= CHECKIN_RECENT_DAYS) return false;
  return recent.every(([, checkin]) => checkin.score >= HEAVY_SCORE);
}

/** Why the help line applies now (ignoring when it was last shown), or null. */
export function helpLineReason(input: Pick<HelpLineInput, 'now' | 'moods' | 'checkins'>): HelpLineReason | null {
  if (moodStayedLow(input.now, input.moods)) return 'low-mood';
  if (checkinsStayHeavy(input.now, input.checkins)) return 'heavy-checkins';
  return null;
}

/** The line was shown within the last 7 local days, so it rests whatever the journal says. */
export function helpLineResting(now: Date, lastShown: Date | null): boolean {
  return lastShown !== null && Math.abs(differenceInCalendarDays(now, lastShown)) < HELP_LINE_EVERY_DAYS;
}

/** The help line to show now, or null: it applies and has not been shown in the last 7 local days. */
export function decideHelpLine(input: HelpLineInput): string | null {
  if (helpLineResting(input.now, input.lastShown) || !helpLineReason(input)) return null;
  return HELP_LINE;
}
