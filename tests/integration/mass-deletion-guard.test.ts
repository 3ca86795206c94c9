import { afterEach, describe, expect, it } from 'vitest';
import type { AccountStatusSummary } from '../../src/shared/domain.js';
import { PolicyStateRepo } from '../../src/main/core/db/policy-state.js';
import { searchIndexMismatch } from '../../src/main/core/db/search-invariants.js';
import { createRunPolicies } from '../../src/main/core/policies/index.js';
import {
  MemorySettingsStore,
  SettingsService,
} from '../../src/main/core/settings/settings-service.js';
import { cliEnv, runCli } from './cli-process.js';
import { Harness } from './harness.js';

// DESIGN §5: deletions are staged until the whole listing is read, judged as one batch against
// the active contacts before any unconfirmed deletion, and withheld (as account state) until the
// person confirms; every other change still applies.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const deleteOnServer = (names: string[]) => names.forEach((n) => h.fake.deleteContact(n));
const firstNames = (n: number, from = 0) =>
  h.fake
    .listContacts()
    .slice(from, from + n)
    .map((p) => p.resourceName as string);
const accountState = (): AccountStatusSummary => h.reports.status()[0] as AccountStatusSummary;
const pendingNames = () => h.pendingDeletions();
const displayName = (resourceName: string) =>
  h.contacts().find((c) => c.resourceName === resourceName)?.displayName;

