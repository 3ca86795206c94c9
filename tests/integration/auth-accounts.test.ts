/** Token health, disconnect and several accounts, through the real flow against the fake Google. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../src/shared/domain.js';
import { AuthStore } from '../../src/main/core/auth/auth-store.js';
import type {
  AccountConnections,
  AccountScheduler,
  ConnectResult,
} from '../../src/main/core/auth/connections.js';
import { AccountsRepo } from '../../src/main/core/db/accounts-repo.js';
import { FakeBrowser } from '../fake-google/oauth-browser.js';
import { Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function connected(
  result: Promise<ConnectResult>,
): Promise<ConnectResult & { run: SyncRun }> {
  const connection = await result;
  if (connection.sync.status !== 'started') throw new Error('expected the first sync to start');
  return { ...connection, run: await connection.sync.done };
}

async function connectAs(connections: AccountConnections, email: string) {
  h.fake.authorization.signInAs(email);
  return connected(connections.connect());
}

/** Every file under the test folder (database, WAL, vault), as bytes. */
function diskContains(secret: string): boolean {
  return fs
    .readdirSync(h.dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(h.dir, name))
    .filter((file) => fs.statSync(file).isFile())
    .some((file) => fs.readFileSync(file).includes(Buffer.from(secret)));
}

describe('token health', () => {
  it('a revoked grant skips runs with no People API call, marks the account and notifies once', async () => {
    h = await Harness.start({ contacts: 25 });
    await h.sync();
    h.fake.revokeRefreshToken(h.fake.refreshToken);
    h.fake.expireAccessTokens();
    h.fake.resetCounts();

    const runs = [
      await h.sync(),
      await h.sync({ trigger: 'scheduled' }),
      await h.sync({ trigger: 'startup_catch_up' }),
    ];
    for (const run of runs) {
      expect(run).toMatchObject({ status: 'skipped', skipReason: 'reconnect_needed', apiCalls: 0 });
    }
    expect(h.fake.requestCount('connections') + h.fake.requestCount('contactGroups')).toBe(0);
    // Only the first run asked Google; later ones know the grant is dead.
    expect(h.fake.requestCount('token')).toBe(1);
    expect(new AccountsRepo(h.db).get(h.accountId).status).toBe('reconnect_needed');
    expect(new AuthStore(h.db).tokenHealth(h.accountId)?.health).toBe('revoked');
    expect(h.notifications).toEqual([
      expect.objectContaining({ kind: 'reconnect_needed', email: 'me@example.com' }),
    ]);
    expect(h.notifications[0]?.body).toMatch(/Reconnect the account/);
    expect(h.contacts()).toHaveLength(25);
  });

  it('after reconnecting, the next run is incremental and the account is healthy again', async () => {
    h = await Harness.start({ contacts: 25 });
    await h.sync();
    h.fake.revokeRefreshToken(h.fake.refreshToken);
    h.fake.expireAccessTokens();
    expect((await h.sync()).status).toBe('skipped');
    h.fake.addContacts(2);

    const reconnected = await connected(
      h.connections(new FakeBrowser().open).connect({ loginHint: 'me@example.com' }),
    );
    expect(reconnected.reconnected).toBe(true);
    expect(reconnected.account.status).toBe('connected');
    expect(reconnected.run).toMatchObject({
      trigger: 'after_connect',
      kind: 'incremental',
      status: 'success',
    });
    expect(reconnected.run.counts.created).toBe(2);
    expect(new AuthStore(h.db).tokenHealth(h.accountId)?.health).toBe('ok');
    expect(h.notifications).toHaveLength(1);
  });

  it('a grant revoked mid-run fails that run as revoked and marks the account at once', async () => {
    const revokeAfterCheck = {
      name: 'revoke-after-check',
      beforeRun: () => (h.fake.revokeRefreshToken(h.fake.refreshToken), null),
    };
    h = await Harness.start({ contacts: 25, policies: [revokeAfterCheck] });
    const run = await h.sync();
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('AUTH_REVOKED');
    expect(run.error?.message).toMatch(/Reconnect the account/);
    // Before any later run: the account already says so, and the person was told once.
    expect(new AccountsRepo(h.db).get(h.accountId).status).toBe('reconnect_needed');
    expect(h.notifications).toHaveLength(1);
    const next = await h.sync();
    expect(next).toMatchObject({ status: 'skipped', skipReason: 'reconnect_needed' });
    expect(new AccountsRepo(h.db).get(h.accountId).status).toBe('reconnect_needed');
    expect(h.notifications).toHaveLength(1);
  });
});

