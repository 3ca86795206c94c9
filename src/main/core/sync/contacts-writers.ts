/**
 * The write halves of the contacts run's listings (labels, then contacts): what a page changes in
 * the mirror, applied inside the page's transaction by whichever thread owns the write connection
 * (see sync-writes.ts). Built from plain data (WriterSpec), so the sync writer's thread can build
 * them too; the fetch halves stay in contacts-adapters.ts.
 */
import { emptyCounts, type RunCounts } from '../../../shared/domain.js';
import { BulkImport } from '../db/bulk-import.js';
import { ContactsStore, type DeletionCandidate, type PageEntry } from '../db/contacts-store.js';
import type { Db } from '../db/connection.js';
import { GroupsStore } from '../db/groups-store.js';
import { PendingDeletions } from '../db/pending-deletions.js';
import type { PersonEntry } from '../google/connections-page.js';
import type { ContactGroup } from '../google/person.js';
import { needsConfirmation, withheldDeletionsNotice } from './deletion-guard.js';
import { PendingCounts } from './pending-counts.js';
import type { ContactsWriterOptions, PageContext, PageOutcome, PageWriter } from './page-types.js';

export class LabelsWriter implements PageWriter<ContactGroup> {
  private readonly store: GroupsStore;

  constructor(db: Db, accountId: number) {
    this.store = new GroupsStore(db, accountId);
  }

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

export class ContactsWriter implements PageWriter<PersonEntry> {
  private readonly store: ContactsStore;
  private readonly bulk: BulkImport;
  private readonly pendingDeletions: PendingDeletions;
  /** Whether the current full listing is the account's first import, decided at its first page. */
  private initialImport = false;
  private listingGeneration: number | null = null;
  /** What this listing's committed pages counted (the guard's judgement needs their creations). */
  private readonly counts = emptyCounts();
  private readonly page = new PendingCounts(this.counts);
  /**
   * DESIGN §5: an incremental listing's tombstones wait here until the whole listing is read;
   * with them, what earlier runs withheld (read at the first page, less what shows up again).
   */
  private readonly staged = new Set<string>();
  /** Former names of tombstoned contacts (staged too): a row may still carry one of them. */
  private readonly stagedAliases = new Set<string>();
  private withheldBefore: Set<string> | null = null;
  /** Set when the listing withheld deletions (see settleDeletions). */
  private withheld: PageOutcome['notice'] = null;

  constructor(
    db: Db,
    accountId: number,
    private readonly options: ContactsWriterOptions,
  ) {
    this.store = new ContactsStore(db, accountId);
    this.bulk = new BulkImport(db, accountId);
    this.pendingDeletions = new PendingDeletions(db, accountId);
  }

  /** Counts of the page being applied; they count only once its transaction commits. */
  private get pending(): RunCounts {
    return this.page.pending;
  }

  applyPage(entries: PersonEntry[], ctx: PageContext): void {
    const pending = this.page.begin();
    if (ctx.mode === 'full' && ctx.generation !== this.listingGeneration) {
      // Inside the first page's transaction, so what it puts off is recorded with the page.
      this.initialImport = this.bulk.begin();
      this.listingGeneration = ctx.generation;
      // After an expired token: the full listing's sweep finds every deletion by itself.
      this.staged.clear();
      this.stagedAliases.clear();
    }
    this.withheldBefore ??= new Set(this.pendingDeletions.names());
    const upserts: PageEntry[] = [];
    for (const entry of entries) {
      if (entry.kind === 'tombstone') {
        this.staged.add(entry.resourceName);
        for (const name of entry.previousResourceNames ?? []) {
          this.staged.add(name);
          this.stagedAliases.add(name);
        }
        continue;
      }
      upserts.push(entry);
      // Listed again, so no longer deleted upstream (a re-key moves the old name's row here).
      for (const name of [entry.record.resourceName, ...(entry.previousResourceNames ?? [])]) {
        this.staged.delete(name);
        this.stagedAliases.delete(name);
        this.withheldBefore.delete(name);
      }
    }
    const counts = this.store.applyPage(upserts, { ...ctx, initialImport: this.initialImport });
    pending.fetched = entries.length;
    pending.created = counts.created;
    pending.updated = counts.updated;
    pending.unchanged = counts.unchanged;
  }

  /** Full listing, last page: what it did not list is deleted upstream, judged as one batch. */
  sweep(ctx: PageContext): void {
    this.settleDeletions(this.store.unseen(ctx.generation), ctx);
    if (this.initialImport) this.bulk.finish();
  }

  /** Incremental listing, last page: its tombstones and those still withheld, judged as one batch. */
  settle(ctx: PageContext): void {
    const names = [...this.staged, ...(this.withheldBefore ?? [])];
    const candidates = this.store.activeNamed(names);
    // Tombstones of contacts we never had or already deleted change nothing.
    const tombstones = this.staged.size - this.stagedAliases.size;
    const matched = candidates.filter((c) => this.staged.has(c.resource_name)).length;
    this.pending.unchanged += Math.max(0, tombstones - matched);
    this.settleDeletions(candidates, ctx);
  }

  committed(): PageOutcome {
    return { counts: this.page.commit(), notice: this.withheld };
  }

  /**
   * DESIGN §5: deletes the listing's deletions only when the guard allows all of them; otherwise
   * none, and they stay pending (account state) until the person confirms, they show up again,
   * or a later run's guard allows them (a raised threshold) — counting no more contacts than when
   * they were withheld.
   * Judged against the active contacts when the run started: nothing withheld was ever deleted,
   * so that is today's count less what this listing's committed and current pages created.
   */
  private settleDeletions(candidates: DeletionCandidate[], ctx: PageContext): void {
    const total = candidates.length;
    const { guard, allowMassDeletion } = this.options;
    // Deletions withheld before are judged against no more contacts than there were then:
    // contacts added upstream since must not make the same deletions look small enough.
    const withheldWith = candidates.some((c) => this.withheldBefore?.has(c.resource_name))
      ? this.pendingDeletions.activeWhenWithheld()
      : null;
    const activeAtStart = () =>
      this.store.activeCount() - this.counts.created - this.pending.created;
    const judgedAgainst = () =>
      withheldWith === null ? activeAtStart() : Math.min(activeAtStart(), withheldWith);
    if (allowMassDeletion || !needsConfirmation(total, judgedAgainst, guard)) {
      this.pending.deleted += this.store.softDeleteAll(candidates, {
        ...ctx,
        initialImport: this.initialImport,
      });
      this.pendingDeletions.clear();
      return;
    }
    this.pendingDeletions.replace(
      candidates.map((c) => c.resource_name),
      ctx.now,
      judgedAgainst(),
    );
    const { code, message } = withheldDeletionsNotice(total, activeAtStart());
    this.withheld = { code, message };
  }
}
