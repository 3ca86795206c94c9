import type { RunPolicy } from '../sync/orchestrator.js';
import { AdaptiveIntervalPolicy } from './adaptive-interval.js';
import { CircuitBreakerPolicy } from './circuit-breaker.js';
import { ScheduleGatePolicy } from './schedule-gate.js';
import type { PolicyDeps } from './shared.js';

export { isAutomatic, isExpectedSkip, SKIP_REASONS, type SettingsReader } from './shared.js';

/**
 * The run policies. `beforeRun`: schedule gate (is this run wanted at all: disabled, paused, not
 * due) → token health (built with sign-in, passed in) → circuit breaker — DESIGN §6's order, with
 * the local-only schedule decision first so an unwanted run (an hourly cron, say) costs no token
 * request. The first skip wins and no API call is made. `afterRun`, once the run is recorded:
 * circuit breaker (failure streak) → adaptive interval.
 */
export function createRunPolicies(
  deps: PolicyDeps & { tokenHealth?: RunPolicy | null },
): RunPolicy[] {
  return [
    new ScheduleGatePolicy(deps),
    ...(deps.tokenHealth ? [deps.tokenHealth] : []),
    new CircuitBreakerPolicy(deps),
    new AdaptiveIntervalPolicy(deps),
  ];
}
