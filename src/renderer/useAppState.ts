/**
 * The app-wide state, kept current by the API's events rather than by polling: status,
 * statistics, sync health, the last finished run and a short log of what arrived.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Statistics, SyncProgress, SyncRun } from '../shared/domain.js';
import type {
  ApiRequest,
  ApiResult,
  AppStatus,
  ContactsApi,
  SyncHealth,
} from '../shared/api/contract.js';
import { phaseNoun, resourceNoun, withProgress } from '../shared/api/status-text.js';
import { count } from './format.js';

export interface ActivityEntry {
  id: number;
  kind: 'progress' | 'finished' | 'error';
  text: string;
}

const MAX_ACTIVITY = 30;

export function describeProgress(p: SyncProgress): string {
  const of = p.total ? ` of ${count(p.total)}` : '';
  return `${p.account}: ${count(p.fetched)}${of} ${phaseNoun(p.phase)} fetched`;
}

export function describeRun(run: SyncRun): string {
  if (run.status !== 'success') {
    return `${run.account}: sync ${run.status}${run.error ? ` — ${run.error.message}` : ''}`;
  }
  const c = run.counts;
  const synced = `${run.account}: synced ${count(c.fetched)} ${resourceNoun(run.resource)} (${count(c.created)} new, ${count(c.updated)} updated, ${count(c.deleted)} deleted)`;
  // A successful run's notice: the deletions it withheld for the person's confirmation.
  return run.error ? `${synced} — ${run.error.message}` : synced;
}

export function useAppState(api: ContactsApi) {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [statistics, setStatistics] = useState<Statistics | null>(null);
  const [health, setHealth] = useState<SyncHealth | null>(null);
  const [lastRun, setLastRun] = useState<SyncRun | null>(null);
  const [activity, setActivity] = useState<ActivityEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'sync' | 'connect' | null>(null);

  const log = useCallback((kind: ActivityEntry['kind'], text: string) => {
    setActivity((entries) =>
      [{ id: (entries[0]?.id ?? 0) + 1, kind, text }, ...entries].slice(0, MAX_ACTIVITY),
    );
  }, []);

  /** Shows a failed call's message (never its code); returns the value of a successful one. */
  const unwrap = useCallback(<T>(result: ApiResult<T>): T | null => {
    if (result.ok) return result.value;
    setError(result.error.message);
    return null;
  }, []);

  const refresh = useCallback(async () => {
    const [stats, syncHealth] = await Promise.all([api.getStatistics(), api.getSyncHealth()]);
    const statsValue = unwrap(stats);
    if (statsValue) setStatistics(statsValue);
    const healthValue = unwrap(syncHealth);
    if (healthValue) setHealth(healthValue);
  }, [api, unwrap]);

  useEffect(() => {
    void api.getStatus().then((result) => {
      const value = unwrap(result);
      if (value) setStatus(value);
    });
    void refresh();
    const unsubscribes = [
      api.onStatusChanged(setStatus),
      api.onSyncProgress((progress) => {
        setStatus((current) => current && withProgress(current, progress));
        log('progress', describeProgress(progress));
      }),
      api.onRunFinished((run) => {
        setLastRun(run);
        log(run.status === 'success' ? 'finished' : 'error', describeRun(run));
        void refresh();
      }),
      api.onAccountsChanged(() => void refresh()),
    ];
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  }, [api, log, refresh, unwrap]);

  /** `request` narrows it, e.g. one account with its mass deletion confirmed. */
  const syncNow = useCallback(
    async (request?: ApiRequest<'syncNow'>) => {
      setError(null);
      setBusy('sync');
      try {
        unwrap(await api.syncNow(request));
      } finally {
        setBusy(null);
      }
    },
    [api, unwrap],
  );

  const cancelSync = useCallback(async () => {
    unwrap(await api.cancelSync());
  }, [api, unwrap]);

  const connect = useCallback(
    async (loginHint?: string) => {
      setError(null);
      setBusy('connect');
      try {
        if (unwrap(await api.connectAccount(loginHint ? { loginHint } : {}))) void refresh();
      } finally {
        setBusy(null);
      }
    },
    [api, refresh, unwrap],
  );

  const dismissError = useCallback(() => setError(null), []);

  return {
    status,
    statistics,
    health,
    lastRun,
    activity,
    error,
    busy,
    syncNow,
    cancelSync,
    connect,
    dismissError,
  };
}

export type AppState = ReturnType<typeof useAppState>;
