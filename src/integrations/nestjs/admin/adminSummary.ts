import type { CircuitBreakerRegistry, CircuitStats } from '../../../index.js';
import { CircuitState } from '../../../index.js';

/**
 * The answer of `GET <admin path>`: counts by health, then every breaker's stats.
 *
 * @example
 * ```ts
 * const summary = (await (await fetch('http://localhost:3000/circuit-breakers', { headers })).json()) as CircuitBreakerAdminSummary;
 * console.log(summary.summary); // { healthyCircuits: 2, degradedCircuits: 0, failedCircuits: 1 }
 * ```
 */
export interface CircuitBreakerAdminSummary {
  summary: {
    /** `closed` breakers. */
    healthyCircuits: number;
    /** `half_open` (recovering) and `disabled` (not protecting) breakers. */
    degradedCircuits: number;
    /** `open` and `forced_open` breakers. */
    failedCircuits: number;
  };
  breakers: Record<string, CircuitStats>;
}

/** @internal The admin summary of `registry`. */
export function adminSummary(registry: CircuitBreakerRegistry): CircuitBreakerAdminSummary {
  const breakers = registry.stats();
  const summary = { healthyCircuits: 0, degradedCircuits: 0, failedCircuits: 0 };
  for (const { state } of Object.values(breakers)) {
    if (state === CircuitState.Closed) summary.healthyCircuits++;
    else if (state === CircuitState.Open || state === CircuitState.ForcedOpen) summary.failedCircuits++;
    else summary.degradedCircuits++;
  }
  return { summary, breakers };
}
