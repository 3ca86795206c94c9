/**
 * What an account card and the Activity list say, as plain functions of the status: one
 * sentence per account with the one action it needs, and one line per finished run.
 */
import type {
  AccountStatusSummary,
  SyncProgress,
  SyncRetry,
  SyncRun,
} from '../../shared/domain.js';
import { phaseNoun, resourceNoun, timeAgo } from '../../shared/api/status-text.js';
import { count } from '../format.js';
import { dayAndTime } from './when.js';

/** How the card looks: calm, busy, neutral (nothing wrong, nothing running), or needing you. */
export type Tone = 'ok' | 'busy' | 'neutral' | 'attention' | 'error';

/** The one thing the card asks for; Sync Now (the toolbar's) covers "try again". */
export type CardAction = 'reconnect' | 'connect-again' | 'confirm-deletions' | 'resume' | null;

export interface AccountStory {
  tone: Tone;
  sentence: string;
  action: CardAction;
}

export interface StoryContext {
  now: Date;
  /** An ISO instant or 'indefinitely'; null when auto-sync runs. */
  pausedUntil: string | null;
  /** This account's latest progress while it runs. */
  progress: SyncProgress | null;
  cancelling: boolean;
  /** A reconnect of this account is waiting for the browser. */
  signingIn: boolean;
}

const GOOGLE_BUSY = new Set(['RATE_LIMITED', 'SERVER_ERROR']);

/** "Google is busy — retrying in 8 s, attempt 3 of 6", counting down to the retry's `until`. */
export function retryWaitText(retry: SyncRetry, now: Date): string {
  const why = GOOGLE_BUSY.has(retry.code)
    ? 'Google is busy'
    : retry.code === 'TIMEOUT'
      ? 'Google is slow to answer'
      : 'Google cannot be reached';
  const left = retry.until
    ? Math.ceil((Date.parse(retry.until) - now.getTime()) / 1000)
    : Math.round(retry.delayMs / 1000);
  const when =
    left > 0
      ? `retrying in ${left < 90 ? `${left} s` : `${Math.round(left / 60)} min`}`
      : 'retrying now';
  return `${why} — ${when}, attempt ${retry.attempt} of ${retry.attempts}`;
}

/** "Syncing contacts — 1,200 of 3,000", or the waiting retry. */
export function progressSentence(progress: SyncProgress | null, now: Date): string {
  if (!progress) return 'Syncing…';
  if (progress.retry) return retryWaitText(progress.retry, now);
  const noun = phaseNoun(progress.phase);
  const of = progress.total ? ` of ${count(progress.total)}` : '';
  return `Syncing ${noun} — ${count(progress.fetched)}${of} fetched`;
}

export function pausedText(until: string, now: Date): string {
  return until === 'indefinitely' ? 'until you resume it' : `until ${dayAndTime(until, now)}`;
}

export function accountStory(s: AccountStatusSummary, ctx: StoryContext): AccountStory {
  const contacts = `${count(s.contacts)} ${s.contacts === 1 ? 'contact' : 'contacts'}`;
  if (ctx.signingIn) {
    return { tone: 'busy', sentence: 'Finish signing in in your browser.', action: null };
  }
  if (s.running) {
    const sentence = ctx.cancelling ? 'Cancelling…' : progressSentence(ctx.progress, ctx.now);
    return { tone: 'busy', sentence, action: null };
  }
  if (s.account.status === 'disconnected') {
    return {
      tone: 'neutral',
      sentence: `Disconnected — ${contacts} kept. Connect again to resume syncing.`,
      action: 'connect-again',
    };
  }
  if (s.account.status === 'reconnect_needed') {
    return {
      tone: 'attention',
      sentence: 'Google no longer accepts this sign-in. Reconnect to keep syncing.',
      action: 'reconnect',
    };
  }
  if (s.pendingDeletions) {
    return {
      tone: 'attention',
      sentence: 'Deletions from Google wait for your confirmation.',
      action: 'confirm-deletions',
    };
  }
  const last = s.lastRun;
  if (last?.status === 'failed' && last.error?.code === 'SCOPE_MISSING') {
    return {
      tone: 'attention',
      sentence: 'Calendar sync needs one more sign-in. Reconnect to allow calendar access.',
      action: 'reconnect',
    };
  }
  if (last?.status === 'failed') {
    const when = timeAgo(last.finishedAt ?? last.startedAt, ctx.now);
    const what = last.resource === 'calendar' ? 'calendar' : 'contacts';
    const message = last.error?.message ?? 'It stopped with an error.';
    return {
      tone: 'error',
      sentence: `The ${what} sync failed ${when}: ${message} Press Sync Now to try again.`,
      action: null,
    };
  }
  if (ctx.pausedUntil) {
    return {
      tone: 'neutral',
      sentence: `Auto-sync is paused ${pausedText(ctx.pausedUntil, ctx.now)}.`,
      action: 'resume',
    };
  }
  if (!s.lastSuccessAt) {
    return {
      tone: 'neutral',
      sentence: 'Not synced yet. Sync Now copies your contacts to this computer.',
      action: null,
    };
  }
  if (last?.status === 'cancelled') {
    return {
      tone: 'neutral',
      sentence: `The last sync was cancelled ${timeAgo(last.finishedAt ?? last.startedAt, ctx.now)}; what it saved stays saved.`,
      action: null,
    };
  }
  return {
    tone: 'ok',
    sentence: `Up to date — ${contacts}, last synced ${timeAgo(s.lastSuccessAt, ctx.now)}.`,
    action: null,
  };
}

/** Skip reasons as recorded by the policies (core/policies SKIP_REASONS). */
const SKIP_WORDS: Record<string, string> = {
  paused: 'paused',
  disabled: 'auto-sync is off',
  not_due: 'not due yet',
  adaptive_interval: 'nothing changed lately, so it syncs less often',
  circuit_open: 'Google kept failing, so automatic syncs wait an hour',
  already_running: 'another sync was running',
};

/** The error of a failed run in a few words; the whole message is on the account's card. */
const FAILURE_WORDS: Record<string, string> = {
  NETWORK: 'no connection',
  TIMEOUT: 'Google did not answer in time',
  RATE_LIMITED: 'Google was busy',
  SERVER_ERROR: 'Google was busy',
  AUTH_REVOKED: 'sign-in needed',
  UNAUTHORIZED: 'sign-in needed',
  NO_CREDENTIALS: 'sign-in needed',
  SCOPE_MISSING: 'calendar access missing',
  DISK_FULL: 'disk full',
  INTERRUPTED: 'the app stopped during the sync',
};

/** "synced 1,200 contacts (1,200 new, 0 updated, 0 deleted)", "skipped — paused", … */
export function runOutcome(run: SyncRun): string {
  switch (run.status) {
    case 'success': {
      const c = run.counts;
      const synced = `synced ${count(c.fetched)} ${resourceNoun(run.resource)} (${count(c.created)} new, ${count(c.updated)} updated, ${count(c.deleted)} deleted)`;
      // A successful run's notice: deletions it held back for the person's confirmation.
      return run.error ? `${synced} — deletions held back for your confirmation` : synced;
    }
    case 'failed':
      return `failed — ${(run.error && FAILURE_WORDS[run.error.code]) ?? 'see the account'}`;
    case 'skipped':
      return `skipped — ${(run.skipReason && SKIP_WORDS[run.skipReason]) ?? run.skipReason?.replaceAll('_', ' ') ?? 'no reason recorded'}`;
    case 'cancelled':
      return 'cancelled — what it saved stays saved';
    case 'running':
      return 'running';
  }
}
