/**
 * A minimal page until the full React UI lands: status, Sync Now, progress as it arrives, the
 * last run and the statistics — enough to exercise both transports end to end.
 */
import { useEffect, useState } from 'react';
import type { ContactsApi } from '../shared/api/contract.js';
import { progressPercent, statusLine, timeAgo } from '../shared/api/status-text.js';
import { describeProgress, describeRun, useAppState } from './useAppState.js';

/** Re-renders every 30 s so "5 min ago" stays true. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function App({ api }: { api: ContactsApi }) {
  const { status, statistics, lastRun, activity, error, syncNow, cancelSync } = useAppState(api);
  const now = useNow();
  const syncing = status?.state === 'syncing';
  const percent = status ? progressPercent(status.progress) : null;

  return (
    <main className="app">
      <header className="header">
        <h1>Contacts Sync Agent</h1>
        <p className={`status status-${status?.state ?? 'loading'}`} data-testid="status-line">
          {status ? statusLine(status, now) : 'Loading…'}
        </p>
        <div className="actions">
          <button type="button" onClick={() => void syncNow()} disabled={!status || syncing}>
            Sync Now
          </button>
          {syncing && (
            <button type="button" className="secondary" onClick={() => void cancelSync()}>
              Cancel
            </button>
          )}
        </div>
      </header>

      {error && (
        <p className="error" role="alert" data-testid="error">
          {error}
        </p>
      )}

      {syncing && status && (
        <section aria-label="Progress" data-testid="progress">
          <progress max={100} value={percent ?? undefined} />
          {status.progress.map((p) => (
            <p key={p.runId}>{describeProgress(p)}</p>
          ))}
        </section>
      )}

      <section className="cards">
        {status?.accounts.map((s) => (
          <article key={s.account.id} className="card">
            <h2>{s.account.email}</h2>
            <p>
              {s.contacts.toLocaleString()} contacts · last synced {timeAgo(s.lastSuccessAt, now)}
            </p>
          </article>
        ))}
        {statistics && (
          <article className="card" data-testid="statistics">
            <h2>Statistics</h2>
            <p data-testid="contact-count">
              {statistics.contacts.active.toLocaleString()} contacts
            </p>
            <p>
              {statistics.phoneNumbers.toLocaleString()} phone numbers ·{' '}
              {statistics.emails.toLocaleString()} emails · {statistics.groups} labels
            </p>
          </article>
        )}
      </section>

      {lastRun && (
        <p className={`last-run last-run-${lastRun.status}`} data-testid="last-run">
          {describeRun(lastRun)}
        </p>
      )}

      <section aria-label="Activity">
        <h2>Activity</h2>
        <ol className="activity" data-testid="activity">
          {activity.map((entry) => (
            <li key={entry.id} data-kind={entry.kind}>
              {entry.text}
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
