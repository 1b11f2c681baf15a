import type { Metric, Registry, RegistryContentType } from 'prom-client';
import { Counter, Gauge, Histogram } from 'prom-client';
import { CircuitState, InvalidConfigError } from '../../index.js';

/** @internal The metrics of one `collectCircuitBreakerMetrics` call. */
export interface BreakerMetrics {
  state: Gauge<'name'>;
  stateInfo: Gauge<'name' | 'state'>;
  calls: Counter<'name' | 'outcome'>;
  failures: Counter<'name'>;
  trips: Counter<'name'>;
  duration: Histogram<'name' | 'outcome'>;
  transitions: Counter<'name' | 'from' | 'to'>;
  retries: Counter<'name'>;
}

/** Any prom-client registry, Prometheus or OpenMetrics. */
export type PromRegistry = Registry<RegistryContentType>;

/** @internal Every outcome label value of `circuit_breaker_calls_total`. */
export const CALL_OUTCOMES = ['success', 'failure', 'timeout', 'ignored', 'cancelled', 'rejected'] as const;
/** @internal Every state, for `circuit_breaker_state_info` and the transition labels. */
export const STATES: readonly CircuitState[] = Object.values(CircuitState);

/**
 * @internal Creates the metrics and registers them on `promRegistry`, all or none: a name
 * already taken there (a second call with the same prefix) is an `InvalidConfigError`.
 */
export function createMetrics(promRegistry: PromRegistry, prefix: string, buckets: number[]): BreakerMetrics {
  // Built unregistered (registers: []) so that a conflict leaves promRegistry untouched.
  const registers: PromRegistry[] = [];
  const metrics: BreakerMetrics = {
    state: new Gauge({
      name: `${prefix}circuit_breaker_state`,
      help: 'State of the circuit breaker: 0 closed (or disabled), 1 half-open, 2 open (or forced open).',
      labelNames: ['name'],
      registers,
    }),
    stateInfo: new Gauge({
      name: `${prefix}circuit_breaker_state_info`,
      help: 'Current state of the circuit breaker: 1 for its state, 0 for the other states.',
      labelNames: ['name', 'state'],
      registers,
    }),
    calls: new Counter({
      name: `${prefix}circuit_breaker_calls_total`,
      help: 'Calls through the circuit breaker, by outcome (success, failure, timeout, ignored, cancelled, rejected).',
      labelNames: ['name', 'outcome'],
      registers,
    }),
    failures: new Counter({
      name: `${prefix}circuit_breaker_failures_total`,
      help: 'Calls the circuit breaker recorded as failures (errors and timeouts).',
      labelNames: ['name'],
      registers,
    }),
    trips: new Counter({
      name: `${prefix}circuit_breaker_trips_total`,
      help: 'Times the circuit breaker opened.',
      labelNames: ['name'],
      registers,
    }),
    duration: new Histogram({
      name: `${prefix}circuit_breaker_call_duration_seconds`,
      help: 'Duration of calls through the circuit breaker, from subscribe to outcome, in seconds.',
      labelNames: ['name', 'outcome'],
      buckets,
      registers,
    }),
    transitions: new Counter({
      name: `${prefix}circuit_breaker_state_transitions_total`,
      help: 'State transitions of the circuit breaker.',
      labelNames: ['name', 'from', 'to'],
      registers,
    }),
    retries: new Counter({
      name: `${prefix}circuit_breaker_retries_total`,
      help: 'Retries of calls through the circuit breaker, as reported by retryBackoff.',
      labelNames: ['name'],
      registers,
    }),
  };
  const all: Metric[] = Object.values(metrics);
  const taken = all.map(metricName).find((name) => promRegistry.getSingleMetric(name) !== undefined);
  if (taken !== undefined) {
    throw new InvalidConfigError(
      'prometheusRegistry',
      promRegistry,
      `a registry without a metric named "${taken}" (collectCircuitBreakerMetrics was already called on it with this prefix: unsubscribe that one first, or give another prefix)`,
    );
  }
  for (const metric of all) promRegistry.registerMetric(metric);
  return metrics;
}

/** @internal Removes the metrics from `promRegistry` (those still registered there). */
export function unregisterMetrics(promRegistry: PromRegistry, metrics: BreakerMetrics): void {
  for (const metric of Object.values(metrics) as Metric[]) {
    const name = metricName(metric);
    if (promRegistry.getSingleMetric(name) === metric) promRegistry.removeSingleMetric(name);
  }
}

// prom-client keeps the configured name on the metric; its typings do not declare it.
const metricName = (metric: Metric): string => (metric as unknown as { name: string }).name;
