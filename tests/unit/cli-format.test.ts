/** The CLI's one-line run summaries: what a person at a terminal reads after `sync`. */
import { describe, expect, it } from 'vitest';
import { runSummary } from '../../src/main/cli/format.js';
import { run } from './api-fixtures.js';

describe('runSummary', () => {
  it('tells how to confirm a stopped mass deletion from the command line', () => {
    const text = runSummary(
      run({
        status: 'failed',
        error: { code: 'MASS_DELETION_GUARD', message: 'This sync would remove 70 of 100.' },
      }),
    );
    expect(text).toContain('This sync would remove 70 of 100.');
    expect(text).toContain('contacts-sync sync --full --allow-mass-deletion');
  });

  it('adds no hint to other errors, whose message says what to do', () => {
    const text = runSummary(
      run({
        status: 'failed',
        error: { code: 'NETWORK', message: 'Google could not be reached.' },
      }),
    );
    expect(text).toMatch(/Google could not be reached\. \[NETWORK\]$/);
  });
});
