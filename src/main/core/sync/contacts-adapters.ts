import type { RunCounts } from '../../../shared/domain.js';
import { BulkImport } from '../db/bulk-import.js';
import { ContactsStore } from '../db/contacts-store.js';
import type { Db } from '../db/connection.js';
import { GroupsStore } from '../db/groups-store.js';
import { AppError } from '../errors.js';
import type { PersonEntry } from '../google/connections-page.js';
import type { ContactGroup } from '../google/person.js';
import type { PeopleSource } from '../google/people-source.js';
import { runListing, type ListingAdapter, type PageContext, type ResourceRun } from './listing.js';
import { PendingCounts } from './pending-counts.js';

export interface MassDeletionGuard {
  /** Share of the account's active contacts one run may delete without asking (0–1). */
  share: number;
  /** Fewer deletions than this never trip the guard. */
  minimum: number;
}

export const DEFAULT_MASS_DELETION_GUARD: MassDeletionGuard = { share: 0.5, minimum: 20 };

export class LabelsAdapter implements ListingAdapter<ContactGroup> {
  readonly resource = 'contact_groups' as const;
  readonly fingerprint: string;
  private readonly store: GroupsStore;

  constructor(
    db: Db,
    accountId: number,
    private readonly source: PeopleSource,
  ) {
    this.store = new GroupsStore(db, accountId);
    this.fingerprint = source.fingerprint('contactGroups');
  }

  fetchPage: ListingAdapter<ContactGroup>['fetchPage'] = (request, signal) =>
    this.source.listContactGroups(request, signal);

  applyPage(groups: ContactGroup[], ctx: PageContext): void {
    for (const group of groups) {
      if (group.metadata?.deleted) this.store.softDelete(group.resourceName as string, ctx.now);
      else this.store.upsert(group, ctx);
    }
  }

  sweep(ctx: PageContext): void {
    this.store.sweep(ctx.generation, ctx.now);
  }
}

export class ContactsAdapter implements ListingAdapter<PersonEntry> {
  readonly resource = 'contacts' as const;
  readonly fingerprint: string;
  private readonly store: ContactsStore;
  private activeAtStart: number | null = null;
  private readonly bulk: BulkImport;
  /** Whether the current full listing is the account's first import, decided at its first page. */
  private initialImport = false;
  private listingGeneration: number | null = null;
  private readonly page: PendingCounts;

  constructor(
    db: Db,
    accountId: number,
    private readonly source: PeopleSource,
    private readonly counts: RunCounts,
    private readonly options: { guard: MassDeletionGuard; allowMassDeletion: boolean },
  ) {
    this.store = new ContactsStore(db, accountId);
    this.bulk = new BulkImport(db, accountId);
    this.page = new PendingCounts(counts);
    this.fingerprint = source.fingerprint('connections');
  }

  /** Counts of the page being applied; they join the run's counts only once its transaction commits. */
  private get pending(): RunCounts {
    return this.page.pending;
  }

  fetchPage: ListingAdapter<PersonEntry>['fetchPage'] = (request, signal, onReceived) =>
    this.source.listConnections(request, signal, onReceived);

  applyPage(entries: PersonEntry[], ctx: PageContext): void {
    const pending = this.page.begin();
    if (ctx.mode === 'full' && ctx.generation !== this.listingGeneration) {
      // Inside the first page's transaction, so what it puts off is recorded with the page.
      this.initialImport = this.bulk.begin();
      this.listingGeneration = ctx.generation;
    }
    const tombstones = entries.filter((entry) => entry.kind === 'tombstone').length;
    this.checkDeletions(this.counts.deleted + tombstones);
    const counts = this.store.applyPage(entries, { ...ctx, initialImport: this.initialImport });
    pending.fetched = entries.length;
    pending.created = counts.created;
    pending.updated = counts.updated;
    pending.deleted = counts.deleted;
    pending.unchanged = counts.unchanged;
  }

  sweep(ctx: PageContext): void {
    const total = this.counts.deleted + this.pending.deleted;
    this.checkDeletions(total + this.store.countNotSeen(ctx.generation));
    this.pending.deleted += this.store.sweep({ ...ctx, initialImport: this.initialImport });
    if (this.initialImport) this.bulk.finish();
  }

  pageCommitted(): void {
    this.page.commit();
  }

  /**
   * Active contacts when the run started, counted only when the guard needs it (a 10-change sync
   * should not count 100,000 rows): today's count, less what this run's committed and pending
   * pages created, plus what they deleted.
   */
  private startCount(): number {
    if (this.activeAtStart === null) {
      const { created, deleted } = this.counts;
      this.activeAtStart =
        this.store.activeCount() - created - this.pending.created + deleted + this.pending.deleted;
    }
    return this.activeAtStart;
  }

  /** DESIGN §5: stop before committing a step that would delete most of the address book. */
  private checkDeletions(total: number): void {
    const { share, minimum } = this.options.guard;
    if (this.options.allowMassDeletion || total < minimum || total <= share * this.startCount()) {
      return;
    }
    throw new AppError(
      'MASS_DELETION_GUARD',
      `This sync would remove ${total} of your ${this.startCount()} contacts, so it stopped and ` +
        `deleted nothing. If you really removed them in Google, confirm the deletion and sync again.`,
    );
  }
}

export type ContactsRunDeps = ResourceRun & {
  source: PeopleSource;
  guard: MassDeletionGuard;
  allowMassDeletion: boolean;
};

/** A contacts run: labels first, so memberships of the contacts resolve (DESIGN §5). */
export async function syncContacts(deps: ContactsRunDeps): Promise<void> {
  const { db, accountId, source, listing } = deps;
  const options = { forceFull: deps.forceFull };
  const labels = new LabelsAdapter(db, accountId, source);
  await runListing(labels, { ...listing, onPage: deps.onPage('labels') }, options);
  const contacts = new ContactsAdapter(db, accountId, source, deps.counts, {
    guard: deps.guard,
    allowMassDeletion: deps.allowMassDeletion,
  });
  const onKind = deps.onKind; // the contacts listing decides the run's kind, not the labels
  await runListing(contacts, { ...listing, onPage: deps.onPage('contacts'), onKind }, options);
}