describe('mass-deletion guard across pages and runs', () => {
  it('withholds 1,600 of 3,000 deletions spread over pages, in this run and the next, until confirmed', async () => {
    h = await Harness.start({ contacts: 3_000 });
    await h.sync();
    const tokenBefore = h.syncToken();
    const deleted = firstNames(1_600);
    deleteOnServer(deleted);
    const [edited] = firstNames(1); // listContacts lists live contacts only
    h.fake.updateContact(edited!, { names: [{ givenName: 'Edited', displayName: 'Edited' }] });
    h.fake.addContacts(1);

    const refused = await h.sync();
    expect(refused.kind).toBe('incremental');
    expect(refused.pages).toBeGreaterThanOrEqual(3); // labels + two pages of tombstones
    expect(refused.status).toBe('success');
    expect(refused.error?.code).toBe('MASS_DELETION_GUARD');
    expect(refused.error?.message).toMatch(/^Stopped before deleting 1,600 of your 3,000 contacts/);
    expect(refused.counts).toMatchObject({ deleted: 0, created: 1, updated: 1 });
    expect(h.contacts()).toHaveLength(3_001); // nothing deleted, not even page 1's 1,000
    expect(displayName(edited!)).toBe('Edited');
    expect(h.syncToken()).not.toBe(tokenBefore);
    expect(pendingNames()).toEqual([...deleted].sort());
    expect(accountState().pendingDeletions?.count).toBe(1_600);
    expect(h.reports.statistics().pendingDeletions).toBe(1_600);
    expect(searchIndexMismatch(h.db)).toEqual({ orphaned: [], missing: [] });

    // The next plain run sees no new tombstone; it still refuses the same 1,600 and applies an edit.
    const [later] = firstNames(1, 100);
    h.fake.updateContact(later!, { names: [{ givenName: 'Later', displayName: 'Later' }] });
    const again = await h.sync();
    expect(again.status).toBe('success');
    expect(again.error?.message).toMatch(/^Stopped before deleting 1,600 of your 3,001 contacts/);
    expect(again.counts).toMatchObject({ deleted: 0, updated: 1 });
    expect(displayName(later!)).toBe('Later');
    expect(h.contacts()).toHaveLength(3_001);
    expect(accountState().pendingDeletions?.count).toBe(1_600);

    // A calendar run of the same account does not hide the pending confirmation.
    await h.sync({ resource: 'calendar' });
    expect(accountState().lastRun?.resource).toBe('calendar');
    expect(accountState().pendingDeletions?.count).toBe(1_600);

    const confirmed = await h.sync({ allowMassDeletion: true });
    expect(confirmed).toMatchObject({ status: 'success', error: null });
    expect(confirmed.counts.deleted).toBe(1_600);
    const gone = h.contacts({ includeDeleted: true }).filter((c) => c.deletedAt !== null);
    expect(gone.map((c) => c.resourceName).sort()).toEqual([...deleted].sort());
    expect(h.localState()).toEqual(h.serverState());
    expect(accountState().pendingDeletions).toBeNull();
    expect(pendingNames()).toEqual([]);
    expect(searchIndexMismatch(h.db)).toEqual({ orphaned: [], missing: [] });
  });

  it('judges new deletions together with those still withheld', async () => {
    h = await Harness.start({ contacts: 100 });
    await h.sync();
    deleteOnServer(firstNames(60));
    await h.sync();
    expect(pendingNames()).toHaveLength(60);
    // Ten more: seventy of a hundred, none of them deleted, the prompt counts all of them.
    deleteOnServer(firstNames(10));
    const run = await h.sync();
    expect(run.error?.message).toMatch(/^Stopped before deleting 70 of your 100 contacts/);
    expect(h.contacts()).toHaveLength(100);
    expect(accountState().pendingDeletions?.count).toBe(70);
  });

  it('keeps deletions withheld though contacts added upstream since make them look small', async () => {
    // Found by the engine model (seed 90210): 20 of 28 withheld; 12 added meanwhile, so the next
    // run saw 20 of 40 — within the guard — and deleted them unasked.
    h = await Harness.start({ contacts: 28 });
    await h.sync();
    deleteOnServer(firstNames(20));
    h.fake.addContacts(12);
    const first = await h.sync();
    expect(first.error?.message).toMatch(/^Stopped before deleting 20 of your 28 contacts/);
    const again = await h.sync();
    expect(again).toMatchObject({ status: 'success', error: { code: 'MASS_DELETION_GUARD' } });
    expect(again.counts.deleted).toBe(0);
    expect(h.contacts()).toHaveLength(40);
    expect(pendingNames()).toHaveLength(20);
    const confirmed = await h.sync({ allowMassDeletion: true });
    expect(confirmed.counts.deleted).toBe(20);
    expect(h.localState()).toEqual(h.serverState());
  });

  it('forgets a withheld deletion when the contact shows up again upstream', async () => {
    h = await Harness.start({ contacts: 40 });
    await h.sync();
    const deleted = firstNames(30);
    deleteOnServer(deleted);
    await h.sync();
    expect(pendingNames()).toHaveLength(30);
    // Google lists it again (a restore from the bin makes it a live, changed contact).
    h.fake.restoreContact(deleted[0]!);
    const run = await h.sync();
    expect(run.error?.message).toMatch(/^Stopped before deleting 29 of your 40 contacts/);
    expect(pendingNames()).not.toContain(deleted[0]);
    expect(pendingNames()).toHaveLength(29);
    for (const name of deleted.slice(1)) h.fake.restoreContact(name);
    const clean = await h.sync();
    expect(clean.error).toBeNull();
    expect(accountState().pendingDeletions).toBeNull();
    expect(h.localState()).toEqual(h.serverState());
  });

  it('judges a full listing’s sweep the same way, counting contacts created in the same run', async () => {
    h = await Harness.start({ contacts: 1_500 });
    await h.sync();
    const deleted = firstNames(800);
    deleteOnServer(deleted);
    h.fake.addContacts(5);
    h.fake.expireSyncTokens();
    const run = await h.sync();
    expect(run.kind).toBe('full_after_expired_token');
    expect(run.status).toBe('success');
    expect(run.error?.message).toMatch(/^Stopped before deleting 800 of your 1,500 contacts/);
    // The new contacts are in; the 800 are not deleted, and wait as the account's state.
    expect(h.contacts()).toHaveLength(1_505);
    expect(pendingNames()).toEqual([...deleted].sort());
    const plain = await h.sync({ forceFull: true });
    expect(plain.counts.deleted).toBe(0);
    expect(accountState().pendingDeletions?.count).toBe(800);
    const confirmed = await h.sync({ allowMassDeletion: true });
    expect(confirmed.counts.deleted).toBe(800);
    expect(h.localState()).toEqual(h.serverState());
    expect(accountState().pendingDeletions).toBeNull();
  });
});

describe('a run that withheld deletions, to the run policies', () => {
  it('is no failure: three in a row leave the circuit breaker closed', async () => {
    const settings = new SettingsService(new MemorySettingsStore({}));
    h = await Harness.start({
      contacts: 40,
      policiesFor: (db, tokenHealth) =>
        createRunPolicies({ db, clock: { now: () => new Date() }, settings, tokenHealth }),
    });
    await h.sync();
    deleteOnServer(firstNames(30));
    for (let i = 0; i < 3; i++) {
      expect((await h.sync()).error?.code).toBe('MASS_DELETION_GUARD');
    }
    const state = new PolicyStateRepo(h.db).get(h.accountId);
    expect(state.consecutiveFailures).toBe(0);
    expect(state.circuitOpenUntil).toBeNull();
  });
});

