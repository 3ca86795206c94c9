/**
 * Figures per day for the Statistics charts: active contacts at the end of each day, runs by
 * outcome and by resource, API calls, and how long successful runs took.
 *
 * Days are local calendar days of this process (the desktop app runs on the person's machine,
 * so its time zone is theirs), and a day of a DST change has 23 or 25 hours. SQLite only knows
 * UTC without relying on the C library's idea of the zone, so the queries group by UTC quarter
 * hour — every UTC offset in use today is a whole number of quarter hours, so a quarter never
 * straddles a local midnight — and the few hundred groups are folded into local days here.
 */
import type { Timeline, TimelineDay } from '../../../shared/api/contract.js';
import { SYNC_RESOURCES, type RunStatus, type SyncResource } from '../../../shared/domain.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';

export const TIMELINE_DEFAULT_DAYS = 30;
const QUARTER_SECONDS = 900;

type FinishedStatus = Exclude<RunStatus, 'running'>;
type Scope = [number | null, number | null];

/** YYYY-MM-DD of an instant in this process's time zone. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

interface DayAccumulator {
  day: TimelineDay;
  net: number;
  durations: Record<SyncResource, number[]>;
}

export class TimelineService {
  private readonly baseline;
  private readonly created;
  private readonly deleted;
  private readonly runs;
  private readonly firstSync;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    const scope = '(? IS NULL OR account_id = ?)';
    this.baseline = db.prepare<[...Scope, string, string], { n: number }>(
      `SELECT count(*) AS n FROM contacts
       WHERE ${scope} AND created_at < ? AND (deleted_at IS NULL OR deleted_at >= ?)`,
    );
    this.created = db.prepare<[...Scope, string], { q: number; n: number }>(
      `SELECT unixepoch(created_at) / ${QUARTER_SECONDS} AS q, count(*) AS n FROM contacts
       WHERE ${scope} AND created_at >= ? GROUP BY q`,
    );
    this.deleted = db.prepare<[...Scope, string], { q: number; n: number }>(
      `SELECT unixepoch(deleted_at) / ${QUARTER_SECONDS} AS q, count(*) AS n FROM contacts
       WHERE ${scope} AND deleted_at >= ? GROUP BY q`,
    );
    // Few rows (a handful of runs a day), and the medians need each duration anyway.
    this.runs = db.prepare<
      [...Scope, string],
      {
        q: number;
        resource: SyncResource;
        status: FinishedStatus;
        apiCalls: number;
        durationMs: number | null;
      }
    >(
      `SELECT unixepoch(started_at) / ${QUARTER_SECONDS} AS q, resource, status,
         api_calls AS apiCalls, duration_ms AS durationMs
       FROM sync_runs WHERE ${scope} AND started_at >= ? AND status != 'running'`,
    );
    // The first run, or the first contact stored should the history have been cleared since
    // (contacts_timeline indexes created_at: no scan of every contact).
    this.firstSync = db.prepare<[...Scope, ...Scope], { t: string | null }>(
      `SELECT min(t) AS t FROM (
         SELECT min(started_at) AS t FROM sync_runs WHERE ${scope}
         UNION ALL SELECT min(created_at) FROM contacts WHERE ${scope})`,
    );
  }

  /** The last `days` local days, oldest first, ending with today. */
  timeline(options: { accountId?: number; days?: number } = {}): Timeline {
    const count = Math.min(365, Math.max(1, Math.floor(options.days ?? TIMELINE_DEFAULT_DAYS)));
    const scope: Scope = [options.accountId ?? null, options.accountId ?? null];
    const now = this.clock.now();
    // new Date(y, m, d + i) is local midnight even across DST changes and month ends.
    const dayStart = (offset: number) =>
      new Date(now.getFullYear(), now.getMonth(), now.getDate() - (count - 1) + offset);
    const from = dayStart(0).toISOString();

    const accumulators: DayAccumulator[] = [];
    for (let i = 0; i < count; i++) {
      const start = dayStart(i);
      const entry: DayAccumulator = {
        day: {
          date: localDay(start),
          start: start.toISOString(),
          activeContacts: 0,
          runs: { success: 0, failed: 0, skipped: 0, cancelled: 0 },
          runsByResource: { contacts: 0, calendar: 0 },
          apiCalls: 0,
          durationMs: { contacts: null, calendar: null },
        },
        net: 0,
        durations: { contacts: [], calendar: [] },
      };
      accumulators.push(entry);
    }
    // Local midnights, then the end of today: a quarter hour's day is found by binary search
    // rather than by formatting thousands of dates. Rows after today (a clock set back) are in
    // no day shown.
    const bounds = [...accumulators.map((a) => Date.parse(a.day.start)), dayStart(count).getTime()];
    const dayOf = (quarter: number): DayAccumulator | undefined => {
      const ms = quarter * QUARTER_SECONDS * 1000;
      let lo = 0;
      let hi = count;
      if (ms < (bounds[0] ?? 0) || ms >= (bounds[count] ?? 0)) return undefined;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (ms >= (bounds[mid] ?? 0)) lo = mid;
        else hi = mid;
      }
      return accumulators[lo];
    };

    const read = this.db.transaction(() => {
      const baseline = this.baseline.get(...scope, from, from)?.n ?? 0;
      for (const row of this.created.all(...scope, from)) {
        const entry = dayOf(row.q);
        if (entry) entry.net += row.n;
      }
      for (const row of this.deleted.all(...scope, from)) {
        const entry = dayOf(row.q);
        if (entry) entry.net -= row.n;
      }
      for (const row of this.runs.all(...scope, from)) {
        const entry = dayOf(row.q);
        if (!entry) continue;
        entry.day.runs[row.status] += 1;
        entry.day.runsByResource[row.resource] += 1;
        entry.day.apiCalls += row.apiCalls;
        if (row.status === 'success' && row.durationMs !== null) {
          entry.durations[row.resource].push(row.durationMs);
        }
      }
      const first = this.firstSync.get(...scope, ...scope)?.t ?? null;
      return { baseline, first };
    });
    // One read transaction: a sync committing between the queries cannot skew the sums.
    const { baseline, first } = read();
    let active = baseline;

    return {
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      firstSyncDay: first ? localDay(new Date(first)) : null,
      days: accumulators.map(({ day, net, durations }) => {
        active += net;
        day.activeContacts = active;
        for (const resource of SYNC_RESOURCES) {
          const values = durations[resource].sort((a, b) => a - b);
          if (values.length > 0) {
            day.durationMs[resource] = {
              median: median(values),
              max: values[values.length - 1] ?? 0,
            };
          }
        }
        return day;
      }),
    };
  }
}
