/**
 * Bounded waiting (DESIGN §5): a Google request that is never answered, or whose body stops
 * arriving, ends after its deadline; the run fails TIMEOUT with a plain message and frees the
 * account, so the next Sync Now runs normally. Deadlines are shortened to a second here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../src/shared/domain.js';
import { FAST_RETRY, Harness, type HarnessOptions } from './harness.js';
import { syncCalendars } from './calendar-support.js';
import { cliEnv, startCli } from './cli-process.js';

const TIMEOUTS = { connectMs: 1000, idleMs: 1000 };
/** One retry, so a request that always hangs costs two deadlines. */
const ONE_RETRY = { ...FAST_RETRY, delaysMs: [5] };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(options: HarnessOptions = {}): Promise<Harness> {
  h = await Harness.start({ contacts: 20, timeouts: TIMEOUTS, retry: ONE_RETRY, ...options });
  return h;
}

/** After a TIMEOUT run the account is free: Sync Now starts a new run, and it succeeds. */
async function nextSyncSucceeds(harness: Harness, resource: 'contacts' | 'calendar' = 'contacts') {
  harness.fake.clearFaults();
  expect(harness.orchestrator.isRunning(harness.accountId)).toBe(false);
  const next = harness.orchestrator.requestSync(harness.accountId, { trigger: 'manual', resource });
  expect(next.status).toBe('started');
  if (next.status === 'started') expect((await next.done).status).toBe('success');
}

describe('a request that never ends', () => {
  it.each([
    ['never answered', 'hang', /did not answer within 1 s/],
    ['stalled after the headers', 'stall', /stopped sending for 1 s/],
  ] as const)('People: %s → TIMEOUT, lock released', async (_name, kind, message) => {
    const harness = await start();
    harness.fake.injectFault({ path: 'connections', kind, count: 10 });
    const run = await harness.sync();
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('TIMEOUT');
    expect(run.error?.message).toMatch(message);
    expect(run.error?.message).toMatch(/next sync will try again/);
    expect(harness.fake.requestCount('connections')).toBe(2); // the attempt and its one retry
    await nextSyncSucceeds(harness);
    expect(harness.contacts()).toHaveLength(20);
  });

  it.each(['hang', 'stall'] as const)(
    'Calendar events: %s → TIMEOUT, lock released',
    async (kind) => {
      const harness = await start();
      harness.fake.calendar.seedEvents('me@example.com', 5);
      harness.fake.injectFault({ path: 'events', kind, count: 10 });
      const run = await syncCalendars(harness);
      expect(run).toMatchObject({ status: 'failed', resource: 'calendar' });
      expect(run.error?.code).toBe('TIMEOUT');
      await nextSyncSucceeds(harness, 'calendar');
    },
  );

  it.each(['hang', 'stall'] as const)(
    'token refresh before the run: %s → TIMEOUT, lock released',
    async (kind) => {
      const harness = await start();
      // The auth library itself retries a token request twice; every attempt hangs here.
      harness.fake.injectFault({ path: 'token', kind, count: 10 });
      const run = await harness.sync();
      expect(run.status).toBe('failed');
      expect(run.error?.code).toBe('TIMEOUT');
      expect(harness.fake.requestCount('connections')).toBe(0);
      await nextSyncSucceeds(harness);
    },
  );

  it('a token refresh that stalls during the run is retried like any request', async () => {
    // No token check first: the People call itself needs a token, and its refresh hangs once.
    const harness = await start({ tokenHealth: false });
    harness.fake.injectFault({ path: 'token', kind: 'hang' });
    const run = await harness.sync();
    expect(run.status).toBe('success');
    expect(harness.fake.requestCount('token')).toBe(2);
    expect(harness.contacts()).toHaveLength(20);
  });

  it('one hung request is retried and the run succeeds, saying meanwhile that it retries', async () => {
    const harness = await start();
    const seen: SyncProgress[] = [];
    harness.orchestrator.onProgress((p) => seen.push(p));
    harness.fake.injectFault({ path: 'connections', kind: 'hang' });
    const run = await harness.sync();
    expect(run.status).toBe('success');
    expect(seen.find((p) => p.retry)?.retry).toMatchObject({
      attempt: 2,
      attempts: 2,
      code: 'TIMEOUT',
    });
    // The page that followed cleared it.
    expect(seen.at(-1)?.retry).toBeUndefined();
  });

  it('Cancel ends a run stalled in its token refresh', async () => {
    const harness = await start();
    harness.fake.injectFault({ path: 'token', kind: 'hang', count: 10 });
    const started = harness.orchestrator.requestSync(harness.accountId, { trigger: 'manual' });
    if (started.status !== 'started') throw new Error('expected a run');
    while (harness.fake.requestCount('token') === 0) await new Promise((r) => setTimeout(r, 10));
    harness.orchestrator.cancel(harness.accountId);
    const run = await started.done;
    expect(run.status).toBe('cancelled');
  });
});

describe('Ctrl-C', () => {
  it('ends a CLI sync stalled in its token refresh at once, saying so', async () => {
    // The CLI keeps the app's deadlines (30 s, 60 s): only the interrupt can end this promptly.
    const harness = await start();
    harness.fake.injectFault({ path: 'token', kind: 'hang', count: 10 });
    const child = startCli(
      ['--db', harness.dbFile, 'sync'],
      cliEnv(harness.url, { CONTACTS_SYNC_TOKENS: `${harness.dir}/tokens.json` }),
    );
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (harness.fake.requestCount('token') === 0) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(stderr).toMatch(/Stopping/);
    expect(stdout).toMatch(/me@example.com: cancelled/);
    expect(stdout).toMatch(/The sync was cancelled/);
    expect(harness.fake.requestCount('connections')).toBe(0);
  });
});
