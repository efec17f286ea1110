import type { ChalkInstance } from 'chalk';
import { formatMonth, formatRange } from '../core/dates';
import type { CalendarGrid, WeekStart } from '../core/calendar';

/*
 * Charts drawn with plain block characters rather than the `sparkly` package: mood has a fixed 1–5 scale
 * (sparkly rescales to the week's own range, so a flat week of 2s would look like a good one), a day
 * with no reading needs a visible mark (sparkly leaves a blank), and sparkly would bundle a second chalk.
 */
const TICKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
export const NO_READING = '·';

/** One block per value on a fixed scale from `min` to `max`; `null` is no reading, `undefined` a day still ahead. */
export function scaleSparkline(values: (number | null | undefined)[], min: number, max: number): string[] {
  return values.map((value) => {
    if (value === undefined) return ' ';
    if (value === null) return NO_READING;
    const index = Math.round(((Math.min(max, Math.max(min, value)) - min) / (max - min)) * (TICKS.length - 1));
    return TICKS[index];
  });
}

/** One block per value on the 1–5 mood scale. */
export const moodSparkline = (values: (number | null | undefined)[]): string[] => scaleSparkline(values, 1, 5);

/** Heatmap levels: each has its own character, so the grid reads without colour. */
export const HEAT_LEVELS = ['·', '░', '▒', '▓', '█'];

export const heatLevel = (count: number) => Math.min(HEAT_LEVELS.length - 1, Math.max(0, count));

export function heatCell(level: number, c: ChalkInstance): string {
  const char = HEAT_LEVELS[level];
  if (level === 0) return c.dim(char);
  return level < 3 ? c.green(char) : c.greenBright(char);
}

export interface HeatGrid {
  /** Row labels, one per weekday in week order. */
  weekdays: string[];
  /** Columns of seven days; `null` for a day outside the range. */
  weeks: ({ date: Date; count: number } | null)[][];
}

/** A GitHub-style grid: weeks across, weekdays down, month names above the week they begin in. */
export function heatmapLines(grid: HeatGrid, c: ChalkInstance): string[] {
  const labelWidth = Math.max(...grid.weekdays.map((d) => d.length)) + 1;
  // A month's name goes above the week holding its 1st; the first column gets one only if there is room.
  const starts: { column: number; month: Date }[] = [];
  grid.weeks.forEach((week, column) => {
    const first = week.find((day) => day !== null && day.date.getDate() === 1);
    if (first) starts.push({ column, month: first.date });
  });
  const opening = grid.weeks[0]?.find((day) => day !== null);
  if (opening && starts[0]?.column !== 0 && (starts.length === 0 || starts[0].column >= 2))
    starts.unshift({ column: 0, month: opening.date });
  let months = ' '.repeat(labelWidth);
  for (const { column, month } of starts) {
    const position = labelWidth + column * 2;
    if (months.length <= position) months = months.padEnd(position) + formatMonth(month);
  }
  const rows = grid.weekdays.map((label, row) => {
    const cells = grid.weeks.map((week) => {
      const day = week[row];
      return day === null ? ' ' : heatCell(heatLevel(day.count), c);
    });
    return `${label.padEnd(labelWidth)}${cells.join(' ')}`.trimEnd();
  });
  return [months.trimEnd(), ...rows];
}

export function heatLegend(c: ChalkInstance): string {
  const cells = HEAT_LEVELS.map((_, level) => heatCell(level, c)).join(' ');
  return `less ${cells} more   (${HEAT_LEVELS.map((ch, level) => `${ch} ${level === HEAT_LEVELS.length - 1 ? `${level}+` : level}`).join(', ')} connections a day)`;
}

const WEEKDAY_NAMES: Record<WeekStart, string[]> = {
  monday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  sunday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

/** The whole `connect calendar` view: title, grid, legend and a total (a count of days, nothing that resets). */
export function calendarLines(grid: CalendarGrid, weekStart: WeekStart, c: ChalkInstance, now: Date): string[] {
  const connected = grid.days.filter((d) => d.interactions > 0).length;
  const total = grid.days.reduce((sum, d) => sum + d.interactions, 0);
  const lines = [
    `${c.bold('Connections')} ${formatRange(grid.first, grid.last, now)}`,
    '',
    ...heatmapLines(
      {
        weekdays: WEEKDAY_NAMES[weekStart],
        weeks: grid.weeks.map((week) => week.map((d) => (d ? { date: d.date, count: d.interactions } : null))),
      },
      c,
    ),
    '',
    heatLegend(c),
  ];
  if (total === 0) {
    lines.push(
      '',
      'Nothing logged in these months yet. Each connection you log fills in a day: connect log NAME, or connect log --small.',
    );
  } else {
    lines.push(`${total} ${total === 1 ? 'connection' : 'connections'} on ${connected} of ${grid.days.length} days.`);
  }
  return lines;
}
