/**
 * Statistics: totals across accounts, charts over time (from the first sync on), and each
 * account's sync health. Calendar figures show only while calendar sync is on.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  RUN_STATUSES,
  SYNC_RESOURCES,
  type RunStatus,
  type Statistics,
} from '../../shared/domain.js';
import type { ContactsApi, SyncHealth, Timeline } from '../../shared/api/contract.js';
import { ChartFigure } from '../charts/ChartFigure.js';
import { firstSyncInPeriod, shortDay, timelineCharts } from '../charts/timeline-charts.js';
import { count } from '../format.js';
import { statusLabel } from '../history/run-words.js';
import { SyncHealthCard } from '../statistics/SyncHealthCard.js';

export const PERIODS = [7, 30, 90, 365] as const;
export type Period = (typeof PERIODS)[number];

/** Whether calendar sync is on: calendar figures mean nothing while it is off. */
function useCalendarSync(api: ContactsApi): boolean {
  const [on, setOn] = useState(false);
  useEffect(() => {
    let current = true;
    void api.getSettings().then((result) => {
      if (current && result.ok) setOn(result.value.calendarSync);
    });
    return () => {
      current = false;
    };
  }, [api]);
  return on;
}

/** "9 contacts, 3 calendar": how a status's runs split by resource; empty for a single one. */
function split(byResource: Statistics['runsByResource'], status: RunStatus): string {
  const parts = SYNC_RESOURCES.filter((r) => byResource[r][status] > 0).map(
    (r) => `${count(byResource[r][status])} ${r}`,
  );
  return parts.length > 1 ? ` (${parts.join(', ')})` : '';
}

/** Runs by outcome as horizontal bars; the numbers are in the text, the bars only show them. */
function RunsChart({ statistics }: { statistics: Statistics }) {
  const entries = RUN_STATUSES.map((status) => [status, statistics.runs[status]] as const);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return (
    <section aria-labelledby="runs-heading" className="chart">
      <h3 id="runs-heading">Runs by outcome</h3>
      <dl>
        {entries.map(([status, n]) => (
          <div key={status} className="chart-row">
            <dt>{statusLabel(status)}</dt>
            <dd>
              <span
                className={`chart-bar badge-run-${status}`}
                aria-hidden="true"
                style={{ width: `${(n / max) * 100}%` }}
              />
              <span className="chart-value">
                {count(n)}
                {split(statistics.runsByResource, status)}
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The timeline of the chosen period, loaded again after every run. */
function useTimeline(api: ContactsApi, days: Period) {
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const load = () =>
      void api.getTimeline({ days }).then((result) => {
        if (!current) return;
        if (result.ok) {
          setTimeline(result.value);
          setError(null);
        } else setError(result.error.message);
      });
    load();
    const unsubscribe = api.onRunFinished(load);
    return () => {
      current = false;
      unsubscribe();
    };
  }, [api, days]);
  return { timeline, error };
}

function Charts({ api, statistics }: { api: ContactsApi; statistics: Statistics }) {
  const [days, setDays] = useState<Period>(30);
  const { timeline, error } = useTimeline(api, days);
  const charts = useMemo(() => (timeline ? timelineCharts(timeline) : null), [timeline]);
  const firstSync = timeline && firstSyncInPeriod(timeline);
  const noRuns = RUN_STATUSES.every((s) => statistics.runs[s] === 0);
  return (
    <section aria-labelledby="charts-heading">
      <div className="chart-toolbar">
        <h3 id="charts-heading">Over time</h3>
        <label>
          Period{' '}
          <select value={days} onChange={(e) => setDays(Number(e.target.value) as Period)}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                Last {p} days
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {noRuns ? (
        <p className="empty">
          No syncs yet. Press Sync Now on the Status page: contacts over time, run durations, API
          calls and the success rate appear here after the first run.
        </p>
      ) : !charts ? (
        !error && <p className="muted">Loading…</p>
      ) : (
        <>
          {firstSync && (
            <p className="muted" data-testid="charts-since">
              Since the first sync on {shortDay(firstSync)}: there is nothing to show before it.
            </p>
          )}
          <div className="chart-grid">
            {charts.map((model) => (
              <ChartFigure key={model.id} model={model} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

export function StatisticsSection({
  api,
  statistics,
  health,
}: {
  api: ContactsApi;
  statistics: Statistics | null;
  health: SyncHealth | null;
}) {
  const calendarSync = useCalendarSync(api);
  if (!statistics) return <p className="muted">Loading…</p>;
  const totals: Array<[string, number]> = [
    ['Active contacts', statistics.contacts.active],
    ['Deleted contacts', statistics.contacts.deleted],
    ['Phone numbers', statistics.phoneNumbers],
    ['Emails', statistics.emails],
    ['Labels', statistics.groups],
    ...(calendarSync
      ? ([
          ['Calendars', statistics.calendar.calendars],
          ['Events', statistics.calendar.events],
        ] as Array<[string, number]>)
      : []),
  ];
  return (
    <>
      <dl className="totals">
        {totals.map(([label, value]) => (
          <div key={label} className="total card">
            <dt>{label}</dt>
            <dd>{count(value)}</dd>
          </div>
        ))}
      </dl>
      <Charts api={api} statistics={statistics} />
      <RunsChart statistics={statistics} />
      <h3>Sync health</h3>
      {!health || health.accounts.length === 0 ? (
        <p className="empty">
          No account yet. Connect one on the Status page to see its sync health.
        </p>
      ) : (
        <div className="cards">
          {health.accounts.map((a) => (
            <SyncHealthCard key={a.accountId} health={a} calendarSync={calendarSync} />
          ))}
        </div>
      )}
    </>
  );
}
