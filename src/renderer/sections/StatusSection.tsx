/**
 * Status: the overall line, the next useful step as the filled button, the live run in the bar,
 * one card per account (its state in a sentence and the one action it needs), and Activity.
 */
import { useEffect, useState } from 'react';
import type { AccountStatusSummary, SyncProgress, SyncRun } from '../../shared/domain.js';
import type { AppStatus, ContactsApi } from '../../shared/api/contract.js';
import { statusLine, waitingRetry } from '../../shared/api/status-text.js';
import { count } from '../format.js';
import { ConnectButton } from '../components/ConnectButton.js';
import { AccountCard } from '../status/AccountCard.js';
import { ActivityList } from '../status/ActivityList.js';
import { SignInWaiting } from '../status/SignInWaiting.js';
import { accountStory, type AccountStory } from '../status/story.js';
import { SyncBar } from '../status/SyncBar.js';
import { SharingStatusLine } from './SharingStatusLine.js';
import type { AppState } from '../useAppState.js';
import '../status/status.css';

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

/** Ticks every second while a retry counts down; otherwise the section's own `now`. */
function useCountdownNow(active: boolean, now: Date): Date {
  const [tick, setTick] = useState(() => new Date());
  useEffect(() => {
    if (!active) return;
    setTick(new Date());
    const timer = setInterval(() => setTick(new Date()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return active ? tick : now;
}

/** Each resource's last successful sync, once the account has a calendar run among the runs. */
function perResource(runs: readonly SyncRun[], accountId: number) {
  const last = (resource: SyncRun['resource']) =>
    runs.find((r) => r.accountId === accountId && r.resource === resource && r.status === 'success')
      ?.finishedAt ?? null;
  const calendar = last('calendar');
  return calendar ? { contacts: last('contacts'), calendar } : null;
}

export function StatusSection({
  app,
  now: minuteNow,
  api,
}: {
  app: AppState;
  now: Date;
  /** For the sharing line (CardDAV, phone directory); absent, it is not shown. */
  api?: ContactsApi;
}) {
  const { status, health, runs, busy, cancelling } = app;
  const syncing = status?.state === 'syncing' || busy === 'sync';
  const now = useCountdownNow(Boolean(status && waitingRetry(status.progress)), minuteNow);
  const accounts = status?.accounts ?? [];
  const signIn = status?.signIn ?? null;
  const hasActive = accounts.some((s) => s.account.status !== 'disconnected');
  const stories = new Map<number, AccountStory>(
    accounts.map((s) => [
      s.account.id,
      accountStory(s, {
        now,
        pausedUntil: status?.autoSyncPausedUntil ?? null,
        progress: status?.progress.find((p) => p.accountId === s.account.id) ?? null,
        cancelling,
        signingIn: signIn?.loginHint === s.account.email,
      }),
    ]),
  );
  // The filled button is the next useful step: a card's action when one asks for it, else
  // Connect on first run, else Sync Now.
  const cardAsks = [...stories.values()].some((s) => s.action !== null);
  const connectIsNext = status !== null && !hasActive && !cardAsks && !signIn;
  const newSignIn = signIn && !accounts.some((s) => s.account.email === signIn.loginHint);

  return (
    <>
      <div className="toolbar">
        <p className={`status status-${status?.state ?? 'loading'}`} data-testid="status-line">
          {status ? headline(status, now) : 'Loading…'}
        </p>
        <div className="actions">
          <ConnectButton app={app} primary={connectIsNext} />
          {hasActive && (
            <>
              <button
                type="button"
                className={cardAsks ? 'secondary' : undefined}
                onClick={() => void app.syncNow()}
                disabled={syncing}
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
                disabled={!syncing || cancelling}
                aria-hidden={!syncing}
                style={idle(syncing)}
              >
                Cancel
              </button>
            </>
          )}
        </div>
      </div>

      <SyncBar status={status} syncing={syncing} cancelling={cancelling} now={now} />

      {status && accounts.length === 0 && !signIn && (
        <p className="empty">
          No Google account is connected yet. Press “Connect a Google account” to sign in; your
          contacts are then copied to this computer.
        </p>
      )}

      <section className="cards" aria-label="Accounts">
        {newSignIn && (
          <article className="card account-card tone-busy" aria-label="Signing in">
            <SignInWaiting wait={signIn} onCancel={() => void app.cancelConnect()} heading />
          </article>
        )}
        {status &&
          accounts.map((s) => {
            const story = stories.get(s.account.id) as AccountStory;
            return (
              <AccountCard
                key={s.account.id}
                summary={s}
                story={story}
                badge={accountState(s, status)}
                now={now}
                nextRunAt={
                  health?.accounts.find((a) => a.accountId === s.account.id)?.nextRunAt ?? null
                }
                pausedUntil={status.autoSyncPausedUntil}
                perResource={perResource(runs, s.account.id)}
                signIn={signIn?.loginHint === s.account.email ? signIn : null}
                primary={story.action !== null}
                onReconnect={() => void app.connect(s.account.email)}
                onResume={() => void app.resumeAutoSync()}
                onAllowDeletions={() =>
                  void app.syncNow({ accountId: s.account.id, allowMassDeletion: true })
                }
                onCancelSignIn={() => void app.cancelConnect()}
              />
            );
          })}
        {app.statistics && hasActive && (
          <article className="card" data-testid="statistics">
            <h3>All accounts</h3>
            <p data-testid="contact-count">{count(app.statistics.contacts.active)} contacts</p>
          </article>
        )}
      </section>

      {api && <SharingStatusLine api={api} />}
      <ActivityList runs={runs} now={now} />
    </>
  );
}

/**
 * The tray's status line, less a waiting retry: here the bar and the card count that down, so
 * the line would only repeat it, frozen.
 */
function headline(status: AppStatus, now: Date): string {
  if (status.state !== 'syncing') return statusLine(status, now);
  return statusLine({ ...status, progress: status.progress.map(withoutRetry) }, now);
}

function withoutRetry({ retry: _retry, ...progress }: SyncProgress): SyncProgress {
  return progress;
}

/** Hidden but still taking its space (and out of the tab order and the accessibility tree). */
function idle(active: boolean) {
  return active ? undefined : { visibility: 'hidden' as const };
}
