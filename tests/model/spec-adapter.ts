/**
 * The parts of the engine the model (engine-model.ts) configures or judges, in one place:
 * - request timeouts: a second for connecting and for each pause in a body, so a hung or
 *   stalled request ends in TIMEOUT within the model's watchdog;
 * - a stalled request: the fake's `hang` (accepted, never answered) or `stall` (headers and part
 *   of the body, then nothing);
 * - a refused sync token: the fake's `refuseSyncTokens` (400 INVALID_ARGUMENT from then on);
 * - a run the guard refused: a success whose `error` carries MASS_DELETION_GUARD (the
 *   deletions wait for a confirmation; everything else was applied).
 */
import type { SyncKind, SyncRun } from '../../src/shared/domain.js';
import type { FaultSpec } from '../fake-google/faults.js';
import type { FakeGoogle } from '../fake-google/server.js';
import { FAST_RETRY, type Harness, type HarnessOptions } from '../integration/harness.js';

/** The engine's connect and inactivity deadline for every Google request in the model. */
export const REQUEST_TIMEOUT_MS = 1_000;

/** Harness options for the engine under test (retries and deadlines short, so a case stays fast). */
export function engineOptions(): HarnessOptions {
  return {
    retry: FAST_RETRY,
    timeouts: { connectMs: REQUEST_TIMEOUT_MS, idleMs: REQUEST_TIMEOUT_MS },
  };
}

/** A request the fake accepts and then leaves hanging: never answered, or its body stalled. */
export function stallFault(path: NonNullable<FaultSpec['path']>, afterRequests: number): FaultSpec {
  return { kind: afterRequests % 2 === 0 ? 'hang' : 'stall', path, afterRequests };
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
 * After a CLI process was killed mid-run: the next start-up closes its run, since the lease's
 * process on this host is gone (run leases, issue 17 item 8).
 */
export function recoverAfterKill(h: Harness): void {
  h.orchestrator.recoverInterruptedRuns();
}

/** The kind recorded for a run whose stored token Google answered so (DESIGN §5). */
export const KIND_AFTER: Record<'expired' | 'refused', SyncKind> = {
  expired: 'full_after_expired_token',
  refused: 'full_after_rejected_token',
};
