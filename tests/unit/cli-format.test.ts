/** The CLI's one-line run summaries: what a person at a terminal reads after `sync`. */
import { describe, expect, it } from 'vitest';
import { pendingDeletionsLine, runSummary, table } from '../../src/main/cli/format.js';
import { emptyCounts } from '../../src/shared/domain.js';
import { run } from './api-fixtures.js';

describe('runSummary', () => {
  it('shows a run that withheld deletions with its counts, the notice and how to confirm', () => {
    const text = runSummary(
      run({
        status: 'success',
        counts: { ...emptyCounts(), fetched: 1_601, updated: 1 },
        error: {
          code: 'MASS_DELETION_GUARD',
          message:
            'Stopped before deleting 1,600 of your 3,000 contacts — waiting for your confirmation.',
        },
      }),
    );
    expect(text).toMatch(/: success \(.*\): 1601 fetched, 0 new, 1 updated, 0 deleted\n/);
    expect(text).toContain('Stopped before deleting 1,600 of your 3,000 contacts');
    expect(text).toContain('To confirm: contacts-sync sync --allow-mass-deletion');
  });

  it('states the withheld deletions as account state in `status`, and nothing when none wait', () => {
    expect(pendingDeletionsLine({ count: 1_600, since: '2026-12-07T10:00:00Z' })).toBe(
      '  waiting for your confirmation: 1,600 contacts deleted in Google are kept here until ' +
        'you confirm (contacts-sync sync --allow-mass-deletion)',
    );
    expect(pendingDeletionsLine(null)).toBeNull();
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

describe('table', () => {
  it('prints contact data without control characters: no escape sequence or line break reaches a terminal', () => {
    const text = table(
      ['NAME', 'EMAIL'],
      [['\u001b[2J\u001b[31mEve\u0007\r\nMallory', 'eve@example.com\u009b']],
    );
    // eslint-disable-next-line no-control-regex -- controls are what must not be printed
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text.split('\n')).toEqual([
      `${'NAME'.padEnd(18)}  EMAIL`,
      '[2J[31mEve Mallory  eve@example.com',
    ]);
  });
});
