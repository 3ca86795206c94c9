import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('transient failures', () => {
  it.each([
    ['a 500', { kind: 'status', status: 500 }],
    ['a 429 with Retry-After', { kind: 'status', status: 429, retryAfterSeconds: 0 }],
    ['a 403 rate limit', { kind: 'status', status: 403 }],
    ['a connection reset', { kind: 'reset' }],
    ['a truncated body', { kind: 'truncate' }],
  ] as const)('%s on a page is retried and the run converges', async (_name, fault) => {
    h = await Harness.start({ contacts: 2_100 });
    h.fake.injectFault({ path: 'connections', afterRequests: 1, count: 2, ...fault });
    const run = await h.sync();
    expect(run.status).toBe('success');
    expect(run.apiCalls).toBe(1 + 3 + 2);
    expect(h.localState()).toEqual(h.serverState());
  });

  it('a persistent 500 fails the run with a clear code, keeps committed pages and does not advance the token', async () => {
    h = await Harness.start({ contacts: 2_100 });
    await h.sync();
    const token = h.syncToken();
    h.fake.addContacts(3);
    h.fake.injectFault({ path: 'connections', kind: 'status', status: 500, count: 10 });
    const run = await h.sync();
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('SERVER_ERROR');
    expect(run.error?.message).toMatch(/temporary problem/);
    expect(run.apiCalls).toBe(1 + 4);
    expect(h.syncToken()).toBe(token);
    h.fake.clearFaults();
    const retry = await h.sync();
    expect(retry.counts.created).toBe(3);
    expect(h.localState()).toEqual(h.serverState());
  });

  it('a malformed page fails the run cleanly: nothing from that page is committed', async () => {
    h = await Harness.start({ contacts: 2_500 });
    // Page 1 of the contacts goes through, page 2 is malformed on every attempt.
    h.fake.injectFault({ path: 'connections', kind: 'malformed', afterRequests: 1, count: 4 });
    const run = await h.sync();
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('MALFORMED_RESPONSE');
    expect(h.contacts()).toHaveLength(1_000);
    expect(h.syncToken()).toBeNull();
    expect(h.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const next = await h.sync();
    expect(next.status).toBe('success');
    expect(next.kind).toBe('full');
    expect(h.localState()).toEqual(h.serverState());
  });

  it('a revoked refresh token skips the run (reconnect_needed) without touching the People API', async () => {
    h = await Harness.start({ contacts: 10 });
    h.fake.revokeRefreshToken(h.fake.refreshToken);
    const run = await h.sync();
    expect(run).toMatchObject({ status: 'skipped', skipReason: 'reconnect_needed', apiCalls: 0 });
    expect(h.fake.requestCount('connections')).toBe(0);
    expect(h.fake.requestCount('contactGroups')).toBe(0);
  });

  it('without the token-health policy a revoked refresh token fails the run with AUTH_REVOKED', async () => {
    h = await Harness.start({ contacts: 10, tokenHealth: false });
    h.fake.revokeRefreshToken(h.fake.refreshToken);
    const run = await h.sync();
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('AUTH_REVOKED');
    expect(h.fake.requestCount('connections')).toBe(0);
  });
});

describe('single flight and cancellation', () => {
  it('two concurrent requests give one run', async () => {
    h = await Harness.start({ contacts: 3_000 });
    const first = h.orchestrator.requestSync(h.accountId, { trigger: 'manual' });
    const second = h.orchestrator.requestSync(h.accountId, { trigger: 'scheduled' });
    expect(first.status).toBe('started');
    expect(second).toEqual({ status: 'already_running', runId: first.runId });
    if (first.status === 'started') await first.done;
    expect(h.fake.requestCount('connections')).toBe(3);
    expect(h.reports.history()).toHaveLength(1);
  });

  it.each([1, 2, 3])(
    'a run cancelled after page %i keeps what it committed; the next run converges',
    async (pages) => {
      h = await Harness.start({ contacts: 4_500 });
      let seen = 0;
      const stop = h.orchestrator.onProgress((p) => {
        if (p.phase === 'contacts' && ++seen === pages) h.orchestrator.cancel(h.accountId);
      });
      const run = await h.sync();
      stop();
      expect(run.status).toBe('cancelled');
      expect(h.contacts()).toHaveLength(pages * 1_000);
      expect(h.syncToken()).toBeNull();
      const next = await h.sync();
      expect(next.status).toBe('success');
      expect(h.localState()).toEqual(h.serverState());
      expect(h.contacts({ includeDeleted: true })).toHaveLength(4_500);
    },
  );
});

describe('run policies', () => {
  it('a policy can skip a run before any API call; every policy sees the recorded run', async () => {
    const seen: string[] = [];
    let closed = true;
    h = await Harness.start({
      contacts: 10,
      // Only this policy: token health would refresh the access token before the gate.
      tokenHealth: false,
      policies: [
        {
          name: 'gate',
          beforeRun: () =>
            closed ? { reason: 'gate_closed', message: 'The gate is closed.' } : null,
          afterRun: (run) => seen.push(`${run.status}:${run.skipReason ?? ''}`),
        },
      ],
    });
    const skipped = await h.sync();
    expect(skipped).toMatchObject({ status: 'skipped', skipReason: 'gate_closed', apiCalls: 0 });
    expect(h.fake.requestCount()).toBe(0);
    closed = false;
    const ran = await h.sync();
    expect(ran.status).toBe('success');
    expect(seen).toEqual(['skipped:gate_closed', 'success:']);
  });
});

describe('interrupted runs', () => {
  it('a run left "running" by a dead process is recorded as interrupted at start-up', async () => {
    h = await Harness.start({ contacts: 5 });
    const raw = new Database(h.dbFile);
    raw
      .prepare(
        `INSERT INTO sync_runs (account_id, resource, kind, trigger, status, started_at)
       VALUES (?, 'contacts', 'full', 'manual', 'running', '2026-01-01T00:00:00.000Z')`,
      )
      .run(h.accountId);
    raw.close();
    expect(h.orchestrator.recoverInterruptedRuns()).toBe(1);
    const [run] = h.reports.history();
    expect(run?.status).toBe('failed');
    expect(run?.error?.code).toBe('INTERRUPTED');
  });
});
