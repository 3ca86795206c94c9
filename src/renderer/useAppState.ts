/**
 * The minimal page's state, kept current by the API's events rather than by polling: status,
 * statistics, the last finished run and a short log of what arrived.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Statistics, SyncProgress, SyncRun } from '../shared/domain.js';
import type { ApiResult, AppStatus, ContactsApi } from '../shared/api/contract.js';
import { withProgress } from '../shared/api/status-text.js';

export interface ActivityEntry {
  id: number;
  kind: 'progress' | 'finished' | 'error';
  text: string;
}

const MAX_ACTIVITY = 30;
const count = (n: number) => n.toLocaleString();

export function describeProgress(p: SyncProgress): string {
  const of = p.total ? ` of ${count(p.total)}` : '';
  return `${p.account}: ${count(p.fetched)}${of} ${p.phase === 'labels' ? 'labels' : 'contacts'} fetched`;
}

export function describeRun(run: SyncRun): string {
  if (run.status !== 'success') {
    return `${run.account}: sync ${run.status}${run.error ? ` — ${run.error.message}` : ''}`;
  }
  const c = run.counts;
  return `${run.account}: synced ${count(c.fetched)} contacts (${count(c.created)} new, ${count(c.updated)} updated, ${count(c.deleted)} deleted)`;
}

export function useAppState(api: ContactsApi) {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [statistics, setStatistics] = useState<Statistics | null>(null);
  const [lastRun, setLastRun] = useState<SyncRun | null>(null);
  const [activity, setActivity] = useState<ActivityEntry[]>([]);
  const [error, setError] = useState<string | null>(null);

  const log = useCallback((kind: ActivityEntry['kind'], text: string) => {
    setActivity((entries) =>
      [{ id: (entries[0]?.id ?? 0) + 1, kind, text }, ...entries].slice(0, MAX_ACTIVITY),
    );
  }, []);

  /** Shows a failed call's message; returns the value of a successful one. */
  const unwrap = useCallback(<T>(result: ApiResult<T>): T | null => {
    if (result.ok) return result.value;
    setError(result.error.message);
    return null;
  }, []);

  const refreshStatistics = useCallback(async () => {
    const value = unwrap(await api.getStatistics());
    if (value) setStatistics(value);
  }, [api, unwrap]);

  useEffect(() => {
    void api.getStatus().then((result) => {
      const value = unwrap(result);
      if (value) setStatus(value);
    });
    void refreshStatistics();
    const unsubscribes = [
      api.onStatusChanged(setStatus),
      api.onSyncProgress((progress) => {
        setStatus((current) => current && withProgress(current, progress));
        log('progress', describeProgress(progress));
      }),
      api.onRunFinished((run) => {
        setLastRun(run);
        log(run.status === 'success' ? 'finished' : 'error', describeRun(run));
        void refreshStatistics();
      }),
    ];
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  }, [api, log, refreshStatistics, unwrap]);

  const syncNow = useCallback(async () => {
    setError(null);
    unwrap(await api.syncNow());
  }, [api, unwrap]);

  const cancelSync = useCallback(async () => {
    unwrap(await api.cancelSync());
  }, [api, unwrap]);

  return { status, statistics, lastRun, activity, error, syncNow, cancelSync };
}
