/**
 * The one-line status the tray menu and the window both show, so they never disagree:
 * "Last synced 5 min ago", "Syncing… 42%", "Sign-in needed".
 */
import { assertNever, type SyncProgress, type SyncResource, type SyncRetry } from '../domain.js';
import type { AppStatus } from './types.js';

/** "just now", "5 min ago", "3 h ago", "2 days ago"; "never" for null. */
export function timeAgo(iso: string | null, now: Date): string {
  if (!iso) return 'never';
  const minutes = Math.floor((now.getTime() - Date.parse(iso)) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/** What a phase of a run fetches, for "120 events fetched". */
export function phaseNoun(phase: SyncProgress['phase']): string {
  switch (phase) {
    case 'labels':
      return 'labels';
    case 'contacts':
    case 'sweep':
      return 'contacts';
    case 'calendars':
      return 'calendars';
    case 'events':
      return 'events';
    default:
      return assertNever(phase);
  }
}

/** What a run of a resource counts: a calendar run counts its calendar list and the events. */
export function resourceNoun(resource: SyncResource): string {
  switch (resource) {
    case 'contacts':
      return 'contacts';
    case 'calendar':
      return 'calendars and events';
    default:
      return assertNever(resource);
  }
}

/** Share of the running syncs done, 0–100, or null while no run knows its total yet. */
export function progressPercent(progress: readonly SyncProgress[]): number | null {
  const contacts = progress.filter((p) => p.phase !== 'labels' && p.total);
  if (contacts.length === 0) return null;
  const total = contacts.reduce((sum, p) => sum + (p.total ?? 0), 0);
  const fetched = contacts.reduce((sum, p) => sum + Math.min(p.fetched, p.total ?? 0), 0);
  return Math.min(100, Math.floor((fetched / total) * 100));
}

/** The latest progress merged into the status, so "Syncing… 42%" moves between status events. */
export function withProgress(status: AppStatus, progress: SyncProgress): AppStatus {
  if (status.state !== 'syncing') return status;
  const others = status.progress.filter((p) => p.accountId !== progress.accountId);
  return { ...status, progress: [...others, progress] };
}

/** "retrying in 8 s, attempt 3 of 6" — what a waiting retry says in the CLI, window and tray. */
export function retryText(retry: SyncRetry): string {
  const seconds = Math.max(1, Math.round(retry.delayMs / 1000));
  const wait = seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
  return `retrying in ${wait}, attempt ${retry.attempt} of ${retry.attempts}`;
}

/** The first waiting retry among the running syncs, if any. */
export function waitingRetry(progress: readonly SyncProgress[]): SyncRetry | null {
  return progress.find((p) => p.retry)?.retry ?? null;
}

export function statusLine(status: AppStatus, now: Date): string {
  switch (status.state) {
    case 'no_accounts':
      return 'No account connected';
    case 'syncing': {
      const percent = progressPercent(status.progress);
      const line = percent === null ? 'Syncing…' : `Syncing… ${percent}%`;
      const retry = waitingRetry(status.progress);
      return retry ? `${line} (${retryText(retry)})` : line;
    }
    case 'sign_in_needed':
      return 'Sign-in needed';
    case 'error':
      return `Last sync failed ${timeAgo(status.lastError?.at ?? null, now)}`;
    case 'paused':
    case 'idle':
      return status.lastSuccessAt
        ? `Last synced ${timeAgo(status.lastSuccessAt, now)}`
        : 'Not synced yet';
  }
}
