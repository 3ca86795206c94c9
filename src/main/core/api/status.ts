/** The app's overall status: what the tray icon, the tray's status line and the window show. */
import type { AccountStatusSummary, SyncProgress, SyncRun } from '../../../shared/domain.js';
import type { AppStatus, OverallState, SignInWait } from '../../../shared/api/contract.js';
import type { Clock } from '../clock.js';
import type { ReportsService } from '../services/reports.js';
import type { PauseControl } from './ports.js';

/** Errors only a new sign-in fixes. */
const SIGN_IN_CODES: ReadonlySet<string> = new Set([
  'AUTH_REVOKED',
  'UNAUTHORIZED',
  'NO_CREDENTIALS',
]);

export function needsSignIn(summary: AccountStatusSummary): boolean {
  if (summary.account.status === 'reconnect_needed') return true;
  const error = summary.lastRun?.status === 'failed' ? summary.lastRun.error : null;
  return error !== null && SIGN_IN_CODES.has(error.code);
}

/** An ISO instant still ahead, or 'indefinitely'. */
export function isPaused(pausedUntil: string | null, now: Date): boolean {
  if (pausedUntil === null) return false;
  return pausedUntil === 'indefinitely' || Date.parse(pausedUntil) > now.getTime();
}

/** What a pause control says now: its value while it is still in force, else null. */
export function currentPause(pause: PauseControl | undefined, now: Date): string | null {
  const until = pause?.pausedUntil() ?? null;
  return isPaused(until, now) ? until : null;
}

export function overallState(
  accounts: readonly AccountStatusSummary[],
  pausedUntil: string | null,
  now: Date,
): OverallState {
  const active = accounts.filter((s) => s.account.status !== 'disconnected');
  if (active.length === 0) return 'no_accounts';
  if (active.some((s) => s.running)) return 'syncing';
  if (active.some(needsSignIn)) return 'sign_in_needed';
  if (active.some((s) => s.lastRun?.status === 'failed')) return 'error';
  if (isPaused(pausedUntil, now)) return 'paused';
  return 'idle';
}

const latest = (values: Array<string | null>): string | null =>
  values.reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);

/** Keeps the latest progress of each running run, and builds `AppStatus` snapshots. */
export class StatusTracker {
  private readonly progress = new Map<number, SyncProgress>();
  /** accountId → the last run reported finished. */
  private readonly finished = new Map<number, number>();
  private signIn: SignInWait | null = null;

  constructor(
    private readonly reports: ReportsService,
    private readonly clock: Clock,
    private readonly pause: PauseControl | undefined,
    private readonly runningRunId: (accountId: number) => number | null,
  ) {}

  /** Records progress; true when it is the first of its run (the status just changed). */
  onProgress(progress: SyncProgress): boolean {
    const previous = this.progress.get(progress.accountId);
    this.progress.set(progress.accountId, progress);
    return previous?.runId !== progress.runId;
  }

  /** The sign-in waiting for the browser, or null once it ended (either way). */
  setSignIn(wait: SignInWait | null): void {
    this.signIn = wait;
  }

  onRunFinished(run: SyncRun): void {
    this.finished.set(run.accountId, run.runId);
    if (this.progress.get(run.accountId)?.runId === run.runId) this.progress.delete(run.accountId);
  }

  /**
   * The orchestrator reports a run finished a moment before it releases the account's mutex;
   * a run already reported finished is not running, whatever the mutex still says.
   */
  private isRunning(accountId: number): boolean {
    const runId = this.runningRunId(accountId);
    return runId !== null && this.finished.get(accountId) !== runId;
  }

  snapshot(): AppStatus {
    const now = this.clock.now();
    const accounts = this.reports
      .status()
      .map((summary) => ({ ...summary, running: this.isRunning(summary.account.id) }));
    const pausedUntil = currentPause(this.pause, now);
    const failed = accounts
      .filter((s) => s.lastRun?.status === 'failed' && s.lastRun.error)
      .map((s) => s.lastRun as SyncRun)
      .sort((a, b) => b.runId - a.runId)[0];
    const running = new Set(accounts.filter((s) => s.running).map((s) => s.account.id));
    return {
      state: overallState(accounts, pausedUntil, now),
      accounts,
      progress: [...this.progress.values()].filter((p) => running.has(p.accountId)),
      lastSuccessAt: latest(accounts.map((s) => s.lastSuccessAt)),
      lastError:
        failed?.error != null
          ? {
              ...failed.error,
              at: failed.finishedAt ?? failed.startedAt,
              account: failed.account,
            }
          : null,
      autoSyncPausedUntil: pausedUntil,
      signIn: this.signIn,
    };
  }
}
