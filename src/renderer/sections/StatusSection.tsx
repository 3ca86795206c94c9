/** Status: the overall line, Sync Now / Cancel, progress, and one card per account. */
import type { AccountStatusSummary } from '../../shared/domain.js';
import type { AppStatus, SyncHealth } from '../../shared/api/contract.js';
import {
  phaseNoun,
  progressPercent,
  retryText,
  statusLine,
  timeAgo,
  waitingRetry,
} from '../../shared/api/status-text.js';
import { count, exactTime } from '../format.js';
import { ConnectButton } from '../components/ConnectButton.js';
import { describeRun, type AppState } from '../useAppState.js';

type AccountState =
  | 'up to date'
  | 'syncing'
  | 'error'
  | 'sign-in needed'
  | 'paused'
  | 'disconnected'
  | 'not synced yet';

export function accountState(s: AccountStatusSummary, status: AppStatus): AccountState {
  if (s.running) return 'syncing';
  if (s.account.status === 'reconnect_needed') return 'sign-in needed';
  if (s.account.status === 'disconnected') return 'disconnected';
  if (s.lastRun?.status === 'failed') return 'error';
  if (status.autoSyncPausedUntil) return 'paused';
  return s.lastSuccessAt ? 'up to date' : 'not synced yet';
}

function AccountCard({
  summary,
  status,
  health,
  now,
  onReconnect,
  onAllowDeletions,
}: {
  summary: AccountStatusSummary;
  status: AppStatus;
  health: SyncHealth | null;
  now: Date;
  onReconnect: (email: string) => void;
  /** Runs the account's sync again with the mass deletion confirmed. */
  onAllowDeletions: () => void;
}) {
  const state = accountState(summary, status);
  const nextRunAt = health?.accounts.find((a) => a.accountId === summary.account.id)?.nextRunAt;
  const error = summary.lastRun?.status === 'failed' ? summary.lastRun.error : null;
  const needsSignIn = state === 'sign-in needed' || state === 'disconnected';
  // Calendar sync was turned on after this account signed in: one more sign-in grants it.
  const calendarAccess = error?.code === 'SCOPE_MISSING';
  return (
    <article className="card" aria-label={summary.account.email}>
      <h3>{summary.account.email}</h3>
      <p>
        <span className={`badge badge-${state.replaceAll(' ', '-')}`}>{state}</span>
      </p>
      <dl className="facts">
        <dt>Last sync</dt>
        <dd>
          <span title={exactTime(summary.lastSuccessAt)}>
            {timeAgo(summary.lastSuccessAt, now)}
          </span>
        </dd>
        <dt>Contacts</dt>
        <dd>{count(summary.contacts)}</dd>
        {nextRunAt && (
          <>
            <dt>Next run</dt>
            <dd>
              <span title={exactTime(nextRunAt)}>{new Date(nextRunAt).toLocaleString()}</span>
            </dd>
          </>
        )}
      </dl>
      {(error || needsSignIn) && (
        <div className="card-error">
          {error && !calendarAccess && <p>{error.message}</p>}
          {needsSignIn ? (
            <>
              <p>Sign in again so the app can keep syncing this account.</p>
              <button type="button" onClick={() => onReconnect(summary.account.email)}>
                Reconnect
              </button>
            </>
          ) : calendarAccess ? (
            <>
              <p>Reconnect to allow calendar access.</p>
              <button type="button" onClick={() => onReconnect(summary.account.email)}>
                Reconnect
              </button>
            </>
          ) : (
            // The core's message already says what went wrong and what to do about it.
            <p>Press Sync Now to try again, or wait for the next scheduled sync.</p>
          )}
        </div>
      )}
      {summary.pendingDeletions && (
        <PendingDeletions count={summary.pendingDeletions.count} onConfirm={onAllowDeletions} />
      )}
    </article>
  );
}

/**
 * Deletions the mass-deletion guard withholds: account state, shown whatever the last run was
 * (a calendar run, say) until the person confirms or the contacts come back in Google.
 */
