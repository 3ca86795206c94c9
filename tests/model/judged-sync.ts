/**
 * What the model knows and how it judges one sync, whoever runs it (the orchestrator in this
 * process, or a CLI child that may be killed): the guard's expectation before, the invariants
 * after.
 */
import type { SyncRun } from '../../src/shared/domain.js';
import { ModelFailure, type EngineSystem } from './engine-system.js';
import {
  allowedDeletions,
  checkDeletions,
  checkNoDuplicates,
  checkStorage,
  pendingDeletions,
} from './invariants.js';
import { isGuardRefusal } from './spec-adapter.js';

export interface EngineModel {
  /** Old → new resource name of every re-key made in Google. */
  rekeys: Map<string, string>;
  /** Set once a run refused more deletions than the guard allows; cleared by a confirmation. */
  refusalPending: boolean;
  /** Whether something since the last sync may make the next one fail (a fault). */
  disturbed: boolean;
  labelsCreated: number;
  /** What Google will say of the stored sync tokens, until a run replaces them. */
  tokenTrouble: 'expired' | 'refused' | null;
}

export const initialModel = (): EngineModel => ({
  rekeys: new Map(),
  refusalPending: false,
  disturbed: false,
  labelsCreated: 0,
  tokenTrouble: null,
});

/**
 * Runs `act` (a sync; null when it was killed) and checks the invariants: storage, deletions
 * within the guard, no duplicates after a success, success unless the sync was disturbed, and
 * a named error otherwise.
 */
export async function judgedSync(
  m: EngineModel,
  s: EngineSystem,
  how: { confirmed: boolean; disturbed: boolean },
  act: () => Promise<SyncRun | null>,
): Promise<SyncRun | null> {
  const before = s.activeRows();
  const server = s.serverNames();
  const pending = pendingDeletions(before, server, m.rekeys).length;
  if (pending === 0) m.refusalPending = false; // the deletions disappeared upstream
  // Staged deletions: a run over the guard deletes nothing, not even the first pages' share.
  const exceeds = !how.confirmed && pending > allowedDeletions(before.length);
  const disturbed = m.disturbed || how.disturbed;
  m.disturbed = false;
  const run = await act();
  checkStorage(s);
  const after = s.activeRows();
  checkDeletions({
    before,
    after,
    server,
    rekeys: m.rekeys,
    mayDelete: how.confirmed || !(m.refusalPending || exceeds),
    allowed: how.confirmed ? before.length : allowedDeletions(before.length),
  });
  if (run?.status === 'success') checkNoDuplicates(after, m.rekeys, s.withheldNames());
  if (run && !disturbed && run.status !== 'success' && !isGuardRefusal(run)) {
    throw new ModelFailure(
      `an undisturbed sync ended ${run.status} (${run.kind}): ` +
        `${run.error?.code ?? ''} ${run.error?.message ?? ''}`,
    );
  }
  // Issue 17 item 9: every condition a fault can cause has a name and a message a person can use.
  if (run?.error?.message.startsWith('Unexpected error')) {
    throw new ModelFailure(
      `a run failed with an unnamed error: ${run.error.code} ${run.error.message}`,
    );
  }
  // Only a run that read the whole listing has judged it; a failed or killed one leaves no refusal.
  if (exceeds && run && (run.status === 'success' || isGuardRefusal(run))) m.refusalPending = true;
  if (how.confirmed && run?.status === 'success') m.refusalPending = false;
  return run;
}
