/**
 * The agenda as the Calendar section lists it: occurrences grouped by local day, with the times
 * in the computer's zone. All-day events keep their dates as Google sends them (no zone applies to
 * a date), timed events are shown where their instant falls locally.
 */
import type { AgendaItem } from '../shared/calendar.js';
import { clockTime } from './format.js';

export interface AgendaDay {
  /** YYYY-MM-DD in the local zone. */
  date: string;
  items: AgendaItem[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar date of an instant. */
export function localDate(instant: Date): string {
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}

/** Noon of a local date: a Date that formats as that day whatever the DST shift. */
function dateAtNoon(date: string): Date {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(y, m - 1, d, 12);
}

function addDays(date: string, days: number): string {
  const day = dateAtNoon(date);
  day.setDate(day.getDate() + days);
  return localDate(day);
}

/** The local day an occurrence is listed under: its start, or today if it began earlier. */
function dayOf(item: AgendaItem, today: string): string {
  const start = item.allDay ? item.start.slice(0, 10) : localDate(new Date(item.startUtc));
  return start < today ? today : start;
}

/** Occurrences grouped by local day, days in order, each day's all-day events first. */
export function groupByDay(items: readonly AgendaItem[], now: Date): AgendaDay[] {
  const today = localDate(now);
  const days = new Map<string, AgendaItem[]>();
  for (const item of items) {
    const date = dayOf(item, today);
    const list = days.get(date) ?? [];
    list.push(item);
    days.set(date, list);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, list]) => ({
      date,
      items: list.sort(
        (a, b) =>
          Number(b.allDay) - Number(a.allDay) ||
          a.startUtc.localeCompare(b.startUtc) ||
          (a.summary ?? '').localeCompare(b.summary ?? ''),
      ),
    }));
}

/** "Today", "Tomorrow", else "Wednesday, March 11". */
export function dayHeading(date: string, now: Date): string {
  const today = localDate(now);
  if (date === today) return 'Today';
  if (date === addDays(today, 1)) return 'Tomorrow';
  return dateAtNoon(date).toLocaleDateString(undefined, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  });
}

const time = (instant: string) => clockTime(instant);

const shortDate = (date: string) =>
  dateAtNoon(date).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });

/**
 * When an occurrence happens, for the row: "All day", "All day, until Mar 12", "09:00 – 10:30",
 * or with the end's date when it ends on another day.
 */
export function whenText(item: AgendaItem): string {
  if (item.allDay) {
    // Google's end date is exclusive: a one-day event ends the next day.
    const last = addDays(item.end.slice(0, 10), -1);
    return last > item.start.slice(0, 10) ? `All day, until ${shortDate(last)}` : 'All day';
  }
  const start = new Date(item.startUtc);
  const end = new Date(item.endUtc);
  if (end.getTime() <= start.getTime()) return time(item.startUtc);
  // An end at midnight closes the start's day; any later it is on another day.
  const endDay = localDate(new Date(end.getTime() - 1));
  const endText =
    endDay === localDate(start) ? time(item.endUtc) : `${shortDate(endDay)}, ${time(item.endUtc)}`;
  return `${time(item.startUtc)} – ${endText}`;
}
