import type { SyncRun } from '../../../shared/domain.js';
import { PolicyStateRepo } from '../db/policy-state.js';
import { basePeriodMs } from '../schedule/cadence.js';
import type { RunPolicy } from '../sync/orchestrator.js';
import { effectiveIntervalMs, type PolicyDeps } from './shared.js';

/**
 * DESIGN §6 adaptive schedule: after N successful runs in a row without a change (default 5) the
 * interval doubles, up to a cap that stays below the 7-day life of a sync token (default 4 days);
 * any change brings it back to the schedule's own period. Only scheduled runs count towards the
 * streak: Google's sync results may lag a write by several minutes, so a Sync Now right after an
 * edit can find nothing, and that says nothing about how quiet the account is (issue 17 item 6).
 */
export class AdaptiveIntervalPolicy implements RunPolicy {
  readonly name = 'adaptive_interval';
  private readonly state: PolicyStateRepo;

  constructor(private readonly deps: PolicyDeps) {
    this.state = new PolicyStateRepo(deps.db);
  }

  afterRun(run: SyncRun): void {
    // Only a completed listing shows whether anything changed.
    if (run.status !== 'success') return;
    const { created, updated, deleted } = run.counts;
    // Each resource has its own interval: quiet calendars stretch only the calendar schedule.
    const { resource } = run;
    if (created + updated + deleted > 0) {
      this.state.setAdaptive(run.accountId, 0, null, resource);
      return;
    }
    if (run.trigger !== 'scheduled') return;
    const settings = this.deps.settings.get();
    const schedule = this.deps.settings.scheduleFor(run.account, resource);
    const state = this.state.get(run.accountId, resource);
    const streak = state.consecutiveNoChangeRuns + 1;
    if (streak < settings.policies.adaptiveAfterRuns) {
      this.state.setAdaptive(run.accountId, streak, state.intervalMinutes, resource);
      return;
    }
    // Doubled; the streak starts again, so each further doubling takes as many quiet runs.
    const current = effectiveIntervalMs(state, schedule, settings.policies);
    const doubled = effectiveIntervalMs(
      { intervalMinutes: (current * 2) / 60_000 },
      schedule,
      settings.policies,
    );
    const minutes = doubled === basePeriodMs(schedule) ? null : doubled / 60_000;
    this.state.setAdaptive(run.accountId, 0, minutes, resource);
  }
}
