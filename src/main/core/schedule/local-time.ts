/**
 * Wall-clock time in an IANA time zone, without a date library. Used instead of node-schedule's
 * RecurrenceRule for computing run times: that rule skips a 02:00 job entirely on the night clocks
 * spring forward and runs it twice on the night they fall back (measured with node-schedule 2.1.1,
 * Europe/Berlin).
 */

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function formattedWallTime(instant: number, timeZone: string): WallTime & { second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts['year'] ?? 1970,
    month: parts['month'] ?? 1,
    day: parts['day'] ?? 1,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
  };
}

export function wallTime(instant: number, timeZone: string): WallTime & { second: number } {
  const d = new Date(instant + offsetAt(instant, timeZone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/**
 * Offsets are asked of Intl (~10 µs a call) once per zone and UTC day and remembered, since the
 * agenda expands thousands of occurrences. A day whose offset differs at its start and its end
 * holds a change; its instant is found to the second by bisection, once.
 */
type DayOffsets = { offset: number } | { changeAt: number; before: number; after: number };
const days = new Map<string, DayOffsets>();

function intlOffset(instant: number, timeZone: string): number {
  const w = formattedWallTime(instant, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - instant;
}

function dayOffsets(day: number, timeZone: string): DayOffsets {
  const key = `${timeZone}|${day}`;
  let known = days.get(key);
  if (!known) {
    let low = day * DAY_MS;
    let high = low + DAY_MS;
    const before = intlOffset(low, timeZone);
    const after = intlOffset(high, timeZone);
    if (before === after) known = { offset: before };
    else {
      while (high - low > 1000) {
        const mid = low + Math.floor((high - low) / 2000) * 1000;
        if (intlOffset(mid, timeZone) === before) low = mid;
        else high = mid;
      }
      known = { changeAt: high, before, after };
    }
    if (days.size >= 100_000) days.clear();
    days.set(key, known);
  }
  return known;
}

/** Local minus UTC at `instant`, in ms (whole seconds). */
function offsetAt(instant: number, timeZone: string): number {
  const known = dayOffsets(Math.floor(instant / DAY_MS), timeZone);
  if ('offset' in known) return known.offset;
  return instant < known.changeAt ? known.before : known.after;
}

const sameWall = (a: WallTime, b: WallTime) =>
  a.year === b.year &&
  a.month === b.month &&
  a.day === b.day &&
  a.hour === b.hour &&
  a.minute === b.minute;

/**
 * The instant a wall time happens. Like Temporal's "compatible" disambiguation: a time that
 * occurs twice (clocks fall back) is its first occurrence; a time that does not exist (clocks
 * spring forward) moves forward by the gap, so 02:00 becomes 03:00.
 */
export function instantOf(wall: WallTime, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const before = offsetAt(asUtc - DAY_MS, timeZone);
  const after = offsetAt(asUtc + DAY_MS, timeZone);
  const candidates = [asUtc - before, asUtc - after]
    .filter((t) => sameWall(wallTime(t, timeZone), wall))
    .sort((a, b) => a - b);
  return candidates[0] ?? asUtc - before;
}

/** The calendar day `days` after the local day of `instant`. */
export function localDayPlus(
  instant: number,
  days: number,
  timeZone: string,
): { year: number; month: number; day: number } {
  const w = wallTime(instant, timeZone);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
