/** Builders of contract values for unit tests: valid by default, overridden where a test cares. */
import {
  emptyCounts,
  type AccountStatusSummary,
  type SyncProgress,
  type SyncRun,
} from '../../src/shared/domain.js';
import type { AppStatus } from '../../src/shared/api/contract.js';

export const NOW = new Date('2026-03-10T12:00:00Z');
export const minutesAgo = (n: number) => new Date(NOW.getTime() - n * 60_000).toISOString();

export function run(overrides: Partial<SyncRun> = {}): SyncRun {
  return {
    runId: 1,
    accountId: 1,
    account: 'ada@example.com',
    resource: 'contacts',
    kind: 'incremental',
    trigger: 'scheduled',
    status: 'success',
    skipReason: null,
    startedAt: minutesAgo(6),
    finishedAt: minutesAgo(5),
    durationMs: 60_000,
    counts: emptyCounts(),
    pages: 1,
    apiCalls: 2,
    bytesReceived: 0,
    error: null,
    ...overrides,
  };
}

export function summary(overrides: Partial<AccountStatusSummary> = {}): AccountStatusSummary {
  return {
    account: {
      id: 1,
      email: 'ada@example.com',
      displayName: null,
      status: 'connected',
      connectedAt: minutesAgo(1000),
    },
    contacts: 10,
    pendingDeletions: null,
    lastFullSyncAt: minutesAgo(5),
    lastIncrementalSyncAt: null,
    lastSuccessAt: minutesAgo(5),
    lastRun: run(),
    running: false,
    ...overrides,
  };
}

export function progress(overrides: Partial<SyncProgress> = {}): SyncProgress {
  return {
    runId: 2,
    accountId: 1,
    account: 'ada@example.com',
    phase: 'contacts',
    fetched: 420,
    total: 1000,
    pages: 1,
    ...overrides,
  };
}

export function status(overrides: Partial<AppStatus> = {}): AppStatus {
  return {
    state: 'idle',
    accounts: [summary()],
    progress: [],
    lastSuccessAt: minutesAgo(5),
    lastError: null,
    autoSyncPausedUntil: null,
    ...overrides,
  };
}
