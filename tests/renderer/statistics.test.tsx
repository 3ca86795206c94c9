/**
 * The Statistics section's charts: what they hand to the chart port, their text alternatives
 * (caption, summary and the table of numbers), the empty states, and jsdom without canvas.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { ChartPortContext } from '../../src/renderer/charts/ChartFigure.js';
import type { ChartHandle, ChartPort, ChartSpec } from '../../src/renderer/charts/chart-port.js';
import type { Timeline, TimelineDay } from '../../src/shared/api/contract.js';
import { emptyCounts, type Statistics, type SyncRun } from '../../src/shared/domain.js';
import { FakeApi } from './fake-api.js';

afterEach(cleanup);

/** Records what would be drawn; jsdom has no canvas, and the test needs none. */
class FakeChartPort implements ChartPort {
  readonly charts: Array<{ host: HTMLElement; spec: ChartSpec; destroyed: boolean }> = [];

  mount(host: HTMLElement, spec: ChartSpec): ChartHandle {
    const chart = { host, spec, destroyed: false };
    this.charts.push(chart);
    return { destroy: () => void (chart.destroyed = true) };
  }

  live(): ChartSpec[] {
    return this.charts.filter((c) => !c.destroyed).map((c) => c.spec);
  }
}

const quiet = (date: string, activeContacts: number): TimelineDay => ({
  date,
  start: `${date}T00:00:00.000Z`,
  activeContacts,
  runs: { success: 0, failed: 0, skipped: 0, cancelled: 0 },
  runsByResource: { contacts: 0, calendar: 0 },
  apiCalls: 0,
  durationMs: { contacts: null, calendar: null },
});

const timeline = (): Timeline => ({
  timeZone: 'Europe/Berlin',
  days: [
    quiet('2026-03-28', 0),
    {
      ...quiet('2026-03-29', 1200),
      runs: { success: 3, failed: 1, skipped: 0, cancelled: 0 },
      runsByResource: { contacts: 3, calendar: 1 },
      apiCalls: 41,
      durationMs: { contacts: { median: 2000, max: 6000 }, calendar: null },
    },
    {
      ...quiet('2026-03-30', 1195),
      runs: { success: 2, failed: 0, skipped: 1, cancelled: 0 },
      runsByResource: { contacts: 2, calendar: 1 },
      apiCalls: 6,
      durationMs: { contacts: { median: 800, max: 900 }, calendar: { median: 1500, max: 1500 } },
    },
  ],
});

const statistics = (runs: Partial<Statistics['runs']> = {}): Statistics => ({
  contacts: { total: 1200, active: 1195, deleted: 5 },
  pendingDeletions: 0,
  phoneNumbers: 900,
  emails: 1000,
  groups: 4,
  runs: { running: 0, success: 5, failed: 1, skipped: 1, cancelled: 0, ...runs },
  runsByResource: {
    contacts: { running: 0, success: 4, failed: 0, skipped: 1, cancelled: 0 },
    calendar: { running: 0, success: 1, failed: 1, skipped: 0, cancelled: 0 },
  },
  calendar: { calendars: 2, events: 340 },
  lastSuccessAt: null,
  lastError: null,
});

function renderStatistics(api: FakeApi, port: ChartPort | null) {
  return render(
    <ChartPortContext.Provider value={port}>
      <App api={api} initialSection="Statistics" />
    </ChartPortContext.Provider>,
  );
}

function withData(): FakeApi {
  const api = new FakeApi();
  api.answers.getStatistics = () => ({ ok: true, value: statistics() });
  api.answers.getTimeline = () => ({ ok: true, value: timeline() });
  return api;
}

