/** Figures of `Statistics` beyond the contacts: runs per resource and the mirrored calendars. */
import {
  RUN_STATUSES,
  SYNC_RESOURCES,
  type RunStatus,
  type Statistics,
  type SyncResource,
} from '../../../shared/domain.js';
import type { Db } from '../db/connection.js';

export function runsByResource(db: Db, accountId?: number): Statistics['runsByResource'] {
  const zeros = () =>
    Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
  const counts = Object.fromEntries(SYNC_RESOURCES.map((r) => [r, zeros()])) as Record<
    SyncResource,
    Record<RunStatus, number>
  >;
  const rows = db
    .prepare<
      [number | null, number | null],
      { resource: SyncResource; status: RunStatus; n: number }
    >(
      `SELECT resource, status, count(*) AS n FROM sync_runs
       WHERE (? IS NULL OR account_id = ?) GROUP BY resource, status`,
    )
    .all(accountId ?? null, accountId ?? null);
  for (const row of rows) {
    // A resource this version does not know (written by a newer one) is left out, not a crash.
    const byStatus = counts[row.resource] as Record<RunStatus, number> | undefined;
    if (byStatus) byStatus[row.status] = row.n;
  }
  return counts;
}

/**
 * The calendars mirrored here and their live events, counted like the agenda counts them: a
 * recurring series is one event, cancelled ones (and cancelled instances) are not events.
 */
export function calendarTotals(db: Db, accountId?: number): Statistics['calendar'] {
  const row = db
    .prepare<[number | null, number | null], { calendars: number; events: number }>(
      `SELECT count(*) AS calendars, coalesce(sum(
         (SELECT count(*) FROM calendar_events e WHERE e.calendar_ref = c.id
            AND e.deleted_at IS NULL AND e.status != 'cancelled')), 0) AS events
       FROM calendars c
       WHERE c.selected = 1 AND c.deleted_at IS NULL AND (? IS NULL OR c.account_id = ?)`,
    )
    .get(accountId ?? null, accountId ?? null);
  return { calendars: row?.calendars ?? 0, events: row?.events ?? 0 };
}
