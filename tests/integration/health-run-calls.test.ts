/**
 * "API calls per run" in the sync health is what the runs in the history cost, read from their
 * rows after real syncs against the fake Google server, not the estimate a skipped run saved.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SyncHealthService } from '../../src/main/core/metrics/health.js';
import { systemClock } from '../../src/main/core/clock.js';
import { Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('sync health, API calls per run', () => {
  it('reports the median, least and most calls of the runs, as their rows record them', async () => {
    h = await Harness.start({ contacts: 2_500 });
    expect(new SyncHealthService(h.db, systemClock).all()[0]?.apiCallsPerRun).toEqual({
      contacts: null,
      calendar: null,
    });
    await h.sync({ trigger: 'manual', forceFull: true });
    await h.sync({ trigger: 'manual', forceFull: true });
    await h.sync({ trigger: 'manual' });
    const calls = h.reports
      .history({ accountId: h.accountId })
      .map((r) => r.apiCalls)
      .sort((a, b) => a - b);
    // Pages of 1,000: the full listings take several calls, the quiet incremental one two.
    expect(calls[0]).toBe(2);
    expect(calls[2]).toBeGreaterThan(3);

    const health = new SyncHealthService(h.db, systemClock).all()[0]!;
    expect(health.apiCallsPerRun).toEqual({
      contacts: { runs: 3, median: calls[1], min: calls[0], max: calls[2] },
      calendar: null,
    });
    // The estimate for a skipped run stays what a quiet incremental run costs.
    expect(health.callsPerRun).toBe(2);
  });
});
