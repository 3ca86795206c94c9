/**
 * Statistics that tell the truth: no figures before the first sync, API calls per run from the
 * runs, calendar figures only while calendar sync is on, and policies in plain words.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { ChartPortContext } from '../../src/renderer/charts/ChartFigure.js';
import type { ChartHandle, ChartPort, ChartSpec } from '../../src/renderer/charts/chart-port.js';
import type { AccountSyncHealth, TimelineDay } from '../../src/shared/api/contract.js';
import type { Statistics } from '../../src/shared/domain.js';
import { FakeApi } from './fake-api.js';

afterEach(cleanup);

class RecordingPort implements ChartPort {
  readonly specs: ChartSpec[] = [];
  mount(_host: HTMLElement, spec: ChartSpec): ChartHandle {
    this.specs.push(spec);
    return { destroy: () => undefined };
  }
}

const day = (date: string, activeContacts: number, apiCalls = 0): TimelineDay => ({
  date,
  start: `${date}T00:00:00.000Z`,
  activeContacts,
  runs: { success: apiCalls ? 1 : 0, failed: 0, skipped: 0, cancelled: 0 },
  runsByResource: { contacts: apiCalls ? 1 : 0, calendar: 0 },
  apiCalls,
  durationMs: { contacts: apiCalls ? { median: 900, max: 900 } : null, calendar: null },
});

const statistics: Statistics = {
  contacts: { total: 3000, active: 3000, deleted: 0 },
  pendingDeletions: 0,
  phoneNumbers: 10,
  emails: 10,
  groups: 2,
  runs: { running: 0, success: 3, failed: 0, skipped: 0, cancelled: 0 },
  runsByResource: {
    contacts: { running: 0, success: 3, failed: 0, skipped: 0, cancelled: 0 },
    calendar: { running: 0, success: 0, failed: 0, skipped: 0, cancelled: 0 },
  },
  calendar: { calendars: 2, events: 40 },
  lastSuccessAt: null,
  lastError: null,
};

const health = (more: Partial<AccountSyncHealth> = {}): AccountSyncHealth => ({
  accountId: 1,
  account: 'ada@example.com',
  successRate7d: 1,
  successRate30d: 1,
  runs30d: { success: 12, failed: 0, skipped: 4, cancelled: 0 },
  medianDurationMs: 1200,
  apiCallsPerDay: 60,
  bytesPerDay: 0,
  callsPerRun: 2,
  apiCallsSaved: { total: 8, byReason: { adaptive_interval: 8 } },
  circuit: { open: false, openUntil: null, consecutiveFailures: 0 },
  token: { account: 'connected', health: 'ok', checkedAt: null },
  nextRunAt: null,
  apiCallsPerRun: {
    contacts: { runs: 12, median: 58, min: 36, max: 102 },
    calendar: { runs: 3, median: 4, min: 3, max: 6 },
  },
  ...more,
});

function statsApi(calendarSync = false): FakeApi {
  const api = new FakeApi();
  api.settings = { ...api.settings, calendarSync };
  api.answers.getStatistics = () => ({ ok: true, value: statistics });
  api.answers.getSyncHealth = () => ({
    ok: true,
    value: { accounts: [health()], autoSyncPausedUntil: null },
  });
  api.answers.getTimeline = () => ({
    ok: true,
    value: {
      timeZone: 'UTC',
      firstSyncDay: '2026-12-07',
      days: [day('2026-12-05', 0), day('2026-12-06', 0), day('2026-12-07', 3000, 40)],
    },
  });
  return api;
}

function renderWith(api: FakeApi, port: ChartPort | null = new RecordingPort()) {
  return render(
    <ChartPortContext.Provider value={port}>
      <App api={api} initialSection="Statistics" />
    </ChartPortContext.Provider>,
  );
}

describe('Statistics, honest figures', () => {
  it('starts the charts at the first sync instead of days of zeros and a cliff', async () => {
    const port = new RecordingPort();
    renderWith(statsApi(), port);
    const contacts = await screen.findByRole('figure', { name: 'Contacts over time' });
    expect(contacts.textContent).toContain(
      '3,000 active contacts at the end of today, since the first sync on Dec 7.',
    );
    expect(contacts.textContent).not.toMatch(/up 3,000/);
    expect(screen.getByTestId('charts-since').textContent).toContain(
      'Since the first sync on Dec 7',
    );
    await waitFor(() => expect(port.specs).toHaveLength(4));
    expect(port.specs[0]).toMatchObject({
      labels: ['Dec 7'],
      series: [{ values: [3000] }],
    });
    expect(screen.getByRole('figure', { name: 'API calls per day' }).textContent).toContain(
      '40 API calls in 1 day;',
    );
  });

  it('shows API calls per run as the runs recorded them, not the skipped-run estimate', async () => {
    renderWith(statsApi());
    const card = await screen.findByRole('article', { name: 'Sync health of ada@example.com' });
    const calls = within(card).getByText('API calls per contacts sync');
    expect(calls.nextElementSibling?.textContent).toMatch(/^58 \(36–102 over 12 runs\)/);
    expect(card.textContent).not.toContain('2.0');
  });

  it('leaves calendar figures out while calendar sync is off', async () => {
    const api = statsApi(false);
    renderWith(api);
    const card = await screen.findByRole('article', { name: 'Sync health of ada@example.com' });
    await waitFor(() => expect(api.callsOf('getSettings')).toHaveLength(1));
    expect(screen.getByText('Labels')).toBeTruthy();
    expect(screen.queryByText('Calendars')).toBeNull();
    expect(screen.queryByText('Events')).toBeNull();
    expect(within(card).queryByText('API calls per calendar sync')).toBeNull();
  });

  it('shows calendar figures while calendar sync is on', async () => {
    renderWith(statsApi(true));
    expect(await screen.findByText('Calendars')).toBeTruthy();
    const card = await screen.findByRole('article', { name: 'Sync health of ada@example.com' });
    const calls = within(card).getByText('API calls per calendar sync');
    expect(calls.nextElementSibling?.textContent).toMatch(/^4 \(3–6 over 3 runs\)/);
  });

  it('names the policies in plain words, each with a one-line explanation', async () => {
    renderWith(statsApi());
    const card = await screen.findByRole('article', { name: 'Sync health of ada@example.com' });
    expect(card.textContent).not.toMatch(/circuit|closed/i);
    expect(within(card).getByText('Not paused — syncs run normally')).toBeTruthy();
    expect(card.textContent).toContain('After 3 failed syncs in a row, automatic syncs pause');
    expect(card.textContent).toContain('(a “sync token”)');
    expect(card.textContent).toContain('(adaptive interval)');
    expect(card.textContent).toContain('8: nothing changed lately, so syncing less often');
  });
});
