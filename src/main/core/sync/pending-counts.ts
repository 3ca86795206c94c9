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

  commit(): void {
    for (const key of Object.keys(this.pending) as (keyof RunCounts)[]) {
      this.run[key] += this.pending[key];
    }
    this.pending = emptyCounts();
  }
}
