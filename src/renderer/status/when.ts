/**
 * Times in words for Status: "today at 14:00", "tomorrow at 09:00". Clock times follow the
 * locale's own 12/24 h convention through Intl (no hour12 forced), so en-US reads "2:00 PM".
 */
const DAY_MS = 86_400_000;

const localMidnight = (date: Date): number =>
  new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();

/** Calendar days from `now` to `date` in local time (a DST day still counts as one). */
function daysBetween(now: Date, date: Date): number {
  return Math.round((localMidnight(date) - localMidnight(now)) / DAY_MS);
}

export function clockTime(date: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(date);
}

function dayName(date: Date, now: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  }).format(date);
}

/** "today at 14:00", "tomorrow at 09:00", "yesterday at 23:10", "Mon, Dec 14 at 09:00". */
export function dayAndTime(iso: string, now: Date, locale?: string): string {
  const date = new Date(iso);
  const time = clockTime(date, locale);
  switch (daysBetween(now, date)) {
    case 0:
      return `today at ${time}`;
    case 1:
      return `tomorrow at ${time}`;
    case -1:
      return `yesterday at ${time}`;
    default:
      return `${dayName(date, now, locale)} at ${time}`;
  }
}

/** The short form a list of runs uses: "14:02" today, "yesterday 14:02", "Dec 5 14:02". */
export function shortWhen(iso: string, now: Date, locale?: string): string {
  const date = new Date(iso);
  const time = clockTime(date, locale);
  const days = daysBetween(now, date);
  if (days === 0) return time;
  if (days === -1) return `yesterday ${time}`;
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }).format(date);
  return `${day} ${time}`;
}