function PendingDeletions({ count: n, onConfirm }: { count: number; onConfirm: () => void }) {
  return (
    <div className="card-error" data-testid="pending-deletions">
      <p>
        {count(n)} {n === 1 ? 'contact was' : 'contacts were'} deleted in Google Contacts. They are
        kept here until you confirm, because that is more than a sync deletes without asking.
      </p>
      <p>If you removed them on purpose, let the sync delete them here too.</p>
      <button type="button" className="danger" onClick={onConfirm}>
        Yes, delete them and sync
      </button>
    </div>
  );
}

/** Hidden but still taking its space (and out of the tab order and the accessibility tree). */
const idle = (active: boolean) => (active ? undefined : { visibility: 'hidden' as const });

export function StatusSection({ app, now }: { app: AppState; now: Date }) {
  const { status, health, lastRun, activity, busy } = app;
  const syncing = status?.state === 'syncing' || busy === 'sync';
  const percent = status ? progressPercent(status.progress) : null;
  const fetched =
    status?.progress.filter((p) => p.phase !== 'labels').reduce((n, p) => n + p.fetched, 0) ?? 0;
  const noun = phaseNoun(status?.progress.find((p) => p.phase !== 'labels')?.phase ?? 'contacts');
  const noAccounts = status?.state === 'no_accounts';
  const retry = status ? waitingRetry(status.progress) : null;

  return (
    <>
      <div className="toolbar">
        <p className={`status status-${status?.state ?? 'loading'}`} data-testid="status-line">
          {status ? statusLine(status, now) : 'Loading…'}
        </p>
        <div className="actions">
          <ConnectButton app={app} />
          <button
            type="button"
            onClick={() => void app.syncNow()}
            disabled={!status || syncing || noAccounts}
            aria-busy={syncing}
          >
            {/* Spinner and Cancel keep their space while idle: nothing moves when a run starts. */}
            <span className="spinner" aria-hidden="true" style={idle(syncing)} />
            Sync Now
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => void app.cancelSync()}
            disabled={!syncing}
            aria-hidden={!syncing}
            style={idle(syncing)}
          >
            Cancel
          </button>
        </div>
      </div>

      {/* Always takes its space, so nothing jumps when a sync starts or ends. */}
      <div className="progress-slot" data-testid="progress">
        {syncing && (
          <>
            <div
              role="progressbar"
              aria-label="Sync progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent ?? undefined}
              aria-valuetext={
                percent === null ? `${count(fetched)} ${noun} fetched` : `${percent}%`
              }
              className="progressbar"
            >
              <div
                className={percent === null ? 'bar indeterminate' : 'bar'}
                style={{ width: `${percent ?? 30}%` }}
              />
            </div>
            <p className="progress-text" data-testid="progress-text">
              {count(fetched)} {noun} fetched{percent !== null ? ` · ${percent}%` : ''}
              {retry && ` · ${retryText(retry)}`}
            </p>
          </>
        )}
      </div>

      {noAccounts && (
        <p className="empty">
          No Google account is connected yet. Press “Connect a Google account” to sign in; your
          contacts are then copied to this computer.
        </p>
      )}

      <section className="cards" aria-label="Accounts">
        {status?.accounts.map((s) => (
          <AccountCard
            key={s.account.id}
            summary={s}
            status={status}
            health={health}
            now={now}
            onReconnect={(email) => void app.connect(email)}
            onAllowDeletions={() =>
              void app.syncNow({ accountId: s.account.id, allowMassDeletion: true })
            }
          />
        ))}
        {app.statistics && (
          <article className="card" data-testid="statistics">
            <h3>All accounts</h3>
            <p data-testid="contact-count">{count(app.statistics.contacts.active)} contacts</p>
          </article>
        )}
      </section>

      {status?.lastError && (
        <p className="error-text">
          Last error ({status.lastError.account},{' '}
          <span title={exactTime(status.lastError.at)}>{timeAgo(status.lastError.at, now)}</span>):{' '}
          {status.lastError.message}
        </p>
      )}

      {lastRun && (
        <p className={`last-run last-run-${lastRun.status}`} data-testid="last-run">
          {describeRun(lastRun)}
        </p>
      )}

      <section aria-labelledby="activity-heading">
        <h3 id="activity-heading">Activity</h3>
        {activity.length === 0 && (
          <p className="muted">Nothing has happened yet in this session.</p>
        )}
        <ol className="activity" data-testid="activity">
          {activity.map((entry) => (
            <li key={entry.id} data-kind={entry.kind}>
              {entry.text}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
