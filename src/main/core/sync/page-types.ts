/**
 * What a listing's two halves say to each other across threads (sync-writes.ts): the page to
 * commit and what its transaction records, the write half as data, what a commit added. Types
 * only, so the listing, the writers and the writes can all use them without importing each other.
 */
import type { RunCounts } from '../../../shared/domain.js';
import type { MirroredCalendar } from '../db/calendar-store.js';
import type { ListingPosition, ListingResource } from '../db/sync-state.js';
import type { ErrorCode } from '../errors.js';
import type { PageItems } from '../google/packed-items.js';
import type { MassDeletionGuard } from './deletion-guard.js';

export type ListingMode = 'full' | 'incremental';

export interface PageContext {
  mode: ListingMode;
  runId: number;
  /** The full sync's generation; rows seen by it are marked with it. 0 for incremental. */
  generation: number;
  now: string;
}

export interface ContactsWriterOptions {
  guard: MassDeletionGuard;
  allowMassDeletion: boolean;
}

/** What the fetch half knew of a page that its write half needs (one calendar's zone). */
export interface PageHint {
  timeZone?: string | null;
}

/** What a committed page added to the run. */
export interface PageOutcome {
  counts: RunCounts;
  /** A notice the listing's run ends with (deletions withheld for confirmation), if any. */
  notice: { code: ErrorCode; message: string } | null;
}

/** The write half of a listing: applies pages inside the transaction the listing opens for each. */
export interface PageWriter<T> {
  applyPage(items: T[], ctx: PageContext, hint: PageHint): void;
  /** Full listing only, inside the last page's transaction: soft-deletes what the listing lacked. */
  sweep(ctx: PageContext): void;
  /** Incremental only, inside the last page's transaction: settles what the listing staged. */
  settle?(ctx: PageContext): void;
  /** After the page's transaction committed: what it added (counts become real only then). */
  committed?(): PageOutcome;
}

/** A write half described as data, so the sync writer's thread can build it on its connection. */
export type WriterSpec =
  | { kind: 'labels'; accountId: number }
  | { kind: 'contacts'; accountId: number; options: ContactsWriterOptions }
  | { kind: 'calendarList'; accountId: number }
  | { kind: 'events'; accountId: number; calendar: MirroredCalendar };

/** The run's lease as of the page: renewed inside the page's transaction (run-lease.ts). */
export interface LeaseTerms {
  accountId: number;
  owner: string;
  nowMs: number;
  expiresAtMs: number;
}

/** One page to commit, with what its transaction records besides the page's rows. */
export interface PageCommit {
  accountId: number;
  resource: ListingResource;
  items: PageItems<unknown>;
  ctx: PageContext;
  hint: PageHint;
  /** The listing's last page: sweep or settle, and store how the listing ended. */
  last: { syncToken: string | null; fingerprint: string } | null;
  /** A full listing's page before its last: where the listing continues after a crash. */
  position: ListingPosition | null;
  lease: LeaseTerms | null;
}
