/** History: the runs, filterable by account and status, "Clear history", and a run's detail. */
import { useCallback, useEffect, useState } from 'react';
import {
  RUN_STATUSES,
  type Account,
  type RunStatus,
  type SyncResource,
  type SyncRun,
} from '../../shared/domain.js';
import type { ContactsApi } from '../../shared/api/contract.js';
import { count, duration, exactTime, humanize } from '../format.js';
import { RunDetail } from './RunDetail.js';

/** Contact runs count contacts (and labels), calendar runs events (and calendars). */
const RESOURCE_LABELS: Record<SyncResource, string> = {
  contacts: 'Contacts',
  calendar: 'Calendar',
};

function runProblem(run: SyncRun): string {
  // The core's message names a CLI command; in the app, Reconnect is on the Status page.
  if (run.error?.code === 'SCOPE_MISSING') return 'Reconnect to allow calendar access';
  return run.error?.message ?? (run.skipReason ? humanize(run.skipReason) : '');
}

const shortTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

export function HistorySection({
  api,
  accounts,
}: {
  api: ContactsApi;
  accounts: readonly Account[];
}) {
  const [runs, setRuns] = useState<SyncRun[] | null>(null);
  const [accountId, setAccountId] = useState<number | null>(null);
  const [status, setStatus] = useState<RunStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  /** The run whose detail is open, below the table. */
  const [selected, setSelected] = useState<number | null>(null);
  // With one account its column would repeat the same address on every row of a wide table.
  const showAccount = accounts.length > 1;

  const load = useCallback(async () => {
    const result = await api.listHistory({
      limit: 200,
      ...(accountId !== null ? { accountId } : {}),
      ...(status !== null ? { status } : {}),
    });
    if (result.ok) {
      setRuns(result.value);
      setError(null);
    } else setError(result.error.message);
  }, [api, accountId, status]);

  useEffect(() => {
    void load();
    return api.onRunFinished(() => void load());
  }, [api, load]);

  const clear = async () => {
    setConfirming(false);
    setSelected(null); // the open run may be one of those cleared
    const result = await api.clearHistory();
    if (result.ok) void load();
    else setError(result.error.message);
  };

  return (
    <>
      <div className="toolbar">
        <label>
          Account{' '}
          <select
            value={accountId ?? ''}
            onChange={(e) => setAccountId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">All accounts</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.email}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status{' '}
          <select
            value={status ?? ''}
            onChange={(e) => setStatus((e.target.value || null) as RunStatus | null)}
          >
            <option value="">Any status</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <div className="actions">
          {confirming ? (
            <>
              <span>Delete every run from the history?</span>
              <button type="button" className="danger" onClick={() => void clear()}>
                Yes, clear
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button
              type="button"
              className="secondary"
              onClick={() => setConfirming(true)}
              disabled={!runs?.length}
            >
              Clear history
            </button>
          )}
        </div>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {runs && runs.length === 0 ? (
        <p className="empty">
          {accountId !== null || status !== null
            ? 'No runs match these filters. Choose “All accounts” and “Any status” to see every run.'
            : 'No sync has run yet. Press Sync Now on the Status page to run the first one.'}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="runs">
            <caption className="visually-hidden">Sync runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                {showAccount && <th scope="col">Account</th>}
                <th scope="col">Synced</th>
                <th scope="col">Kind</th>
                <th scope="col">Trigger</th>
                <th scope="col">Status</th>
                <th scope="col">Duration</th>
                <th scope="col" className="num">
                  Created
                </th>
                <th scope="col" className="num">
                  Updated
                </th>
                <th scope="col" className="num">
                  Deleted
                </th>
                <th scope="col" className="num">
                  API calls
                </th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {runs?.map((run) => (
                <tr key={run.runId} className={selected === run.runId ? 'selected' : undefined}>
                  <td title={exactTime(run.startedAt)}>
                    <button
                      type="button"
                      className="link"
                      aria-label={`Show details of the run at ${shortTime(run.startedAt)}`}
                      aria-expanded={selected === run.runId}
                      aria-controls={selected === run.runId ? 'run-detail' : undefined}
                      onClick={() => setSelected(selected === run.runId ? null : run.runId)}
                    >
                      {shortTime(run.startedAt)}
                    </button>
                  </td>
                  {showAccount && <td>{run.account}</td>}
                  <td>{RESOURCE_LABELS[run.resource]}</td>
                  <td>{humanize(run.kind)}</td>
                  <td>{humanize(run.trigger)}</td>
                  <td>
                    <span className={`badge badge-run-${run.status}`}>{run.status}</span>
                  </td>
                  <td>{duration(run.durationMs)}</td>
                  <td className="num">{count(run.counts.created)}</td>
                  <td className="num">{count(run.counts.updated)}</td>
                  <td className="num">{count(run.counts.deleted)}</td>
                  <td className="num">{count(run.apiCalls)}</td>
                  <td>{runProblem(run)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected !== null && (
        <RunDetail api={api} runId={selected} onClose={() => setSelected(null)} />
      )}
    </>
  );
}
