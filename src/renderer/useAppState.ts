/**
 * The app-wide state, kept current by the API's events rather than by polling: status,
 * statistics, sync health, the last finished run and the latest finished runs.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Statistics, SyncRun } from '../shared/domain.js';
import type {
  ApiRequest,
  ApiResult,
  AppStatus,
  ContactsApi,
  SyncHealth,
} from '../shared/api/contract.js';
import { withProgress } from '../shared/api/status-text.js';

/** Finished runs the Activity list shows, newest first. */
const ACTIVITY_RUNS = 12;

export function useAppState(api: ContactsApi) {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [statistics, setStatistics] = useState<Statistics | null>(null);
  const [health, setHealth] = useState<SyncHealth | null>(null);
  const [lastRun, setLastRun] = useState<SyncRun | null>(null);
  const [runs, setRuns] = useState<SyncRun[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'sync' | 'connect' | null>(null);
  // Set by Cancel, so the bar says "Cancelling…" at once rather than when the run stops.
  const [cancelling, setCancelling] = useState(false);

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

  const loadRuns = useCallback(async () => {
    const result = await api.listHistory({ limit: ACTIVITY_RUNS + 2 });
    if (result.ok)
      setRuns(result.value.filter((r) => r.status !== 'running').slice(0, ACTIVITY_RUNS));
  }, [api]);

  useEffect(() => {
    void api.getStatus().then((result) => {
      const value = unwrap(result);
      if (value) setStatus(value);
    });
    void refresh();
    void loadRuns();
    const unsubscribes = [
      api.onStatusChanged((next) => {
        setStatus(next);
        if (next.state !== 'syncing') setCancelling(false);
      }),
      api.onSyncProgress((progress) => {
        setStatus((current) => current && withProgress(current, progress));
      }),
      api.onRunFinished((run) => {
        setLastRun(run);
        void loadRuns();
        void refresh();
      }),
      api.onAccountsChanged(() => void refresh()),
    ];
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  }, [api, loadRuns, refresh, unwrap]);

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
    setCancelling(true);
    const result = unwrap(await api.cancelSync());
    // Nothing was running any more: there is nothing to wait for.
    if (result?.cancelled === 0) setCancelling(false);
  }, [api, unwrap]);

  const cancelConnect = useCallback(async () => {
    unwrap(await api.cancelConnect());
  }, [api, unwrap]);

  const resumeAutoSync = useCallback(async () => {
    unwrap(await api.resumeAutoSync());
  }, [api, unwrap]);

  const connect = useCallback(
    async (loginHint?: string) => {
      setError(null);
      setBusy('connect');
      try {
        const result = await api.connectAccount(loginHint ? { loginHint } : {});
        // Cancel was the person's own choice: nothing to tell them.
        if (result.ok) void refresh();
        else if (result.error.code !== 'SIGN_IN_CANCELLED') setError(result.error.message);
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
    runs,
    error,
    busy,
    cancelling,
    syncNow,
    cancelSync,
    cancelConnect,
    resumeAutoSync,
    connect,
    dismissError,
  };
}

export type AppState = ReturnType<typeof useAppState>;