describe('disconnect', () => {
  it('revokes at Google, leaves no token on disk, clears sync state and keeps the contacts', async () => {
    h = await Harness.start({ contacts: 30, email: null });
    const connections = h.connections(new FakeBrowser().open);
    const { account } = await connected(connections.connect());
    const refreshToken = h.vault.get(account.email)?.refreshToken as string;
    expect(diskContains(refreshToken)).toBe(true);

    const result = await connections.disconnect('ME@example.com');
    expect(result.revoked).toBe(true);
    expect(result.account?.status).toBe('disconnected');
    expect(h.vault.get(account.email)).toBeNull();
    h.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(diskContains(refreshToken)).toBe(false);
    expect(h.syncState.get(account.id, 'contacts').syncToken).toBeNull();
    expect(h.syncState.get(account.id, 'contacts').lastFullSyncAt).toBeNull();
    expect(h.contacts({}, account.id)).toHaveLength(30);
    expect(h.reports.status()[0]).toMatchObject({
      account: { status: 'disconnected' },
      contacts: 30,
    });

    // Google no longer accepts the grant, and nothing syncs the account any more.
    expect(h.fake.revokeRefreshToken(refreshToken)).toBe(true);
    h.fake.resetCounts();
    const run = await h.sync({}, account.id);
    expect(run).toMatchObject({ status: 'skipped', skipReason: 'account_disconnected' });
    expect(h.fake.requestCount()).toBe(0);
  });

  it('cancels the running sync first', async () => {
    h = await Harness.start({ contacts: 3_000 });
    const started = h.orchestrator.requestSync(h.accountId, { trigger: 'manual' });
    await h.connections(new FakeBrowser().open).disconnect('me@example.com');
    expect(h.orchestrator.isRunning(h.accountId)).toBe(false);
    if (started.status !== 'started') throw new Error('expected a run');
    expect((await started.done).status).toBe('cancelled');
    expect(h.vault.list()).toEqual([]);
  });

  it('still disconnects when Google cannot be reached to revoke', async () => {
    h = await Harness.start({ contacts: 5 });
    await h.fake.stop();
    const result = await h.connections(new FakeBrowser().open).disconnect('me@example.com');
    expect(result.revoked).toBe(false);
    expect(h.vault.list()).toEqual([]);
    expect(new AccountsRepo(h.db).get(h.accountId).status).toBe('disconnected');
  });

  it('with deleteData removes the account, its contacts and its search entries', async () => {
    h = await Harness.start({ contacts: 30, email: null });
    const connections = h.connections(new FakeBrowser().open);
    const { account } = await connected(connections.connect());
    const someone = h.fake.listContacts()[0]?.names?.[0]?.familyName as string;
    expect(h.reports.search(someone).total).toBeGreaterThan(0);

    const result = await connections.disconnect(account.email, { deleteData: true });
    expect(result.account).toBeNull();
    expect(new AccountsRepo(h.db).list()).toEqual([]);
    expect(h.contacts({ includeDeleted: true }, account.id)).toEqual([]);
    expect(h.reports.search(someone).contacts).toEqual([]);
    expect(h.reports.history()).toEqual([]);
  });
});

describe('the scheduler', () => {
  it('is told when an account is connected and when it is disconnected', async () => {
    h = await Harness.start({ email: null });
    const statuses: string[] = [];
    const scheduler: AccountScheduler = {
      refresh: () => statuses.push(new AccountsRepo(h.db).list()[0]?.status ?? 'none'),
    };
    const connections = h.connections(new FakeBrowser().open, { scheduler });
    await connected(connections.connect());
    await connections.disconnect('me@example.com');
    expect(statuses).toEqual(['connected', 'disconnected']);
  });
});

describe('several accounts', () => {
  it('sync side by side and their data never mixes', async () => {
    h = await Harness.start({ contacts: 40, seed: 1, email: null });
    h.fake.addUser('b@example.com', { contacts: 15, seed: 9 });
    const connections = h.connections(new FakeBrowser().open);
    const a = await connectAs(connections, 'me@example.com');
    const b = await connectAs(connections, 'b@example.com');
    expect(a.account.id).not.toBe(b.account.id);
    expect(new AccountsRepo(h.db).list().map((x) => x.email)).toEqual([
      'b@example.com',
      'me@example.com',
    ]);
    expect(h.localState(a.account.id)).toEqual(h.serverState());
    expect(h.localState(b.account.id)).toEqual(h.serverState('b@example.com'));
    expect(h.localState(b.account.id).size).toBe(15);

    h.fake.addContacts(3, 'b@example.com');
    expect((await h.sync({}, a.account.id)).counts.created).toBe(0);
    expect((await h.sync({}, b.account.id)).counts.created).toBe(3);
    expect(h.localState(a.account.id)).toEqual(h.serverState());
    expect(h.localState(b.account.id)).toEqual(h.serverState('b@example.com'));
    expect(h.reports.search('', { accountId: b.account.id, limit: 1000 }).total).toBe(18);

    // One account's dead grant does not stop the other.
    h.fake.revokeRefreshToken(h.vault.get('b@example.com')?.refreshToken as string);
    h.fake.expireAccessTokens();
    expect((await h.sync({}, b.account.id)).status).toBe('skipped');
    expect((await h.sync({}, a.account.id)).status).toBe('success');
    expect(h.notifications.map((n) => n.email)).toEqual(['b@example.com']);
  });
});
