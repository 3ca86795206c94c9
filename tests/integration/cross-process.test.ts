import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './harness.js';
import { cliEnv, runCli, startCli, waitFor } from './cli-process.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

interface RunRow {
  id: number;
  status: string;
  pages: number;
  api_calls: number;
  fetched: number;
  created: number;
  error_code: string | null;
}

/** Reads the database as another process sees it, through its own connection. */
function peek<T>(dbFile: string, read: (db: Database.Database) => T): T {
  const raw = new Database(dbFile, { readonly: true });
  try {
    return read(raw);
  } finally {
    raw.close();
  }
}

function runRow(dbFile: string, runId?: number): RunRow | undefined {
  return peek(dbFile, (db) =>
    db
      .prepare<[number | null, number | null], RunRow>(
        `SELECT id, status, pages, api_calls, fetched, created, error_code FROM sync_runs
         WHERE (? IS NULL OR id = ?) ORDER BY id DESC LIMIT 1`,
      )
      .get(runId ?? null, runId ?? null),
  );
}

const contactRows = (dbFile: string) =>
  peek(dbFile, (db) => (db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n);

describe('one sync per account across processes', () => {
  it('a second process answers already_running with no API call, status shows the run, and a killed run is taken over keeping its counts', async () => {
    h = await Harness.start({ contacts: 5_500 });
    const env = cliEnv(h.url, { CONTACTS_SYNC_TOKENS: `${h.dir}/tokens.json` });
    // Pages 1 and 2 of the contacts answer; page 3 hangs, so the first process stays mid-run
    // with two pages committed.
    h.fake.injectFault({ path: 'connections', kind: 'delay', delayMs: 120_000, afterRequests: 2 });
    // A short lease: the first process keeps it only by renewing it while it waits for page 3.
    const first = startCli(['--db', h.dbFile, 'sync'], {
      ...env,
      CONTACTS_SYNC_LEASE_TTL_MS: '1000',
    });
    const exited = new Promise((resolve) => first.on('exit', resolve));
    await waitFor(
      () => contactRows(h.dbFile) >= 2_000 && h.fake.requestCount('connections') === 3,
      60_000,
    );
    const running = runRow(h.dbFile) as RunRow;
    expect(running.status).toBe('running');
    // Committed pages are in the history row while the run goes on (labels + 2 contacts pages).
    expect.soft(running).toMatchObject({ fetched: 2_000, created: 2_000, pages: 3 });
    const requestsBefore = h.fake.requestCount();
    await new Promise((r) => setTimeout(r, 1_500)); // longer than the lease without a heartbeat

    const second = await runCli(['--db', h.dbFile, '--json', 'sync'], env);
    expect.soft(second.stderr).not.toMatch(/database is locked|Unexpected error/);
    expect.soft(second.code).toBe(3);
    expect.soft(JSON.parse(second.stdout)).toEqual([
      {
        account: 'me@example.com',
        resource: 'contacts',
        status: 'already_running',
        runId: running.id,
      },
    ]);
    const plain = await runCli(['--db', h.dbFile, 'sync'], env);
    expect.soft(plain.code).toBe(3);
    expect.soft(plain.stdout).toContain(`me@example.com: already running (run ${running.id}`);

    const status = await runCli(['--db', h.dbFile, '--json', 'status'], env);
    expect(status.code).toBe(0);
    expect
      .soft(JSON.parse(status.stdout))
      .toMatchObject([
        { account: { email: 'me@example.com' }, running: true, lastRun: { status: 'running' } },
      ]);
    expect.soft(runRow(h.dbFile, running.id)?.status).toBe('running');
    // Neither the second sync nor status asked Google anything.
    expect.soft(h.fake.requestCount()).toBe(requestsBefore);

    first.kill('SIGKILL');
    await exited;
    h.fake.clearFaults();
    const next = await runCli(['--db', h.dbFile, '--json', 'sync'], env);
    expect(next.code).toBe(0);
    const [run] = JSON.parse(next.stdout) as { runId: number; status: string }[];
    expect(run).toMatchObject({ status: 'success' });
    expect(run?.runId).not.toBe(running.id);
    // The killed run is closed as interrupted with what it had committed, not 0 calls and counts.
    const killed = runRow(h.dbFile, running.id) as RunRow;
    expect(killed).toMatchObject({
      status: 'failed',
      error_code: 'INTERRUPTED',
      fetched: 2_000,
      created: 2_000,
      pages: 3,
    });
    expect(killed.api_calls).toBeGreaterThanOrEqual(3);
    expect(h.localState()).toEqual(h.serverState());
  }, 150_000);
});
