/** Runs and progress for the Status tests. */
import { emptyCounts, type SyncProgress, type SyncRun } from '../../src/shared/domain.js';

export const run = (overrides: Partial<SyncRun> = {}): SyncRun => ({
  runId: 1,
  accountId: 1,
  account: 'ada@example.com',
  resource: 'contacts',
  kind: 'full',
  trigger: 'manual',
  status: 'success',
  skipReason: null,
  startedAt: '2026-01-02T03:04:05Z',
  finishedAt: '2026-01-02T03:04:07Z',
  durationMs: 2000,
  counts: emptyCounts(),
  pages: 1,
  apiCalls: 2,
  bytesReceived: 0,
  error: null,
  ...overrides,
});

export const progress = (overrides: Partial<SyncProgress> = {}): SyncProgress => ({
  runId: 7,
  accountId: 1,
  account: 'ada@example.com',
  phase: 'contacts',
  fetched: 250,
  total: 1000,
  pages: 1,
  ...overrides,
});

/** Today (local time) at hh:mm, as an ISO instant, plus `days`. */
export function localAt(hours: number, minutes: number, days = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setHours(hours, minutes, 0, 0);
  return d.toISOString();
}
