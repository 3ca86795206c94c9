/** What the API's calls answer and its events carry, beyond the domain types they reuse. */
import type {
  Account,
  AccountStatus,
  AccountStatusSummary,
  RunError,
  RunStatus,
  SyncProgress,
  SyncResource,
  SyncRun,
} from '../domain.js';
import type { ContactSort } from './contact-list.js';

/** Every call answers a result; nothing is thrown across the main/renderer boundary. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface ApiError {
  /** A core error code (`NETWORK`, `AUTH_REVOKED`, …) or one of `API_ERROR_CODES`. */
  code: string;
  message: string;
}

/** Codes the transport and the handler table add to the core's error codes. */
export const API_ERROR_CODES = [
  'INVALID_ARGUMENT',
  'UNKNOWN_METHOD',
  'NOT_AVAILABLE',
  'UNTRUSTED_SENDER',
  'DISCONNECTED',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/**
 * The app as a whole, most urgent first: a running sync, then an account that needs signing in
 * again, then a failed last run, then paused auto-sync.
 */
export const OVERALL_STATES = [
  'no_accounts',
  'syncing',
  'sign_in_needed',
  'error',
  'paused',
  'idle',
] as const;
export type OverallState = (typeof OVERALL_STATES)[number];

export interface AppStatus {
  state: OverallState;
  accounts: AccountStatusSummary[];
  /** The latest progress of each running run. */
  progress: SyncProgress[];
  lastSuccessAt: string | null;
  lastError: (RunError & { at: string; account: string }) | null;
  /** An ISO instant or 'indefinitely'; null when auto-sync is not paused (or nothing schedules). */
  autoSyncPausedUntil: string | null;
  /** A connect or reconnect waiting for the person to finish in their browser; null otherwise. */
  signIn?: SignInWait | null;
}

/** A sign-in waiting for the browser: the link to open by hand, and when it gives up. */
export interface SignInWait {
  /** Google's authorization URL (it holds no secret, but it is never logged). */
  url: string;
  /** The account being reconnected; null for a new connection. */
  loginHint: string | null;
  /** ISO instant the loopback flow times out. */
  expiresAt: string;
}

export interface SyncNowResult {
  runs: Array<{
    accountId: number;
    account: string;
    status: 'started' | 'already_running';
    runId: number;
  }>;
}

export interface CancelSyncResult {
  /** How many running syncs were asked to stop at their next page. */
  cancelled: number;
}

export interface ClearHistoryResult {
  removed: number;
}

export type TokenHealth = 'ok' | 'expired' | 'revoked';

/** One account's sync health: what runs cost, how reliable they were, what the policies saved. */
export interface AccountSyncHealth {
  accountId: number;
  account: string;
  /** success / (success + failed) of the runs in the window; null without such runs. */
  successRate7d: number | null;
  successRate30d: number | null;
  runs30d: Record<Exclude<RunStatus, 'running'>, number>;
  medianDurationMs: number | null;
  /** Average over the last 7 days (or since the first run, if more recent). */
  apiCallsPerDay: number;
  bytesPerDay: number;
  /** What a run costs today (median of recent successful incremental runs). */
  callsPerRun: number;
  /** Last 30 days: per skip reason, skipped runs × callsPerRun. */
  apiCallsSaved: { total: number; byReason: Record<string, number> };
  circuit: { open: boolean; openUntil: string | null; consecutiveFailures: number };
  token: { account: AccountStatus; health: TokenHealth; checkedAt: string | null };
  nextRunAt: string | null;
  /**
   * What the runs of the last 30 days that called Google (succeeded, failed or cancelled)
   * actually cost, per resource, from their rows; null for a resource without such runs.
   * Optional only for answers of older cores.
   */
  apiCallsPerRun?: Record<SyncResource, RunCallFigures | null>;
}

/** API calls per run over a set of runs. */
export interface RunCallFigures {
  runs: number;
  median: number;
  min: number;
  max: number;
}

export interface SyncHealth {
  accounts: AccountSyncHealth[];
  /** An ISO instant or 'indefinitely'; null when auto-sync is not paused. */
  autoSyncPausedUntil: string | null;
}

/** How long "Pause auto-sync" lasts: an hour, until the next local midnight, or until resumed. */
export const PAUSE_CHOICES = ['1h', 'tomorrow', 'indefinitely'] as const;
export type PauseChoice = (typeof PAUSE_CHOICES)[number];

/** What pausing or resuming auto-sync answers. */
export interface AutoSyncPause {
  /** An ISO instant or 'indefinitely'; null when auto-sync is not paused. */
  autoSyncPausedUntil: string | null;
}

export interface ContactEmail {
  value: string;
  type: string | null;
}

export interface ContactPhone {
  raw: string;
  e164: string | null;
  type: string | null;
}

export interface ContactAddress {
  formatted: string | null;
  street: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  countryCode: string | null;
  type: string | null;
}

export interface ContactDetail {
  accountId: number;
  resourceName: string;
  /** A photo of the contact is cached (Avatar asks for it only then). */
  hasPhoto?: boolean;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  nickname: string | null;
  organization: string | null;
  title: string | null;
  birthday: string | null;
  notes: string | null;
  photoUrl: string | null;
  emails: ContactEmail[];
  phones: ContactPhone[];
  addresses: ContactAddress[];
  labels: Array<{ resourceName: string; name: string }>;
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
  syncedAt: string;
}

export interface Label {
  accountId: number;
  resourceName: string;
  name: string;
  groupType: string;
  /** Active local contacts with this label. */
  memberCount: number;
}

/** What the settings screen shows and changes. */
export interface Settings {
  launchAtLogin: boolean;
  startHidden: boolean;
  autoSync: boolean;
  /** Local time of the daily sync, `HH:MM`. */
  dailySyncTime: string;
  notifyOnFailure: boolean;
  notifyOnSignInNeeded: boolean;
  /** 24 = once a day at `dailySyncTime`; otherwise every N hours starting at it. */
  syncEveryHours: SyncEveryHours;
  /** IANA zone the sync time is read in; null = the computer's (`systemTimeZone`). */
  timeZone: string | null;
  /** Read-only: the computer's zone, which the schedule uses while `timeZone` is null. */
  systemTimeZone: string;
  /** A run deleting more than this share (1–100 %) of an account's contacts stops and asks. */
  massDeletionPercent: number;
  /** Read-only: the folder that holds the database. */
  dataDirectory: string;
  /** Mirror the chosen Google calendars too (needs calendar access: one more sign-in). */
  calendarSync: boolean;
  /** How often calendars sync, from 00:00 local time. */
  calendarEveryHours: SyncEveryHours;
  /** Mirror the contact birthdays Google shows in the primary calendar (off by default). */
  calendarShowBirthdays: boolean;
  /** The contact list's order: by first name (Google's display name) or by last name. */
  contactSort: ContactSort;
  /**
   * Whose way phone numbers are written in (ISO 3166 code, e.g. "GB": its numbers nationally,
   * others internationally); null: the region of the computer's language.
   */
  phoneRegion: string | null;
  /** Contact photos: the most the on-disk cache holds, in MB (10–10,000). */
  photoCacheMb: number;
}

/**
 * Where the Google OAuth client comes from: GOOGLE_CLIENT_ID/SECRET (development), the person's
 * own (Settings → Google sign-in client), the one the app was packaged with, or none yet.
 */
export type SignInClientSource = 'env' | 'user' | 'default' | 'none';

/** The sign-in client as the app may show it: never its secret. */
export interface SignInClientInfo {
  clientId: string | null;
  source: SignInClientSource;
}

/** Hours that divide a day, so "every N hours" lands on the same local times every day. */
export const SYNC_EVERY_HOURS = [1, 2, 3, 4, 6, 8, 12, 24] as const;
export type SyncEveryHours = (typeof SYNC_EVERY_HOURS)[number];

/** 'vcard' is vCard 3.0 (what Google Contacts imports best), 'vcard4' RFC 6350. */
export const EXPORT_FORMATS = ['vcard', 'csv', 'cisco_xml', 'vcard4'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportResult {
  /** Where the file was written; null when the person cancelled the save dialog. */
  file: string | null;
  count: number;
  /** Preview mode: where the browser downloads the file from (the page's own server). */
  downloadUrl?: string;
}

/** Pushed while an export writes: contacts written so far of how many. */
export interface ExportProgress {
  format: ExportFormat;
  done: number;
  total: number;
}

/** A contact deleted in Google, kept locally: when, and by which sync run (null if unknown). */
export interface DeletedContact {
  accountId: number;
  resourceName: string;
  displayName: string | null;
  emails: string[];
  phones: string[];
  deletedAt: string;
  runId: number | null;
}

export interface DeletedContactPage {
  contacts: DeletedContact[];
  total: number;
  offset: number;
}

export interface DisconnectResult {
  accountId: number;
  dataDeleted: boolean;
}

/** One local calendar day (of the main process) in `getTimeline`. */
export interface TimelineDay {
  /** YYYY-MM-DD in the main process's time zone. */
  date: string;
  /** The instant the day starts (local midnight), ISO. */
  start: string;
  /** Active contacts at the end of the day (for today: now). */
  activeContacts: number;
  /** Finished runs started that day, by outcome and by what they synchronised. */
  runs: Record<Exclude<RunStatus, 'running'>, number>;
  runsByResource: Record<SyncResource, number>;
  apiCalls: number;
  /** Durations of the day's successful runs per resource; null on a day without one. */
  durationMs: Record<SyncResource, { median: number; max: number } | null>;
}

export interface Timeline {
  /** The IANA zone the days are cut in. */
  timeZone: string;
  /** Oldest first, ending with today; every day present, quiet ones with zeros. */
  days: TimelineDay[];
  /**
   * The local day (YYYY-MM-DD) of the scope's first sync, null before any: days before it have
   * no figures, not zeros, and charts start there. Optional only for answers of older cores.
   */
  firstSyncDay?: string | null;
}

/** Parts of a contact an update can change, as `getRunChanges` names them. */
export type ChangedField =
  | 'name'
  | 'nickname'
  | 'email'
  | 'phone'
  | 'address'
  | 'organization'
  | 'birthday'
  | 'notes'
  | 'labels'
  | 'photo'
  | 'website'
  | 'other';

/** One contact a run changed, from the journal. */
export interface RunChange {
  change: 'created' | 'updated' | 'deleted';
  accountId: number;
  resourceName: string;
  /** The name the run saw (for a deletion, the name before it). */
  displayName: string | null;
  /** For an update that renamed the contact: the name before. */
  previousDisplayName?: string | null;
  /** For an update: what changed; absent for updates journaled before fields were recorded. */
  fieldsChanged?: ChangedField[];
}

export interface RunChanges {
  run: SyncRun;
  /** A page of the journal: created first, then updated, then deleted. */
  changes: RunChange[];
  /** Journal entries of the run in all. */
  total: number;
  /**
   * Changes the run counted that are not listed one by one: an account's first import writes no
   * journal entry per contact (its counts say it all). Zero for calendar runs (no contact journal).
   */
  unlisted: { created: number; updated: number; deleted: number };
  /** The run was (or resumed) the account's first import of contacts. */
  firstImport: boolean;
}

/** Payloads of the events main pushes. */
export interface ApiEventPayloads {
  syncProgress: SyncProgress;
  runFinished: SyncRun;
  statusChanged: AppStatus;
  accountsChanged: Account[];
  exportProgress: ExportProgress;
  /** Contact photos of the account were fetched or removed: pictures on screen may be stale. */
  photosUpdated: { accountId: number };
}
