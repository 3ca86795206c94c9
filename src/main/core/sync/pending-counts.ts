import { emptyCounts, type RunCounts } from '../../../shared/domain.js';

/**
 * Counts of the page being applied. They join the run's counts only once the page's transaction
 * committed, so a page rolled back never shows in the run record.
 */
export class PendingCounts {
  pending: RunCounts = emptyCounts();

  constructor(private readonly run: RunCounts) {}

  /** A new page: forgets what a page that never committed had counted. */
  begin(): RunCounts {
    this.pending = emptyCounts();
    return this.pending;
  }

  /** Adds the page's counts to the run's; returns them. */
  commit(): RunCounts {
    const added = this.pending;
    addCounts(this.run, added);
    this.pending = emptyCounts();
    return added;
  }
}

/** Adds `added` to `into`, field by field. */
export function addCounts(into: RunCounts, added: RunCounts): void {
  for (const key of Object.keys(added) as (keyof RunCounts)[]) {
    into[key] += added[key];
  }
}