describe('Statistics charts', () => {
  it('draws four charts and says the same in words and tables', async () => {
    const port = new FakeChartPort();
    renderStatistics(withData(), port);

    const contacts = await screen.findByRole('figure', { name: 'Contacts over time' });
    expect(contacts.textContent).toContain(
      '1,195 active contacts at the end of today, up 1,195 since Mar 28.',
    );
    const table = within(contacts).getByRole('table', { name: 'Contacts over time, per day' });
    const sunday = within(table).getByRole('row', { name: /Sun, Mar 29, 2026/ });
    expect(within(sunday).getByRole('cell').textContent).toBe('1,200');

    const durations = screen.getByRole('figure', { name: 'Run durations' });
    expect(durations.textContent).toContain(
      'Contacts runs: median 800 ms on Mar 30, longest 6.0 s in the period.',
    );
    expect(durations.textContent).toContain('Calendar runs: median 1.5 s on Mar 30');
    const apiCalls = screen.getByRole('figure', { name: 'API calls per day' });
    expect(apiCalls.textContent).toContain(
      '47 API calls in 3 days; the busiest day was Mar 29 with 41.',
    );
    const success = screen.getByRole('figure', { name: 'Success rate per day' });
    expect(success.textContent).toContain('83% of 6 runs succeeded');
    expect(success.textContent).toContain('lowest Mar 29 at 75%');
    const rates = within(success)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getByRole('cell').textContent);
    expect(rates).toEqual(['—', '75%', '100%']);

    await waitFor(() => expect(port.live()).toHaveLength(4));
    const [contactsSpec, durationsSpec, callsSpec, successSpec] = port.live();
    expect(contactsSpec).toMatchObject({
      kind: 'line',
      unit: 'count',
      labels: ['Mar 28', 'Mar 29', 'Mar 30'],
      series: [{ label: 'Active contacts', values: [0, 1200, 1195], color: 'contacts' }],
    });
    expect(durationsSpec?.series.map((s) => [s.label, s.values])).toEqual([
      ['Contacts, median', [null, 2000, 800]],
      ['Contacts, longest', [null, 6000, 900]],
      ['Calendar, median', [null, null, 1500]],
      ['Calendar, longest', [null, null, 1500]],
    ]);
    expect(callsSpec).toMatchObject({ kind: 'bars', series: [{ values: [0, 41, 6] }] });
    expect(successSpec).toMatchObject({ unit: 'percent', series: [{ values: [null, 75, 100] }] });
    // The drawing repeats the numbers, so screen readers skip it.
    expect(port.charts[0]?.host.getAttribute('aria-hidden')).toBe('true');
  });

  it('shows calendar figures and runs per resource beside the contact figures', async () => {
    const api = withData();
    api.settings = { ...api.settings, calendarSync: true };
    renderStatistics(api, new FakeChartPort());
    const calendars = await screen.findByText('Calendars');
    expect(calendars.nextElementSibling?.textContent).toBe('2');
    expect(screen.getByText('Events').nextElementSibling?.textContent).toBe('340');
    const runs = screen.getByRole('region', { name: 'Runs by outcome' });
    expect(runs.textContent).toContain('5 (4 contacts, 1 calendar)');
  });

  it('asks for another period and draws it again, and again after a run', async () => {
    const api = withData();
    const port = new FakeChartPort();
    renderStatistics(api, port);
    await waitFor(() => expect(port.live()).toHaveLength(4));
    expect(api.callsOf('getTimeline')).toEqual([{ days: 30 }]);

    fireEvent.change(screen.getByRole('combobox', { name: 'Period' }), { target: { value: '90' } });
    await waitFor(() => expect(api.callsOf('getTimeline')).toEqual([{ days: 30 }, { days: 90 }]));
    await waitFor(() => expect(port.charts).toHaveLength(8));
    expect(port.live()).toHaveLength(4);

    const run: SyncRun = {
      runId: 9,
      accountId: 1,
      account: 'ada@example.com',
      resource: 'contacts',
      kind: 'incremental',
      trigger: 'manual',
      status: 'success',
      skipReason: null,
      startedAt: '2026-03-30T10:00:00.000Z',
      finishedAt: '2026-03-30T10:00:01.000Z',
      durationMs: 1000,
      counts: emptyCounts(),
      pages: 1,
      apiCalls: 2,
      bytesReceived: 100,
      error: null,
    };
    act(() => api.emit('runFinished', run));
    await waitFor(() => expect(api.callsOf('getTimeline')).toHaveLength(3));
    expect(api.callsOf('getTimeline')[2]).toEqual({ days: 90 });
  });

  it('says what to do when nothing has synced yet, and draws nothing', async () => {
    const api = new FakeApi();
    const port = new FakeChartPort();
    renderStatistics(api, port);
    expect(
      await screen.findByText(/No syncs yet\. Press Sync Now on the Status page/),
    ).toBeTruthy();
    expect(screen.queryByRole('figure')).toBeNull();
    expect(port.charts).toHaveLength(0);
  });

  it('says so in a chart that has nothing to show in the period', async () => {
    const api = withData();
    api.answers.getTimeline = () => ({
      ok: true,
      value: { timeZone: 'UTC', days: [quiet('2026-03-29', 10), quiet('2026-03-30', 10)] },
    });
    const port = new FakeChartPort();
    renderStatistics(api, port);
    const durations = await screen.findByRole('figure', { name: 'Run durations' });
    expect(durations.textContent).toContain('No successful runs in this period.');
    expect(screen.getByRole('figure', { name: 'API calls per day' }).textContent).toContain(
      'No runs in this period.',
    );
    await waitFor(() => expect(port.live()).toHaveLength(1));
    expect(port.live()[0]?.series[0]?.label).toBe('Active contacts');
  });

  it('shows a failed timeline by its message', async () => {
    const api = withData();
    api.answers.getTimeline = () => ({
      ok: false,
      error: { code: 'DB_BUSY', message: 'The database is busy. Try again in a moment.' },
    });
    renderStatistics(api, new FakeChartPort());
    const alert = await screen.findByText('The database is busy. Try again in a moment.');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(screen.queryByText(/DB_BUSY/)).toBeNull();
  });

  it('without canvas (jsdom, no port given) keeps the numbers as open tables', async () => {
    const api = withData();
    render(<App api={api} initialSection="Statistics" />);
    const figure = await screen.findByRole('figure', { name: 'API calls per day' });
    expect(figure.querySelector('.chart-canvas')).toBeNull();
    const details = figure.querySelector('details');
    expect(details?.open).toBe(true);
    expect(within(figure).getByRole('table', { name: 'API calls per day, per day' })).toBeTruthy();
  });
});
