import { AppError } from '../errors.js';

export interface MassDeletionGuard {
  /** Share of the account's active contacts one run may delete without asking (0–1). */
  share: number;
  /** Fewer deletions than this never trip the guard. */
  minimum: number;
}

export const DEFAULT_MASS_DELETION_GUARD: MassDeletionGuard = { share: 0.5, minimum: 20 };

/**
 * Whether deleting `total` contacts needs the person's confirmation: at least `minimum` of them
 * and more than `share` of the address book (exactly half is allowed). The address book is
 * counted only when the minimum is reached: a 10-change sync need not count 100,000 rows.
 */
export function needsConfirmation(
  total: number,
  activeAtStart: () => number,
  guard: MassDeletionGuard,
): boolean {
  return total >= guard.minimum && total > guard.share * activeAtStart();
}

const number = (n: number) => n.toLocaleString('en-US');

/**
 * What a run that withheld deletions says in History (recorded with the successful run, under
 * the code MASS_DELETION_GUARD): what it did not do, and why.
 */
export function withheldDeletionsNotice(total: number, activeAtStart: number): AppError {
  return new AppError(
    'MASS_DELETION_GUARD',
    `Stopped before deleting ${number(total)} of your ${number(activeAtStart)} contacts — ` +
      'waiting for your confirmation. Other changes were synced. If you removed them in Google ' +
      'on purpose, confirm the deletion; until then they stay here.',
  );
}
