import type { CircuitEvent, CircuitState } from '../../index.js';
import type { BreakerMetrics } from './createMetrics.js';
import { CALL_OUTCOMES, STATES } from './createMetrics.js';
import { prometheusStateValue } from './prometheusStateValue.js';

/**
 * @internal A new breaker's series, at 0: a counter that appears only on its first
 * increment hides that increment from `rate()` and `increase()`.
 */
export function addSeries(metrics: BreakerMetrics, name: string): void {
  for (const outcome of CALL_OUTCOMES) metrics.calls.inc({ name, outcome }, 0);
  metrics.failures.inc({ name }, 0);
  metrics.trips.inc({ name }, 0);
  metrics.retries.inc({ name }, 0);
}

/** @internal `circuit_breaker_state` and `circuit_breaker_state_info` of one breaker. */
export function setState(metrics: BreakerMetrics, name: string, state: CircuitState): void {
  metrics.state.set({ name }, prometheusStateValue[state]);
  for (const each of STATES) metrics.stateInfo.set({ name, state: each }, each === state ? 1 : 0);
}

/** @internal Drops every series of a breaker that left the registry, so none goes stale. */
export function removeSeries(metrics: BreakerMetrics, name: string): void {
  metrics.state.remove({ name });
  metrics.failures.remove({ name });
  metrics.trips.remove({ name });
  metrics.retries.remove({ name });
  for (const outcome of CALL_OUTCOMES) {
    metrics.calls.remove({ name, outcome });
    metrics.duration.remove({ name, outcome });
  }
  for (const from of STATES) {
    metrics.stateInfo.remove({ name, state: from });
    for (const to of STATES) metrics.transitions.remove({ name, from, to });
  }
}

/** @internal Counts one event. A `reset` changes nothing: Prometheus counters never go down. */
export function recordEvent(metrics: BreakerMetrics, event: CircuitEvent): void {
  const name = event.breaker;
  switch (event.type) {
    case 'success':
    case 'failure':
    case 'timeout':
    case 'ignored':
    case 'cancelled':
      if (event.type === 'failure' || event.type === 'timeout') metrics.failures.inc({ name });
      metrics.calls.inc({ name, outcome: event.type });
      metrics.duration.observe({ name, outcome: event.type }, event.durationMs / 1000);
      break;
    case 'rejected':
      metrics.calls.inc({ name, outcome: 'rejected' });
      break;
    case 'state_change':
      metrics.transitions.inc({ name, from: event.from, to: event.to });
      if (event.to === 'open') metrics.trips.inc({ name });
      break;
    case 'retry':
      metrics.retries.inc({ name });
      break;
  }
}
