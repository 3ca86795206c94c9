/** Domain vocabulary shared by core, CLI and (later) the renderer. No runtime dependencies. */

export const SYNC_KINDS = [
  'full',
  'incremental',
  'full_after_expired_token',
  'full_after_rejected_token',
] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];

export const SYNC_TRIGGERS = [
  'manual',
  'scheduled',
  'startup_catch_up',
  'after_connect',
  'cli',
] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

export const RUN_STATUSES = ['running', 'success', 'failed', 'skipped', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * What one run synchronises. Labels are synced inside a contacts run, before the contacts; the
 * calendar list and the events of the chosen calendars inside a calendar run.
 */
export const SYNC_RESOURCES = ['contacts', 'calendar'] as const;
export type SyncResource = (typeof SYNC_RESOURCES)[number];

export const ACCOUNT_STATUSES = ['connected', 'reconnect_needed', 'disconnected'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface RunCounts {
  fetched: number;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  errors: number;
}

export const emptyCounts = (): RunCounts => ({
  fetched: 0,
  created: 0,
  updated: 0,
  deleted: 0,
  unchanged: 0,
  errors: 0,
});

export interface RunError {
  code: string;
  message: string;
}

export interface SyncRun {
  runId: number;
  accountId: number;
  account: string;
  resource: SyncResource;
  kind: SyncKind;
  trigger: SyncTrigger;
  status: RunStatus;
  skipReason: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  counts: RunCounts;
  pages: number;
  apiCalls: number;
  /** Bytes of the pages received from Google (their Content-Length). */
  bytesReceived: number;
  error: RunError | null;
}

export interface Account {
  id: number;
  email: string;
  displayName: string | null;
  status: AccountStatus;
  connectedAt: string;
}

export interface SyncProgress {
  runId: number;
  accountId: number;
  account: string;
  phase: 'labels' | 'contacts' | 'sweep' | 'calendars' | 'events';
  fetched: number;
  /** The server's estimate of the whole listing, when it gave one. */
  total: number | null;
  pages: number;
  /** Set while a retry waits (until its pause ends; a page committed meanwhile keeps it). */
  retry?: SyncRetry;
}

/** A retry that is waiting: "retrying in 8 s, attempt 3 of 6". */
export interface SyncRetry {
  /** The attempt that comes after the pause (the first call is attempt 1). */
  attempt: number;
  attempts: number;
  delayMs: number;
  /** Why: the error code of the failed attempt (RATE_LIMITED, SERVER_ERROR, TIMEOUT…). */
  code: string;
  /** When the pause ends (ISO), so a window opened mid-wait still counts down the right time. */
  until?: string;
}

/** Contacts deleted in Google that the mass-deletion guard keeps until the person confirms. */
export interface PendingDeletionsSummary {
  count: number;
  /** When the oldest of them was found. */
  since: string;
}

export interface AccountStatusSummary {
  account: Account;
  contacts: number;
  /** Account state, not a run's: a later run of any resource leaves it until it is settled. */
  pendingDeletions: PendingDeletionsSummary | null;
  lastFullSyncAt: string | null;
  lastIncrementalSyncAt: string | null;
  lastSuccessAt: string | null;
  lastRun: SyncRun | null;
  running: boolean;
}

export interface Statistics {
  contacts: { total: number; active: number; deleted: number };
  /** Deletions from Google waiting for the person's confirmation (see AccountStatusSummary). */
  pendingDeletions: number;
  phoneNumbers: number;
  emails: number;
  groups: number;
  runs: Record<RunStatus, number>;
  /** The same runs split by what they synchronised. */
  runsByResource: Record<SyncResource, Record<RunStatus, number>>;
  /** Calendars chosen to be mirrored (and still listed by Google), and their live events. */
  calendar: { calendars: number; events: number };
  lastSuccessAt: string | null;
  lastError: (RunError & { at: string; runId: number }) | null;
}

export interface ContactSummary {
  /** Whose contact this is: one search spans every account, and getContact needs it. */
  accountId: number;
  resourceName: string;
  displayName: string | null;
  emails: string[];
  phones: string[];
  /** The name the list is sorted by (family name first in the last-name order). */
  sortName?: string | null;
  /** A photo of the contact is cached: only then does the list ask for it (no 404 per row). */
  hasPhoto?: boolean;
}

/** One page of a contact search: the rows from `offset` on, and how many match in all. */
export interface ContactPage {
  contacts: ContactSummary[];
  total: number;
  offset: number;
}

/** Exhaustiveness check for `switch` statements over unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
