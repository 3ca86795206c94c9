/** Calendar vocabulary shared by core, CLI and the renderer. No runtime dependencies. */
import type { SyncRun } from './domain.js';

/** One calendar of an account's Google calendar list, as mirrored locally. */
export interface CalendarSummary {
  accountId: number;
  account: string;
  /** Google's calendar id (the primary calendar's is the account's email). */
  calendarId: string;
  /** The person's own name for it when they set one, else the calendar's. */
  summary: string | null;
  timeZone: string | null;
  accessRole: string | null;
  backgroundColor: string | null;
  primary: boolean;
  /** Hidden from the list in Google Calendar; still mirrored when selected. */
  hidden: boolean;
  /** Chosen to be mirrored (default: the primary calendar only). */
  selected: boolean;
  /** Removed from the Google calendar list (its events are soft-deleted). */
  deletedAt: string | null;
  /** Active events stored locally, recurring series counted once. */
  events: number;
  lastFullSyncAt: string | null;
  lastIncrementalSyncAt: string | null;
  /**
   * Why the latest run skipped this calendar (Google no longer finds it, refuses it, or keeps
   * refusing its sync tokens); null once it synced again. Absent where not known.
   */
  syncError?: { code: string; message: string; at: string } | null;
}

/** One occurrence in the agenda: a single event, or one instance of a recurring series. */
export interface AgendaItem {
  accountId: number;
  calendarId: string;
  calendarSummary: string | null;
  /** Google's id: the event's, or `<series id>_<original start>` for an instance of a series. */
  eventId: string;
  /** The series this occurrence belongs to (null for a single event). */
  seriesId: string | null;
  status: string;
  summary: string | null;
  location: string | null;
  allDay: boolean;
  /** All-day: the dates (end exclusive, as Google sends them); timed: ISO with the local offset. */
  start: string;
  end: string;
  /** The instants, for sorting and comparing across time zones. */
  startUtc: string;
  endUtc: string;
  /** The zone the event is defined in (recurrences are expanded in it). */
  timeZone: string | null;
  /**
   * Set on the first occurrence of a series whose rule could not be expanded (unreadable,
   * unsupported, or too many occurrences to list): it repeats, but the agenda cannot say when.
   */
  patternNotShown?: boolean;
}

export interface AgendaQuery {
  /** ISO instants; the agenda holds what overlaps [from, to). */
  from: string;
  to: string;
  /** Case-insensitive text in the summary or location. */
  query?: string;
  accountId?: number;
}

/**
 * Whether an account's Google grant covers calendar reads: calendar sync asks for the read-only
 * scope only once it is turned on, so an account connected before needs one more sign-in.
 */
export const CALENDAR_ACCESS = ['granted', 'missing', 'unknown'] as const;
export type CalendarAccess = (typeof CALENDAR_ACCESS)[number];

/** One account as the calendar screens see it. */
export interface CalendarAccountStatus {
  accountId: number;
  account: string;
  /** `missing`: reconnect the account to allow calendar access. */
  access: CalendarAccess;
  /** The account's latest calendar run, if any. */
  lastRun: SyncRun | null;
}
