import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './harness.js';
import { cliEnv, startCli, waitFor } from './cli-process.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('a sync process killed with SIGKILL', () => {
  // Kill while page N of the contacts is being fetched, and once right after a page arrived
  // (while it is most likely being written).
  it.each([
    ['during page 1', 1, 0],
    ['during page 3', 3, 0],
    ['just after page 2 arrived', 3, 150],
    ['during the last page', 6, 0],
  ])(
    '%s leaves an intact database with the old token; the next run converges',
    async (_name, page, extraDelay) => {
      h = await Harness.start({ contacts: 5_500 });
      // The first full sync succeeds; then the server changes and the token expires, so the
      // killed run is a full sync over existing rows — the hardest case for the sweep.
      await h.sync();
      const tokenBefore = h.syncToken();
      for (const person of h.fake.listContacts().slice(0, 10))
        h.fake.deleteContact(person.resourceName!);
      h.fake.addContacts(7);
      h.fake.expireSyncTokens();
      h.fake.resetCounts();
      h.fake.injectFault({ path: 'connections', kind: 'delay', delayMs: 150, count: 100 });

      const child = startCli(
        ['--db', h.dbFile, 'sync'],
        cliEnv(h.url, { CONTACTS_SYNC_TOKENS: `${h.dir}/tokens.json` }),
      );
      const exited = new Promise((resolve) => child.on('exit', resolve));
      // The expired incremental call is request 1; full-sync page N is request N + 1.
      await waitFor(() => h.fake.requestCount('connections') >= page + 1);
      if (extraDelay) await new Promise((r) => setTimeout(r, extraDelay));
      child.kill('SIGKILL');
      await exited;
      h.fake.clearFaults();

      const raw = new Database(h.dbFile);
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(raw.pragma('foreign_key_check')).toEqual([]);
      raw.close();
      expect(h.syncToken()).toBe(tokenBefore);
      // Nothing was lost: every contact we had is still there or was legitimately re-synced.
      expect(h.contacts({ includeDeleted: true }).length).toBeGreaterThanOrEqual(5_500);

      expect(h.orchestrator.recoverInterruptedRuns()).toBe(1);
      const run = await h.sync();
      expect(run.status).toBe('success');
      expect(h.localState()).toEqual(h.serverState());
      expect(h.contacts()).toHaveLength(5_497);
    },
  );
});
