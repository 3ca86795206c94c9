import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountsRepo } from '../../src/main/core/db/accounts-repo.js';
import { openDatabase, type Db } from '../../src/main/core/db/connection.js';
import { SyncStateRepo } from '../../src/main/core/db/sync-state.js';
import type { ListPage, PageRequest } from '../../src/main/core/google/people-source.js';
import {
  runListing,
  type ListingAdapter,
  type ListingDeps,
} from '../../src/main/core/sync/listing.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pages 1–4 of numbers; the body "arrives" after `answerMs` and is read for another 20 ms. */
class TimedListing implements ListingAdapter<number> {
  readonly resource = 'contacts' as const;
  readonly fingerprint = 'numbers';
  readonly events: string[] = [];

  constructor(private readonly answerMs: number) {}

  async fetchPage(
    request: PageRequest,
    _signal: AbortSignal,
    onReceived?: () => void,
  ): Promise<ListPage<number>> {
    const n = Number(request.pageToken ?? 1);
    await sleep(this.answerMs);
    this.events.push(`received ${n}`);
    onReceived?.();
    await sleep(20);
    return {
      items: [n],
      nextPageToken: n < 4 ? String(n + 1) : null,
      nextSyncToken: n < 4 ? null : 'sync',
      totalItems: 4,
      bytes: 0,
    };
  }

  readonly writer = {
    applyPage: (items: number[]) => this.write(items),
    sweep: () => undefined,
  };

  write(items: number[]): void {
    this.events.push(`write ${items[0]}`);
    const until = performance.now() + 30; // a synchronous write, as SQLite's is
    while (performance.now() < until);
  }
}

let db: Db;
let deps: ListingDeps;
beforeEach(() => {
  db = openDatabase(':memory:');
  const account = new AccountsRepo(db).upsert('me@example.com', null, new Date().toISOString());
  deps = {
    db,
    syncState: new SyncStateRepo(db),
    accountId: account.id,
    runId: 1,
    now: () => new Date(),
    retry: { delaysMs: [], jitter: 0, budgetMs: 0 },
    signal: new AbortController().signal,
    tally: { pages: 0, apiCalls: 0, bytesReceived: 0 },
  };
});
afterEach(() => db.close());

const position = (events: string[], event: string) => {
  const index = events.indexOf(event);
  if (index < 0) throw new Error(`no "${event}" in ${events.join(', ')}`);
  return index;
};

describe('writing a page while the next one is read', () => {
  it('waits for a fast answer to arrive before writing, so it is read during the write', async () => {
    // A generous wait, so a loaded machine cannot make a 2 ms answer look slow.
    const listing = new TimedListing(2);
    await runListing(listing, { ...deps, readAheadWaitMs: 2_000 });
    for (const n of [1, 2, 3]) {
      expect(position(listing.events, `received ${n + 1}`)).toBeLessThan(
        position(listing.events, `write ${n}`),
      );
    }
    expect(deps.syncState.get(deps.accountId, 'contacts').syncToken).toBe('sync');
  });

  it('writes first when Google answers slower than the wait is worth', async () => {
    const listing = new TimedListing(150);
    await runListing(listing, { ...deps, readAheadWaitMs: 10 });
    for (const n of [1, 2, 3]) {
      expect(position(listing.events, `write ${n}`)).toBeLessThan(
        position(listing.events, `received ${n + 1}`),
      );
    }
    expect(deps.syncState.get(deps.accountId, 'contacts').syncToken).toBe('sync');
  });
});

/** Page 1's write fails (a disk error, a lease taken over) while page 2 is already requested. */
class FailingFirstWrite extends TimedListing {
  override async fetchPage(request: PageRequest, signal: AbortSignal, onReceived?: () => void) {
    const page = await super.fetchPage(request, signal, onReceived);
    this.events.push(`answered ${request.pageToken ?? 1}`);
    return page;
  }

  override write(items: number[]): void {
    this.events.push(`write ${items[0]}`);
    throw new Error('disk I/O error');
  }
}

describe('a page whose write fails', () => {
  it('fails the listing with the write’s error once the request already sent for the next page has settled', async () => {
    // Slower than the wait: page 1 is written while page 2 is still on its way.
    const listing = new FailingFirstWrite(150);
    await expect(runListing(listing, { ...deps, readAheadWaitMs: 10 })).rejects.toThrow(
      'disk I/O error',
    );
    // No request of this run is left in flight once it has failed (its lock is released then).
    expect(listing.events).toEqual([
      'received 1',
      'answered 1',
      'write 1',
      'received 2',
      'answered 2',
    ]);
    expect(deps.tally.apiCalls).toBe(2);
  });
});
