/**
 * Where the engine model (engine-model.ts) assumes behaviour issue 17 specifies but today's API
 * does not offer yet. Everything the model needs from such a part goes through this file, so
 * after the fixes merge only this file changes:
 * - request timeouts: today no option exists (gaxios waits forever); `engineOptions` is where the
 *   merged option (e.g. a request timeout of REQUEST_TIMEOUT_MS for People and token calls) goes;
 * - a stalled request: the fake's `delay` fault with a delay longer than any test, i.e. a request
 *   that is accepted and never answered (the stall faults of the timeouts branch can replace it);
 * - a refused sync token: the fake's `refuseSyncTokens` (400 INVALID_ARGUMENT from then on);
 * - the kind of the run that heals a refused token: `full_after_rejected_token` is not a SyncKind
 *   yet (KIND_AFTER);
 * - a run the guard refused: today it fails with MASS_DELETION_GUARD; the fixed engine may record
 *   a success with a pending confirmation instead, which `isGuardRefusal` accepts as well.
 */
import type { SyncRun } from '../../src/shared/domain.js';
import type { FaultSpec } from '../fake-google/faults.js';
import type { FakeGoogle } from '../fake-google/server.js';
import { FAST_RETRY, type Harness, type HarnessOptions } from '../integration/harness.js';

/** What the model configures as the engine's request timeout once the engine has one. */
export const REQUEST_TIMEOUT_MS = 1_000;

/** Harness options for the engine under test (retries short, so a case stays fast). */
export function engineOptions(): HarnessOptions {
  return { retry: FAST_RETRY };
}

/** A request the fake accepts and never answers (within any test's lifetime). */
export function stallFault(path: NonNullable<FaultSpec['path']>, afterRequests: number): FaultSpec {
  return { kind: 'delay', delayMs: 3_600_000, path, afterRequests };
}

/** Google refuses every sync token issued so far (parameters changed under them). */
export function refuseSyncTokens(fake: FakeGoogle): void {
  fake.refuseSyncTokens();
}

/** Whether the run stopped (or deferred deletions) because of the mass-deletion guard. */
export function isGuardRefusal(run: SyncRun): boolean {
  return run.error?.code === 'MASS_DELETION_GUARD';
}

/** The request of a person who confirmed the deletions ("Yes, delete them and sync"). */
export const CONFIRMED = { allowMassDeletion: true } as const;

/**
 * After a CLI process was killed mid-run: what the next start-up does to its run. Today every
 * start marks `running` runs interrupted; with run leases (issue 17 item 8) only an expired
 * lease does, so this may have to let the dead process's lease expire first.
 */
export function recoverAfterKill(h: Harness): void {
  h.orchestrator.recoverInterruptedRuns();
}

/** The kind recorded for a run whose stored token Google answered so (DESIGN §5). */
export const KIND_AFTER: Record<'expired' | 'refused', string> = {
  expired: 'full_after_expired_token',
  refused: 'full_after_rejected_token',
};
