import type { RunPolicy } from '../sync/orchestrator.js';
import { AdaptiveIntervalPolicy } from './adaptive-interval.js';
import { CircuitBreakerPolicy } from './circuit-breaker.js';
import { ScheduleGatePolicy } from './schedule-gate.js';
import type { PolicyDeps } from './shared.js';

export { isAutomatic, isExpectedSkip, SKIP_REASONS, type SettingsReader } from './shared.js';

/**
 * The run policies in DESIGN §6 order. `beforeRun`: token health (built with sign-in, passed in)
 * → circuit breaker → schedule gate; the first skip wins and no API call is made. `afterRun`, once
 * the run is recorded: circuit breaker (failure streak) → adaptive interval.
 */
export function createRunPolicies(
  deps: PolicyDeps & { tokenHealth?: RunPolicy | null },
): RunPolicy[] {
  return [
    ...(deps.tokenHealth ? [deps.tokenHealth] : []),
    new CircuitBreakerPolicy(deps),
    new ScheduleGatePolicy(deps),
    new AdaptiveIntervalPolicy(deps),
  ];
}
