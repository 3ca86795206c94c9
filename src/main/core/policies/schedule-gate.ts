import type { Account } from '../../../shared/domain.js';
import { PolicyStateRepo } from '../db/policy-state.js';
import { RunsRepo } from '../db/runs-repo.js';
import { automaticSkip } from '../schedule/cadence.js';
import type { RunPolicy, SkipDecision, SyncRequest } from '../sync/orchestrator.js';
import {
  effectiveIntervalMs,
  isAutomatic,
  pauseEnd,
  SKIP_REASONS,
  type PolicyDeps,
} from './shared.js';

const MESSAGES: Record<string, string> = {
  [SKIP_REASONS.disabled]: 'Automatic sync is turned off for this account.',
  [SKIP_REASONS.paused]: 'Automatic sync is paused.',
  [SKIP_REASONS.notDue]: 'The schedule has no sync due now.',
  [SKIP_REASONS.adaptiveInterval]:
    'Nothing changed in the last syncs, so automatic syncs are less frequent for now.',
};

/**
 * Judges automatic runs against the account's schedule: turned off, paused, not due, or due only
 * under the base schedule while the adaptive interval is longer. The scheduler fires at every slot
 * of the base schedule and lets this policy decide, so skipped runs show in the history and count
 * as API calls saved, and `sync --trigger scheduled` from cron behaves exactly like the scheduler.
 */
export class ScheduleGatePolicy implements RunPolicy {
  readonly name = 'schedule';
  private readonly state: PolicyStateRepo;
  private readonly runs: RunsRepo;

  constructor(private readonly deps: PolicyDeps) {
    this.state = new PolicyStateRepo(deps.db);
    this.runs = new RunsRepo(deps.db);
  }

  beforeRun(account: Account, request: SyncRequest): SkipDecision | null {
    if (!isAutomatic(request.trigger)) return null;
    const now = this.deps.clock.now().getTime();
    const resource = request.resource ?? 'contacts';
    const schedule = this.deps.settings.scheduleFor(account.email, resource);
    const skip = (reason: string): SkipDecision => ({
      reason,
      message: MESSAGES[reason] ?? reason,
    });
    if (!schedule.enabled) return skip(SKIP_REASONS.disabled);
    if (pauseEnd(schedule, now) !== null) return skip(SKIP_REASONS.paused);
    const lastSuccess =
      this.runs.lastWithStatus('success', account.id, resource)?.finishedAt ?? null;
    const interval = effectiveIntervalMs(
      this.state.get(account.id, resource),
      schedule,
      this.deps.settings.get().policies,
    );
    const reason = automaticSkip(
      schedule,
      request.trigger,
      lastSuccess === null ? null : Date.parse(lastSuccess),
      interval,
      now,
    );
    return reason ? skip(reason) : null;
  }
}
