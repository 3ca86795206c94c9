import { retryText } from '../../shared/api/status-text.js';
import type {
  PendingDeletionsSummary,
  SyncProgress,
  SyncResource,
  SyncRun,
} from '../../shared/domain.js';
import { oneLine } from '../core/export/text-safety.js';

export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (seconds < 60) return 'just now';
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    if (seconds >= size) {
      const n = Math.floor(seconds / size);
      return `${n} ${name}${n === 1 ? '' : 's'} ago`;
    }
  }
  return 'just now';
}

/** Cells may hold contact data: no line break, escape sequence or other control reaches a terminal. */
export function table(headers: string[], cells: string[][]): string {
  const rows = cells.map((r) => r.map(oneLine));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

export function progressLine(p: SyncProgress, width = 30): string {
  const label = p.phase === 'sweep' ? 'contacts' : p.phase;
  const retry = p.retry ? ` (${retryText(p.retry)})` : '';
  if (!p.total) return `${p.account}: ${p.fetched} ${label} fetched${retry}`;
  const share = Math.min(1, p.fetched / p.total);
  const filled = Math.round(share * width);
  return `${p.account} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(share * 100)}% ${p.fetched}/${p.total} ${label}${retry}`;
}

const CONFIRM_DELETIONS = 'contacts-sync sync --allow-mass-deletion';

/** How to act on an error from the command line, where the core's message is app-neutral. */
function cliHint(code: string): string {
  return code === 'MASS_DELETION_GUARD' ? ` To confirm: ${CONFIRM_DELETIONS}` : '';
}

/** The account's withheld deletions (`status`), or null when none wait. */
export function pendingDeletionsLine(pending: PendingDeletionsSummary | null): string | null {
  if (!pending) return null;
  const n = pending.count.toLocaleString('en-US');
  return (
    `  waiting for your confirmation: ${n} contact${pending.count === 1 ? '' : 's'} deleted in ` +
    `Google are kept here until you confirm (${CONFIRM_DELETIONS})`
  );
}

export function runSummary(run: SyncRun): string {
  const c = run.counts;
  const seconds = ((run.durationMs ?? 0) / 1000).toFixed(1);
  const what = run.resource === 'calendar' ? ' calendars' : '';
  const head = `${run.account}${what}: ${run.status} (${run.kind.replaceAll('_', ' ')}, ${seconds} s, ${run.apiCalls} API calls)`;
  const notice =
    run.error && `\n  ${run.error.message}${cliHint(run.error.code)} [${run.error.code}]`;
  // A successful run may carry a notice: deletions it withheld for the person's confirmation.
  if (notice && run.status !== 'success') return `${head}${notice}`;
  if (run.status === 'skipped') return `${head}: not run (${run.skipReason ?? 'skipped'})`;
  return `${head}: ${c.fetched} fetched, ${c.created} new, ${c.updated} updated, ${c.deleted} deleted${notice ?? ''}`;
}

/** The run as `sync --json` prints it (README documents this shape). */
export function runJson(run: SyncRun) {
  return {
    runId: run.runId,
    account: run.account,
    resource: run.resource,
    kind: run.kind,
    trigger: run.trigger,
    status: run.status,
    skipReason: run.skipReason,
    counts: run.counts,
    apiCalls: run.apiCalls,
    bytesReceived: run.bytesReceived,
    durationMs: run.durationMs,
    startedAt: run.startedAt,
    ...(run.error ? { error: run.error } : {}),
  };
}

/** `sync` exit code when another process was already syncing an account (nothing failed). */
export const EXIT_BUSY = 3;

/** A sync this process did not start because another one (app, daemon, cron) is running it. */
export interface BusyAnswer {
  account: string;
  resource: SyncResource;
  status: 'already_running';
  runId: number;
}

export function busySummary(answer: BusyAnswer): string {
  const what = answer.resource === 'calendar' ? ' calendars' : '';
  return (
    `${answer.account}${what}: already running (run ${answer.runId}, in another process: the ` +
    `app, the daemon or another sync); this sync did nothing. See: contacts-sync status`
  );
}
