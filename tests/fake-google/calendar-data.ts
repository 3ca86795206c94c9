/**
 * Deterministic, realistic calendar events: timed events in several zones, all-day and multi-day
 * events, weekly/daily/monthly/yearly series (some with COUNT, UNTIL or EXDATE), unicode and long
 * descriptions. Event i depends only on (seed, i).
 */
import type { EventInput } from './calendar-store.js';
import { chance, int, mixSeed, mulberry32, pick } from './prng.js';
import { COMPANIES, GIVEN_NAMES } from './words.js';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Europe/London', 'UTC'];
const TOPICS = [
  'Stand-up',
  'Planning',
  'Retro',
  '1:1',
  'Lunch',
  'Dentist',
  'Yoga',
  'Board meeting',
  'Café ☕',
  'Präsentation',
  '会議',
  'Flight ✈',
];
const PLACES = ['Room 4.12', 'Zoom', 'Café Einstein, Berlin', 'Google Meet', '東京オフィス', ''];
const DAY = 86_400_000;
const FROM = Date.UTC(2025, 0, 1);
const DAYS = 3 * 365;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR'];

const two = (n: number) => String(n).padStart(2, '0');
const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);
const basic = (t: number) => isoDate(t).replaceAll('-', '');

export function generateEvent(index: number, seed: number): EventInput {
  const rng = mulberry32(mixSeed(seed, index));
  const summary = `${pick(rng, TOPICS)} · ${pick(rng, GIVEN_NAMES)}`;
  const location = pick(rng, PLACES) || undefined;
  const description = chance(rng, 0.05)
    ? `Agenda for ${pick(rng, COMPANIES)}:\n` + '• item\n'.repeat(int(rng, 50, 400))
    : undefined;
  const day = int(rng, 0, DAYS);
  const kind = rng();
  if (kind < 0.12) {
    const start = FROM + day * DAY;
    const end = start + int(rng, 1, 3) * DAY;
    return { summary, start: { date: isoDate(start) }, end: { date: isoDate(end) }, description };
  }
  const zone = pick(rng, ZONES);
  const hour = int(rng, 7, 19);
  const minute = pick(rng, [0, 15, 30, 45]);
  const length = pick(rng, [15, 30, 45, 60, 90, 120]);
  const wall = FROM + day * DAY + (hour * 60 + minute) * 60_000;
  const start = zoned(wall, zone);
  const end = zoned(wall + length * 60_000, zone);
  const base = { summary, location, description, start, end };
  if (kind > 0.82) {
    const freq = pick(rng, ['WEEKLY', 'WEEKLY', 'DAILY', 'MONTHLY', 'YEARLY']);
    const parts = [`FREQ=${freq}`];
    if (freq === 'WEEKLY') parts.push(`BYDAY=${pick(rng, WEEKDAYS)}`);
    if (chance(rng, 0.3)) parts.push(`INTERVAL=${int(rng, 2, 3)}`);
    const bound = rng(); // about a third end after COUNT times, a fifth at an UNTIL date
    if (bound < 0.3) parts.push(`COUNT=${int(rng, 3, 30)}`);
    else if (bound < 0.5) {
      parts.push(`UNTIL=${basic(FROM + (day + int(rng, 30, 300)) * DAY)}T235959Z`);
    }
    const recurrence = [`RRULE:${parts.join(';')}`];
    if (chance(rng, 0.2)) {
      recurrence.push(
        `EXDATE;TZID=${zone}:${basic(FROM + (day + 7) * DAY)}T${two(hour)}${two(minute)}00`,
      );
    }
    return { ...base, recurrence };
  }
  return base;
}

/**
 * A wall time (given as if it were UTC) in `zone`, as Google sends it: local time with the zone's
 * offset, and the zone alongside.
 */
function zoned(wall: number, zone: string) {
  const offset = offsetMinutes(wall, zone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const text = new Date(wall).toISOString().slice(0, 19);
  return {
    dateTime: `${text}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`,
    timeZone: zone,
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetMinutes(wallAsUtc: number, zone: string): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(wallAsUtc)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
  );
  return Math.round((asUtc - wallAsUtc) / 60_000);
}
