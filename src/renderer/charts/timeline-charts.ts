/**
 * The four Statistics charts built from `getTimeline`: what to draw (a ChartSpec), and the same
 * numbers as words and as a table, so the charts can be read without seeing them.
 */
import type { Timeline, TimelineDay } from '../../shared/api/contract.js';
import { SYNC_RESOURCES, type SyncResource } from '../../shared/domain.js';
import { count, duration } from '../format.js';
import type { ChartSeries, ChartSpec } from './chart-port.js';
import { formatValue } from './chart-format.js';

export interface ChartModel {
  id: string;
  title: string;
  /** One or two sentences saying what the chart shows. */
  summary: string;
  /** Said instead of a chart when there is nothing to draw. */
  empty: string | null;
  spec: ChartSpec;
  /** Day by day: the date in words, then one formatted cell per series. */
  rows: Array<{ date: string; cells: string[] }>;
}

const utcDate = (date: string) => new Date(`${date}T00:00:00Z`);
/** "Mar 29": the x axis. Dates are the main process's local days, so read them as UTC. */
export const shortDay = (date: string) =>
  utcDate(date).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const longDay = (date: string) =>
  utcDate(date).toLocaleDateString('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });

const RESOURCE_NAMES: Record<SyncResource, string> = { contacts: 'Contacts', calendar: 'Calendar' };

/** success / (success + failed), as the sync health figures count it; null without such runs. */
export function successRate(day: TimelineDay): number | null {
  const decided = day.runs.success + day.runs.failed;
  return decided === 0 ? null : (day.runs.success / decided) * 100;
}

function model(
  id: string,
  title: string,
  days: readonly TimelineDay[],
  spec: Omit<ChartSpec, 'labels'>,
  summary: string,
  empty: string | null,
): ChartModel {
  const cell = (value: number | null) => (value === null ? '—' : formatValue(spec.unit, value));
  return {
    id,
    title,
    summary,
    empty,
    spec: { ...spec, labels: days.map((d) => shortDay(d.date)) },
    rows: days.map((day, i) => ({
      date: longDay(day.date),
      cells: spec.series.map((s) => cell(s.values[i] ?? null)),
    })),
  };
}

function contactsChart(days: readonly TimelineDay[], firstSync: string | null): ChartModel {
  const values = days.map((d) => d.activeContacts);
  const first = values[0] ?? 0;
  const last = values.at(-1) ?? 0;
  const change = last - first;
  const since = days[0] ? shortDay(days[0].date) : '';
  const moved = `${change > 0 ? 'up' : 'down'} ${count(Math.abs(change))}`;
  // Since the first sync, the first day's figure is what it brought, not a change: no cliff.
  const trend = firstSync
    ? `since the first sync on ${shortDay(firstSync)}` +
      (change === 0 ? '' : `, ${moved} since the end of that day`)
    : change === 0
      ? `unchanged since ${since}`
      : `${moved} since ${since}`;
  return model(
    'contacts',
    'Contacts over time',
    days,
    {
      kind: 'line',
      unit: 'count',
      series: [{ label: 'Active contacts', values, color: 'contacts' }],
    },
    `${count(last)} active contacts at the end of today, ${trend}.`,
    values.every((v) => v === 0) ? 'No contacts in this period yet.' : null,
  );
}

function durationsChart(days: readonly TimelineDay[]): ChartModel {
  const series: ChartSeries[] = [];
  const parts: string[] = [];
  for (const resource of SYNC_RESOURCES) {
    const stats = days.map((d) => d.durationMs[resource]);
    if (stats.every((s) => s === null)) continue;
    const name = RESOURCE_NAMES[resource];
    series.push(
      { label: `${name}, median`, values: stats.map((s) => s?.median ?? null), color: resource },
      {
        label: `${name}, longest`,
        values: stats.map((s) => s?.max ?? null),
        color: resource,
        dashed: true,
      },
    );
    const lastIndex = stats.findLastIndex((s) => s !== null);
    const latest = stats[lastIndex];
    const longest = Math.max(...stats.map((s) => s?.max ?? 0));
    if (latest) {
      parts.push(
        `${name} runs: median ${duration(latest.median)} on ${shortDay(days[lastIndex]?.date ?? '')}, ` +
          `longest ${duration(longest)} in the period.`,
      );
    }
  }
  return model(
    'durations',
    'Run durations',
    days,
    { kind: 'line', unit: 'duration', series },
    parts.length ? parts.join(' ') : 'Successful runs per day: median and longest.',
    series.length === 0 ? 'No successful runs in this period.' : null,
  );
}

function apiCallsChart(days: readonly TimelineDay[]): ChartModel {
  const values = days.map((d) => d.apiCalls);
  const total = values.reduce((sum, v) => sum + v, 0);
  const busiest = days.reduce<TimelineDay | undefined>(
    (best, d) => (!best || d.apiCalls > best.apiCalls ? d : best),
    undefined,
  );
  const runs = days.reduce(
    (sum, d) => sum + d.runsByResource.contacts + d.runsByResource.calendar,
    0,
  );
  return model(
    'api-calls',
    'API calls per day',
    days,
    { kind: 'bars', unit: 'count', series: [{ label: 'API calls', values, color: 'contacts' }] },
    busiest && total > 0
      ? `${count(total)} API calls in ${count(days.length)} ${days.length === 1 ? 'day' : 'days'}; the busiest day was ` +
          `${shortDay(busiest.date)} with ${count(busiest.apiCalls)}.`
      : 'Calls to Google per day, by all runs.',
    runs === 0 ? 'No runs in this period.' : null,
  );
}

function successChart(days: readonly TimelineDay[]): ChartModel {
  const values = days.map(successRate);
  const success = days.reduce((sum, d) => sum + d.runs.success, 0);
  const failed = days.reduce((sum, d) => sum + d.runs.failed, 0);
  const worst = days.reduce<{ date: string; rate: number } | null>((low, d, i) => {
    const rate = values[i];
    return rate !== null && rate !== undefined && (!low || rate < low.rate)
      ? { date: d.date, rate }
      : low;
  }, null);
  const decided = success + failed;
  return model(
    'success',
    'Success rate per day',
    days,
    { kind: 'line', unit: 'percent', series: [{ label: 'Succeeded', values, color: 'ok' }] },
    decided > 0
      ? `${Math.round((success / decided) * 100)}% of ${count(decided)} runs succeeded ` +
          `(skipped and cancelled runs not counted)` +
          (worst && failed > 0
            ? `; lowest ${shortDay(worst.date)} at ${Math.round(worst.rate)}%.`
            : '.')
      : 'Share of runs that succeeded, of those that succeeded or failed.',
    decided === 0 ? 'No runs succeeded or failed in this period.' : null,
  );
}

/**
 * The day the charts start: the first sync's when it falls inside the period (days before it
 * have no figures, so they are left out rather than drawn as zeros), else null.
 */
export function firstSyncInPeriod(timeline: Timeline): string | null {
  const first = timeline.firstSyncDay;
  const start = timeline.days[0]?.date;
  return first && start && first > start ? first : null;
}

export function timelineCharts(timeline: Timeline): ChartModel[] {
  const firstSync = firstSyncInPeriod(timeline);
  const days = firstSync ? timeline.days.filter((d) => d.date >= firstSync) : timeline.days;
  return [
    contactsChart(days, firstSync),
    durationsChart(days),
    apiCallsChart(days),
    successChart(days),
  ];
}
