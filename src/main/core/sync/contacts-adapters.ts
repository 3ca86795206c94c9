import type { RunCounts } from '../../../shared/domain.js';
import { AppError } from '../errors.js';
import type { PersonEntry } from '../google/connections-page.js';
import type { ContactGroup } from '../google/person.js';
import type { PeopleSource } from '../google/people-source.js';
import type { MassDeletionGuard } from './deletion-guard.js';
import { runListing, type ListingAdapter, type ResourceRun } from './listing.js';
import { addCounts } from './pending-counts.js';
import type { PageOutcome, WriterSpec } from './sync-writes.js';

export { DEFAULT_MASS_DELETION_GUARD, type MassDeletionGuard } from './deletion-guard.js';

/** The labels listing; its pages are written by LabelsWriter (contacts-writers.ts). */
export class LabelsAdapter implements ListingAdapter<ContactGroup> {
  readonly resource = 'contact_groups' as const;
  readonly fingerprint: string;
  readonly writer: WriterSpec;

  constructor(
    accountId: number,
    private readonly source: PeopleSource,
  ) {
    this.fingerprint = source.fingerprint('contactGroups');
    this.writer = { kind: 'labels', accountId };
  }

  fetchPage: ListingAdapter<ContactGroup>['fetchPage'] = (request, signal) =>
    this.source.listContactGroups(request, signal);
}

/** The contacts listing; its pages are written by ContactsWriter (contacts-writers.ts). */
export class ContactsAdapter implements ListingAdapter<PersonEntry> {
  readonly resource = 'contacts' as const;
  readonly fingerprint: string;
  readonly writer: WriterSpec;
  /** Set when this run withheld deletions (see syncContacts). */
  withheld: AppError | null = null;

  constructor(
    accountId: number,
    private readonly source: PeopleSource,
    private readonly counts: RunCounts,
    options: { guard: MassDeletionGuard; allowMassDeletion: boolean },
  ) {
    this.fingerprint = source.fingerprint('connections');
    this.writer = { kind: 'contacts', accountId, options };
  }

  fetchPage: ListingAdapter<PersonEntry>['fetchPage'] = (request, signal, onReceived) =>
    this.source.listConnections(request, signal, onReceived);

  committed(outcome: PageOutcome): void {
    addCounts(this.counts, outcome.counts);
    if (outcome.notice) this.withheld = new AppError(outcome.notice.code, outcome.notice.message);
  }
}

export type ContactsRunDeps = ResourceRun & {
  source: PeopleSource;
  guard: MassDeletionGuard;
  allowMassDeletion: boolean;
};

/**
 * A contacts run: labels first, so memberships of the contacts resolve (DESIGN §5). Returns the
 * notice of deletions it withheld for the person's confirmation, if any.
 */
export async function syncContacts(deps: ContactsRunDeps): Promise<AppError | null> {
  const { accountId, source, listing } = deps;
  const options = { forceFull: deps.forceFull };
  const labels = new LabelsAdapter(accountId, source);
  await runListing(labels, { ...listing, onPage: deps.onPage('labels') }, options);
  const contacts = new ContactsAdapter(accountId, source, deps.counts, {
    guard: deps.guard,
    allowMassDeletion: deps.allowMassDeletion,
  });
  const onKind = deps.onKind; // the contacts listing decides the run's kind, not the labels
  await runListing(contacts, { ...listing, onPage: deps.onPage('contacts'), onKind }, options);
  return contacts.withheld;
}
