import type { Account, SyncRun } from '../../../shared/domain.js';
import { PolicyStateRepo } from '../db/policy-state.js';
import { createLogger } from '../logger.js';
import type { RunPolicy, SkipDecision, SyncRequest } from '../sync/orchestrator.js';
import { isAutomatic, SKIP_REASONS, type PolicyDeps } from './shared.js';

const log = createLogger('circuit');

/**
 * DESIGN §6: after N consecutive failed runs (default 3) the circuit opens for a while (default
 * 1 h). Automatic runs meanwhile are skipped without an API call; a manual run may try, and its
 * success closes the circuit. A failure after the open period re-opens it, so a broken account
 * costs at most one attempt per period.
 */
export class CircuitBreakerPolicy implements RunPolicy {
  readonly name = 'circuit_breaker';
  private readonly state: PolicyStateRepo;

  constructor(private readonly deps: PolicyDeps) {
    this.state = new PolicyStateRepo(deps.db);
  }

  beforeRun(account: Account, request: SyncRequest): SkipDecision | null {
    if (!isAutomatic(request.trigger)) return null;
    // Per resource: calendars failing (e.g. a missing scope) must not stop contacts, nor the reverse.
    const { circuitOpenUntil } = this.state.get(account.id, request.resource);
    if (!circuitOpenUntil || Date.parse(circuitOpenUntil) <= this.deps.clock.now().getTime()) {
      return null;
    }
    return {
      reason: SKIP_REASONS.circuitOpen,
      message: `Syncing ${account.email} failed several times in a row; automatic syncs pause until ${circuitOpenUntil}. Sync Now tries anyway.`,
    };
  }

  afterRun(run: SyncRun): void {
    if (run.status === 'success') {
      const { consecutiveFailures, circuitOpenUntil } = this.state.get(run.accountId, run.resource);
      if (consecutiveFailures !== 0 || circuitOpenUntil !== null) {
        this.state.setCircuit(run.accountId, 0, null, run.resource);
        if (circuitOpenUntil) log.info('circuit closed', { accountId: run.accountId });
      }
      return;
    }
    // Skipped and cancelled runs say nothing about whether Google works for this account.
    if (run.status !== 'failed') return;
    const { circuitFailures, circuitOpenMinutes } = this.deps.settings.get().policies;
    const failures = this.state.get(run.accountId, run.resource).consecutiveFailures + 1;
    if (failures < circuitFailures) {
      this.state.setCircuit(run.accountId, failures, null, run.resource);
      return;
    }
    const until = new Date(this.deps.clock.now().getTime() + circuitOpenMinutes * 60_000);
    this.state.setCircuit(run.accountId, failures, until.toISOString(), run.resource);
    log.warn('circuit opened', { accountId: run.accountId, failures, until: until.toISOString() });
  }
}
