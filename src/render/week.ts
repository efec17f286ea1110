import type { ChalkInstance } from 'chalk';
import { formatRange } from '../core/dates';
import { WEEKDAY_LETTERS, type WeekStart } from '../core/calendar';
import { signed, round1 } from '../core/honest';
import { CHANNEL_LABELS } from '../core/vocabulary';
import type { Channel } from '../core/types';
import type { WeekSummary } from '../core/week';
import { plural } from '../core/week';
import { moodSparkline } from './charts';
import { dateJson, instantJson } from './json';

/** SPEC's `week` shape, with a few helpful extras (inProgress, averageQuality, activities, comparison). */
export function weekJson(week: WeekSummary) {
  return {
    start: dateJson(week.start),
    end: dateJson(week.last),
    inProgress: week.inProgress,
    interactions: week.interactions,
    smallMoments: week.smallMoments,
    sharedActivities: week.sharedActivities,
    minutes: week.minutes,
    averageQuality: week.averageQuality,
    byChannel: week.byChannel,
    people: week.people.map((p) => ({
      name: p.name,
      interactions: p.interactions,
      minutes: p.minutes,
      averageLift: p.averageLift,
      liftEntries: p.liftEntries,
    })),
    activities: week.activities,
    mood: {
      average: week.mood.average,
      readings: week.mood.readings,
      days: week.mood.days.map((d) => ({ date: dateJson(d.date), average: d.average, readings: d.readings })),
    },
    touchpoints: week.touchpoints,
    loneliness: {
      checkins: week.loneliness.checkins.map((c) => ({ at: instantJson(c.at), score: c.score })),
      before: week.loneliness.before,
      text: week.loneliness.text,
    },
    comparison: {
      previousWeeks: week.previous.map((w) => ({
        start: dateJson(w.start),
        interactions: w.interactions,
        minutes: w.minutes,
        averageQuality: w.averageQuality,
      })),
      text: week.comparison,
    },
    observations: week.observations,
  };
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

function headline(week: WeekSummary): string {
  const parts = [`${week.interactions} ${plural(week.interactions, 'connection')}`];
  if (week.smallMoments) parts.push(`${week.smallMoments} ${plural(week.smallMoments, 'small moment')}`);
  if (week.sharedActivities)
    parts.push(`${week.sharedActivities} ${plural(week.sharedActivities, 'shared activity', 'shared activities')}`);
  if (week.minutes) parts.push(`${formatMinutes(week.minutes)} together`);
  return parts.join(' · ');
}

export function weekLines(week: WeekSummary, weekStart: WeekStart, c: ChalkInstance, now: Date): string[] {
  const range = formatRange(week.start, week.last, now);
  const lines = [
    `${c.bold(week.inProgress ? 'This week' : 'The week')} ${range}${week.inProgress ? c.dim('  (so far)') : ''}`,
    '',
  ];
  const label = (text: string) => c.dim(text.padEnd(13));
  lines.push(`  ${headline(week)}`);
  if (week.people.length) {
    const who = week.people.map((p) => {
      const details = [
        `${p.interactions} ${plural(p.interactions, 'time')}`,
        p.minutes ? formatMinutes(p.minutes) : '',
        p.averageLift === null
          ? ''
          : p.liftEntries >= 2
            ? `mood ${signed(p.averageLift)} on average over ${p.liftEntries}`
            : `mood ${signed(p.averageLift)} the one time`,
      ].filter(Boolean);
      return `${p.name} ${c.dim(`(${details.join(', ')})`)}`;
    });
    lines.push(`  ${label('Who')}${who.join(', ')}`);
  }
  const channels = Object.entries(week.byChannel).sort((a, b) => b[1] - a[1]);
  if (channels.length)
    lines.push(
      `  ${label('How')}${channels.map(([ch, n]) => `${CHANNEL_LABELS[ch as Channel] ?? ch} ${n}`).join(' · ')}`,
    );
  if (week.activities.length) {
    const shared = week.activities.map(
      (a) =>
        `${a.activity}${a.count > 1 ? ` ×${a.count}` : ''}${a.people.length ? ` with ${a.people.join(', ')}` : ''}`,
    );
    lines.push(`  ${label('Together')}${shared.join(' · ')}`);
  }
  if (week.smallMoments)
    lines.push(`  ${label('Small')}${week.smallMoments} brief, low-pressure ${plural(week.smallMoments, 'moment')}`);
  const spark = moodSparkline(week.mood.days.map((d) => (d.future ? undefined : d.average)));
  const average =
    week.mood.average === null
      ? c.dim('no mood readings yet')
      : week.mood.readings >= 2
        ? `average ${round1(week.mood.average)} of 5 ${c.dim(`(${week.mood.readings} readings)`)}`
        : `${round1(week.mood.average)} of 5 ${c.dim('(one reading)')}`;
  lines.push(`  ${label('Mood')}${spark.join(' ')}   ${average}`);
  lines.push(`  ${' '.repeat(13)}${c.dim(WEEKDAY_LETTERS[weekStart].join(' '))}`);
  if (week.touchpoints.kept || week.touchpoints.due) {
    const parts = [];
    if (week.touchpoints.kept) parts.push(`${week.touchpoints.kept} kept`);
    if (week.touchpoints.due)
      parts.push(
        `${week.touchpoints.due} ${week.inProgress ? 'still to come this week' : 'with a date in this week, still open'}`,
      );
    lines.push(`  ${label('Touchpoints')}${parts.join(' · ')}`);
  }
  if (week.loneliness.text) lines.push(`  ${label('Check-in')}${week.loneliness.text.replace(/^Your check-in: /, '')}`);
  if (week.comparison.length)
    lines.push('', c.bold('Beside recent weeks'), ...week.comparison.map((line) => `  ${line}`));
  if (week.observations.length) lines.push('', c.bold('Noticed'), ...week.observations.map((line) => `  • ${line}`));
  if (week.interactions === 0 && week.mood.readings === 0 && week.previous.every((w) => w.interactions === 0)) {
    lines.push(
      '',
      c.dim('  To start: connect log NAME --after 4 right after a conversation, or connect mood 3 any time.'),
    );
  }
  return lines;
}
