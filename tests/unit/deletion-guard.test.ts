import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MASS_DELETION_GUARD,
  needsConfirmation,
  withheldDeletionsNotice,
} from '../../src/main/core/sync/deletion-guard.js';

// The guard's rule on its own (DESIGN §5); mass-deletion-guard.test.ts shows it through syncs.

describe('needsConfirmation with the default guard (at least 20, more than half)', () => {
  it.each([
    [19, 20, false], // all of them, but under the minimum
    [20, 40, false], // exactly half
    [20, 39, true],
    [21, 40, true],
    [500, 1_000, false],
    [501, 1_000, true],
  ])('%i of %i: %s', (total, active, expected) => {
    expect(needsConfirmation(total, () => active, DEFAULT_MASS_DELETION_GUARD)).toBe(expected);
  });

  it('counts the address book only once the minimum is reached', () => {
    let counted = 0;
    const active = () => {
      counted++;
      return 100_000;
    };
    expect(needsConfirmation(19, active, DEFAULT_MASS_DELETION_GUARD)).toBe(false);
    expect(counted).toBe(0);
    expect(needsConfirmation(20, active, DEFAULT_MASS_DELETION_GUARD)).toBe(false);
    expect(counted).toBe(1);
  });

  it('follows a guard set otherwise', () => {
    const strict = { share: 0.1, minimum: 5 };
    expect(needsConfirmation(5, () => 50, strict)).toBe(false);
    expect(needsConfirmation(6, () => 50, strict)).toBe(true);
    expect(needsConfirmation(4, () => 4, strict)).toBe(false);
  });
});

describe('withheldDeletionsNotice', () => {
  it('says what was not done, why, and what the person can do, with grouped numbers', () => {
    const notice = withheldDeletionsNotice(1_600, 3_000);
    expect(notice.code).toBe('MASS_DELETION_GUARD');
    expect(notice.message).toBe(
      'Stopped before deleting 1,600 of your 3,000 contacts — waiting for your confirmation. ' +
        'Other changes were synced. If you removed them in Google on purpose, confirm the ' +
        'deletion; until then they stay here.',
    );
  });
});
