/** Plain words for a run's kind, trigger, status and problem: History's table and its detail. */
import {
  assertNever,
  type RunStatus,
  type SyncKind,
  type SyncResource,
  type SyncRun,
  type SyncTrigger,
} from '../../shared/domain.js';
import { humanize } from '../format.js';

export const RESOURCE_LABELS: Record<SyncResource, string> = {
  contacts: 'Contacts',
  calendar: 'Calendar',
};

/** No "full after expired token": what happened, as the person would say it. */
export function kindLabel(kind: SyncKind): string {
  switch (kind) {
    case 'full':
      return 'Everything';
    case 'incremental':
      return 'Changes only';
    case 'full_after_expired_token':
      return 'Everything (Google asked for a fresh start)';
    case 'full_after_rejected_token':
      return 'Everything (settings changed)';
    default:
      return assertNever(kind);
  }
}

export function triggerLabel(trigger: SyncTrigger): string {
  switch (trigger) {
    case 'manual':
      return 'You (Sync Now)';
    case 'scheduled':
      return 'Schedule';
    case 'startup_catch_up':
      return 'Catch-up at start';
    case 'after_connect':
      return 'After connecting';
    case 'cli':
      return 'Command line';
    default:
      return assertNever(trigger);
  }
}

export function statusLabel(status: RunStatus): string {
  return status === 'success' ? 'succeeded' : status;
}

/** Skip reasons the policies record (sync_runs.skip_reason), in plain words. */
const SKIP_REASON_WORDS: Record<string, string> = {
  circuit_open: 'Paused for an hour after 3 failed syncs in a row',
  disabled: 'Automatic sync is off',
  paused: 'Automatic sync is paused',
  not_due: 'No sync was due',
  adaptive_interval: 'Nothing changed lately, so syncing less often',
};

export const skipReasonText = (reason: string): string =>
  SKIP_REASON_WORDS[reason] ?? humanize(reason);

/** Why a run did not (fully) happen; for a cancel, a calm note rather than an error. */
export function runReason(run: SyncRun): string {
  // The core's message names a CLI command; in the app, Reconnect is on the Status page.
  if (run.error?.code === 'SCOPE_MISSING') return 'Reconnect to allow calendar access';
  if (run.status === 'cancelled') return 'Cancelled — what was saved stays saved';
  return run.error?.message ?? (run.skipReason ? skipReasonText(run.skipReason) : '');
}
