/** Words for a schedule: the choices of the "Sync …" select and the local times it runs at. */
import { SYNC_EVERY_HOURS, type SyncEveryHours } from '../../../shared/api/types.js';
import { wallClock } from '../../format.js';

export const everyHoursLabel = (hours: SyncEveryHours): string =>
  hours === 24 ? 'every day' : hours === 1 ? 'every hour' : `every ${hours} hours`;

/** Most frequent last, so the list reads from the default (daily) down. */
export const EVERY_HOURS_CHOICES: readonly SyncEveryHours[] = [...SYNC_EVERY_HOURS].reverse();

/**
 * The local times of day a schedule runs at, as the core plans them: from `at`'s hour modulo the
 * interval, every `everyHours` hours (02:30 every 6 h → 02:30 08:30 14:30 20:30).
 */
export function slotsOfDay(at: string, everyHours: SyncEveryHours): string[] {
  const [hour = 0, minute = 0] = at.split(':').map(Number);
  const pad = (n: number) => String(n).padStart(2, '0');
  const slots: string[] = [];
  for (let h = hour % everyHours; h < 24; h += everyHours) slots.push(`${pad(h)}:${pad(minute)}`);
  return slots;
}

const listed = (items: string[]): string =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/**
 * "Runs at 2:30 AM, 8:30 AM, 2:30 PM and 8:30 PM every day (Europe/Berlin time)", in the
 * locale's 12- or 24-hour convention.
 */
export function describeSlots(
  at: string,
  everyHours: SyncEveryHours,
  zone: string,
  locale?: string,
): string {
  const slots = slotsOfDay(at, everyHours).map((slot) => wallClock(slot, locale));
  const when =
    slots.length <= 6
      ? `at ${listed(slots)} every day`
      : `${slots.length} times a day, every ${everyHours === 1 ? 'hour' : `${everyHours} hours`} from ${slots[0]}`;
  return `Runs ${when} (${zone} time).`;
}
