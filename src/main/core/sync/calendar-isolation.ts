/**
 * One calendar's failure never stops the others. What is about one calendar (Google no longer
 * finds it, refuses it, or keeps refusing its sync tokens) is recorded on the calendar and skips
 * it until the next run; what is about the account or Google at large (sign-in, scope, the API
 * switched off, time-outs and 5xx after retries, cancel, the disk) still fails the whole run, as
 * the next calendar would only meet it again.
 */
import { CalendarHealth } from '../db/calendar-health.js';
import type { MirroredCalendar } from '../db/calendar-store.js';
import { AppError, isAppError, type ErrorCode } from '../errors.js';
import { GoogleApiError } from '../google/errors.js';
import type { CalendarEvent } from '../google/calendar-source.js';
import { runListing, type ListingAdapter, type ListingDeps, type ListingKind } from './listing.js';

const DAY_MS = 86_400_000;

/** Errors that concern one calendar alone. */
const OWN_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'FORBIDDEN',
  'BAD_REQUEST',
  'EXPIRED_SYNC_TOKEN',
  'REJECTED_SYNC_TOKEN',
]);

export interface FailedCalendar {
  calendar: MirroredCalendar;
  error: AppError;
}

const nameOf = (calendar: MirroredCalendar) => `"${calendar.summary ?? calendar.calendarId}"`;

const stopMirroring = (calendar: MirroredCalendar) =>
  `stop mirroring it (Settings → Calendar, or contacts-sync calendars deselect ${calendar.calendarId})`;

/** The calendar's own error, in words that name it and say what to do. */
function ownError(calendar: MirroredCalendar, error: AppError, nextFull: Date | null): AppError {
  const name = nameOf(calendar);
  const status = error instanceof GoogleApiError ? error.httpStatus : null;
  if (error.code === 'EXPIRED_SYNC_TOKEN') {
    return new AppError(
      'EXPIRED_SYNC_TOKEN',
      `Google Calendar keeps refusing to continue ${name} where the last sync left off (HTTP 410 ` +
        'twice in a row). To spare your quota it is listed in full at most once a day' +
        (nextFull ? `, next after ${nextFull.toISOString()}` : '') +
        '; until then its events stay as they are.',
      { cause: error },
    );
  }
  if (status === 404) {
    return new AppError(
      'NOT_FOUND',
      `Google Calendar no longer finds the calendar ${name} (it was deleted, or you were removed ` +
        `from it). It is skipped until the next sync; if this stays, ${stopMirroring(calendar)}.`,
      { cause: error },
    );
  }
  if (error.code === 'FORBIDDEN') {
    return new AppError(
      'FORBIDDEN',
      `Google Calendar refused to list the events of ${name} (HTTP 403): you may no longer have ` +
        `access to it. Check it in Google Calendar, or ${stopMirroring(calendar)}.`,
      { cause: error },
    );
  }
  return new AppError(error.code, `Calendar ${name}: ${error.message}`, { cause: error });
}

/**
 * Lists one calendar's events. Returns its failure when it is about this calendar alone (recorded
 * on the calendar), null when it synced (its earlier error cleared); throws anything else.
 * A calendar whose incremental listings Google answered 410 twice in a row is listed in full at
 * most once a day: each full listing costs as many calls as the calendar has pages.
 */
export async function syncCalendarEvents(
  events: ListingAdapter<CalendarEvent>,
  calendar: MirroredCalendar,
  deps: ListingDeps,
  options: { forceFull: boolean },
): Promise<FailedCalendar | null> {
  const health = new CalendarHealth(deps.db);
  const { expiredStreak: streak, failed } = health.get(calendar.ref);
  const lastFull = deps.syncState.get(deps.accountId, events.resource).lastFullSyncAt;
  const nextFull = streak > 0 && lastFull ? new Date(Date.parse(lastFull) + DAY_MS) : null;
  const now = deps.now();
  const kinds: ListingKind[] = [];
  const onKind = (kind: ListingKind) => {
    kinds.push(kind);
    deps.onKind?.(kind);
  };
  const mayListInFull = (kind: ListingKind) =>
    kind !== 'full_after_expired_token' || nextFull === null || now >= nextFull;
  const expiredAgain = () => (kinds[0] === 'incremental' ? streak + 1 : streak);
  try {
    await runListing(events, { ...deps, onKind }, { ...options, mayListInFull });
    const expired = kinds.includes('full_after_expired_token');
    const nextStreak = expired ? expiredAgain() : 0;
    // Written only when it changes: a calendar that syncs fine costs no extra write per run.
    if (nextStreak !== streak) health.setExpiredStreak(calendar.ref, nextStreak);
    if (failed) health.setError(calendar.ref, null);
    return null;
  } catch (caught) {
    if (!isAppError(caught) || !OWN_ERRORS.has(caught.code)) throw caught;
    if (caught.code === 'EXPIRED_SYNC_TOKEN') health.setExpiredStreak(calendar.ref, expiredAgain());
    const error = ownError(calendar, caught, nextFull);
    const at = now.toISOString();
    health.setError(calendar.ref, { code: error.code, message: error.message, at });
    return { calendar, error };
  }
}

/** The run's notice: it succeeded for every calendar but these. */
export function skippedCalendars(failed: FailedCalendar[]): AppError {
  const which = failed.map((f) => f.error.message).join(' ');
  const count = failed.length === 1 ? 'One calendar was' : `${failed.length} calendars were`;
  return new AppError(
    'CALENDARS_SKIPPED',
    `${count} skipped in this sync; the others are up to date. ${which}`,
  );
}

/** Every mirrored calendar failed on its own: the first one's error, naming the others too. */
export function allFailed(failed: FailedCalendar[]): AppError {
  const [first, ...others] = failed as [FailedCalendar, ...FailedCalendar[]];
  if (others.length === 0) return first.error;
  const rest = others.map((f) => f.error.message).join(' ');
  return new AppError(first.error.code, `${first.error.message} ${rest}`, { cause: first.error });
}