describe('the withheld deletions from the command line', () => {
  it('`status` and `stats` show them; `sync --allow-mass-deletion` confirms them', async () => {
    h = await Harness.start({ contacts: 40 });
    await h.sync();
    deleteOnServer(firstNames(30));
    await h.sync();
    const env = cliEnv(h.url, { CONTACTS_SYNC_TOKENS: `${h.dir}/tokens.json` });
    const cli = (...args: string[]) => runCli(['--db', h.dbFile, ...args], env);

    const text = await cli('status');
    expect(text.stdout).toContain(
      'waiting for your confirmation: 30 contacts deleted in Google are kept here until you ' +
        'confirm (contacts-sync sync --allow-mass-deletion)',
    );
    const json = JSON.parse((await cli('--json', 'status')).stdout) as AccountStatusSummary[];
    expect(json[0]?.pendingDeletions?.count).toBe(30);
    expect((await cli('stats')).stdout).toContain('Deletions waiting for your confirmation: 30');

    const plain = await cli('sync');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/Stopped before deleting 30 of your 40 contacts/);
    expect(plain.stdout).toContain('To confirm: contacts-sync sync --allow-mass-deletion');
    const confirmed = await cli('sync', '--allow-mass-deletion');
    expect(confirmed.stdout).toMatch(/30 deleted/);
    expect(accountState().pendingDeletions).toBeNull();
    expect(h.localState()).toEqual(h.serverState());
  });
});

describe('mass-deletion guard boundaries (at least 20, more than 50 %)', () => {
  it.each([
    ['19 of 30: under the minimum', 30, 19, false],
    ['20 of 30: the minimum, over half', 30, 20, true],
    ['20 of 40: the minimum, exactly half', 40, 20, false],
    ['20 of 39: the minimum, just over half', 39, 20, true],
    ['50 of 100: exactly half', 100, 50, false],
    ['51 of 100: just over half', 100, 51, true],
  ])('%s', async (_name, size, deletions, refused) => {
    h = await Harness.start({ contacts: size });
    await h.sync();
    deleteOnServer(firstNames(deletions));
    const run = await h.sync();
    expect(run.status).toBe('success');
    expect(run.counts.deleted).toBe(refused ? 0 : deletions);
    expect(run.error?.code ?? null).toBe(refused ? 'MASS_DELETION_GUARD' : null);
    expect(accountState().pendingDeletions?.count ?? 0).toBe(refused ? deletions : 0);
  });

  it('counts the address book as it was before the run: contacts the run creates do not dilute it', async () => {
    h = await Harness.start({ contacts: 100 });
    await h.sync();
    deleteOnServer(firstNames(51));
    h.fake.addContacts(60); // 51 of the 100 there were; not 51 of 160
    const run = await h.sync();
    expect(run.counts).toMatchObject({ created: 60, deleted: 0 });
    expect(run.error?.message).toMatch(/^Stopped before deleting 51 of your 100 contacts/);
  });
});

describe('labels deleted in Google', () => {
  it('an incremental listing’s tombstone deletes the label; a full listing deletes one it lacks', async () => {
    h = await Harness.start({ contacts: 20 });
    const first = h.fake.addGroup('First');
    const second = h.fake.addGroup('Second');
    await h.sync();
    const activeLabels = () =>
      h.db
        .prepare<[number], { resource_name: string }>(
          `SELECT resource_name FROM contact_groups
           WHERE account_id = ? AND deleted_at IS NULL ORDER BY resource_name`,
        )
        .all(h.accountId)
        .map((r) => r.resource_name);
    expect(activeLabels()).toEqual(expect.arrayContaining([first, second]));

    h.fake.deleteGroup(first);
    await h.sync();
    expect(activeLabels()).not.toContain(first);
    expect(activeLabels()).toContain(second);

    h.fake.deleteGroup(second);
    h.fake.expireSyncTokens();
    const full = await h.sync();
    expect(full.kind).toBe('full_after_expired_token');
    expect(activeLabels()).not.toContain(second);
    expect(activeLabels().sort()).toEqual(
      h.fake
        .listGroups()
        .map((g) => g.resourceName as string)
        .sort(),
    );
  });
});
