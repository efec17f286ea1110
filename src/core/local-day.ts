const DAY_MS = 86_400_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A local calendar day as YYYY-MM-DD: the key every count by day, touchpoint day and plan day uses (never UTC). */
export function dayKey(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The local calendar day an instant falls on, as a whole number of days (1970-01-01 is 0). Two of them
 * subtract to the calendar days between, as date-fns' differenceInCalendarDays counts them, through DST
 * changes too: a cheap stand-in for startOfDay in loops over thousands of contacts.
 */
export function localDay(instant: Date): number {
  const year = instant.getFullYear();
  const utc = Date.UTC(year, instant.getMonth(), instant.getDate());
  if (year >= 0 && year < 100) {
    // Date.UTC reads years 0–99 as 1900–1999.
    const day = new Date(utc);
    day.setUTCFullYear(year, instant.getMonth(), instant.getDate());
    return day.getTime() / DAY_MS;
  }
  return utc / DAY_MS;
}

/** Calendar days from `earlier` to `later` (negative when `later` is the earlier one). */
export const calendarDaysBetween = (later: Date, earlier: Date): number => localDay(later) - localDay(earlier);

/** Sunday 0 … Saturday 6, as Date#getDay counts, of a localDay number (1 January 1970 was a Thursday). */
export const weekdayOfLocalDay = (day: number): number => (((day + 4) % 7) + 7) % 7;
