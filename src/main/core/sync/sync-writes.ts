/**
 * Where a sync's pages are written. A listing (listing.ts) fetches on the main thread and hands
 * each page to its `ListingWrites`, which applies it in one transaction: in this thread
 * (InlineSyncWrites: the command line, tests, a database without a file) or on the sync writer's
 * thread with its own connection (sync-writer.ts: the app, whose main thread is the UI's).
 * Either way the transaction is the one below, so both write exactly the same rows.
 */
import { assertNever, emptyCounts } from '../../../shared/domain.js';
import type { Db } from '../db/connection.js';
import { LeasesRepo } from '../db/leases-repo.js';
import { SyncStateRepo } from '../db/sync-state.js';
import { AppError } from '../errors.js';
import { unpackItems } from '../google/packed-items.js';
import { CalendarListWriter, EventsWriter } from './calendar-writers.js';
import { ContactsWriter, LabelsWriter } from './contacts-writers.js';
import type { LeaseTerms, PageCommit, PageOutcome, PageWriter, WriterSpec } from './page-types.js';

export type {
  LeaseTerms,
  PageCommit,
  PageHint,
  PageOutcome,
  PageWriter,
  WriterSpec,
} from './page-types.js';

export function createPageWriter(db: Db, spec: WriterSpec): PageWriter<never> {
  switch (spec.kind) {
    case 'labels':
      return new LabelsWriter(db, spec.accountId);
    case 'contacts':
      return new ContactsWriter(db, spec.accountId, spec.options);
    case 'calendarList':
      return new CalendarListWriter(db, spec.accountId);
    case 'events':
      return new EventsWriter(db, spec.accountId, spec.calendar);
    default:
      return assertNever(spec);
  }
}

/** Renews the run's lease, or stops the run: another sync of the account took it over. */
export function renewLease(leases: LeasesRepo, terms: LeaseTerms): void {
  if (!leases.renew(terms.accountId, terms.owner, terms.nowMs, terms.expiresAtMs)) {
    throw new AppError(
      'INTERRUPTED',
      'This sync stopped answering for too long (was the computer asleep?) and another sync of ' +
        'the account took over. Nothing was lost.',
    );
  }
}

/**
 * A page in one transaction: the lease renewed (so a run another process took over writes
 * nothing more), the page applied, and either where the listing got to or, on the last page, the
 * sweep or settlement and the new sync token. A crash anywhere leaves the previous state whole.
 */
export function commitPage(db: Db, writer: PageWriter<unknown>, page: PageCommit): PageOutcome {
  const syncState = new SyncStateRepo(db);
  const { ctx, accountId, resource } = page;
  const write = db.transaction(() => {
    if (page.lease) renewLease(new LeasesRepo(db), page.lease);
    writer.applyPage(unpackItems(page.items), ctx, page.hint);
    if (page.last) {
      if (ctx.mode === 'full') writer.sweep(ctx);
      else writer.settle?.(ctx);
      const listing = { ...page.last, mode: ctx.mode };
      syncState.completeListing(accountId, resource, listing, ctx.now);
    } else if (page.position) {
      syncState.savePosition(accountId, resource, page.position);
    }
  });
  // IMMEDIATE: the write lock is taken (waiting for another process's write) before reading,
  // so the transaction never has to upgrade a stale read snapshot, which SQLite refuses.
  write.immediate();
  return writer.committed?.() ?? { counts: emptyCounts(), notice: null };
}

/** One listing's pages, committed in order. */
export interface ListingWrites {
  commit(page: PageCommit): Promise<PageOutcome>;
  /** The listing ended (however it ended): its write half is dropped. */
  close(): void;
}

/** Who commits the pages of every listing of every run (one per core). */
export interface SyncWrites {
  open(writer: PageWriter<never> | WriterSpec): ListingWrites;
  /** Renews a run's lease between pages (a long page must not let it lapse). */
  renewLease(terms: LeaseTerms): Promise<void>;
  close(): Promise<void>;
}

export const isSpec = (writer: PageWriter<never> | WriterSpec): writer is WriterSpec =>
  'kind' in writer;

/** Commits pages on this thread's connection. */
export class InlineSyncWrites implements SyncWrites {
  constructor(private readonly db: Db) {}

  open(writer: PageWriter<never> | WriterSpec): ListingWrites {
    const pages = (
      isSpec(writer) ? createPageWriter(this.db, writer) : writer
    ) as PageWriter<unknown>;
    return {
      // async: a page that cannot be written rejects, as the sync writer's would
      commit: async (page) => commitPage(this.db, pages, page),
      close: () => undefined,
    };
  }

  async renewLease(terms: LeaseTerms): Promise<void> {
    renewLease(new LeasesRepo(this.db), terms);
  }

  async close(): Promise<void> {}
}
