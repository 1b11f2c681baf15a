import { Subscription } from 'rxjs';
import type { CircuitBreakerRegistry, CircuitState } from '../../index.js';
import { InvalidConfigError } from '../../index.js';
import { addSeries, recordEvent, removeSeries, setState } from './breakerSeries.js';
import type { PromRegistry } from './createMetrics.js';
import { createMetrics, unregisterMetrics } from './createMetrics.js';

/** Options of {@link collectCircuitBreakerMetrics}. */
export interface CircuitBreakerMetricsOptions {
  /** The breakers to measure: every breaker of this registry, those created later included. */
  registry: CircuitBreakerRegistry;
  /** The prom-client `Registry` to register the metrics on (only this one; pass `register` for prom-client's global one). */
  prometheusRegistry: PromRegistry;
  /** Put before every metric name, e.g. `myapp_` gives `myapp_circuit_breaker_state`. Default `''`. */
  prefix?: string;
  /** Upper bounds of the `circuit_breaker_call_duration_seconds` buckets, in seconds, increasing. Default: prom-client's (5 ms to 10 s). */
  buckets?: readonly number[];
}

/** prom-client's default buckets, in seconds. */
const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// No colons: Prometheus keeps them for recording rules.
const PREFIX = /^([a-zA-Z_][a-zA-Z0-9_]*)?$/;

/**
 * Exports the breakers of `registry` to a prom-client registry, with seed 002's names:
 *
 * - `circuit_breaker_state{name}`: 0 closed, 1 half-open, 2 open (see {@link prometheusStateValue}
 *   for `forced_open` and `disabled`), and `circuit_breaker_state_info{name,state}`, 1 for the
 *   current state and 0 for the others;
 * - `circuit_breaker_calls_total{name,outcome}` (success, failure, timeout, ignored, cancelled, rejected),
 *   `circuit_breaker_failures_total{name}` (errors and timeouts), `circuit_breaker_trips_total{name}`,
 *   `circuit_breaker_state_transitions_total{name,from,to}`, `circuit_breaker_retries_total{name}`
 *   (what `retryBackoff` reports to a breaker);
 * - `circuit_breaker_call_duration_seconds{name,outcome}`, a histogram of scheduler time from
 *   subscribe to outcome.
 *
 * Every breaker has its series from its creation on (counters at 0); a breaker removed from
 * the registry loses them. Nothing is registered twice: a second call on the same
 * prom-client registry with the same prefix throws until the first is unsubscribed. Nothing
 * touches prom-client's global registry unless it is the one given, and default metrics are
 * left to the application. An exporter that throws never breaks a call: the update is dropped.
 *
 * @returns a `Subscription`: `unsubscribe()` stops the updates and removes the metrics from `prometheusRegistry`.
 * @throws InvalidConfigError for a bad option, or when the metric names are taken.
 *
 * @example
 * ```ts
 * import { Registry } from 'prom-client';
 * import { CircuitBreakerRegistry } from 'rxjs-circuit-breaker';
 * import { collectCircuitBreakerMetrics } from 'rxjs-circuit-breaker/prometheus';
 *
 * const registry = new CircuitBreakerRegistry();
 * const prometheusRegistry = new Registry();
 * const metrics = collectCircuitBreakerMetrics({ registry, prometheusRegistry });
 * registry.get('payments');
 * console.log(await prometheusRegistry.getSingleMetricAsString('circuit_breaker_state'));
 * // # HELP circuit_breaker_state State of the circuit breaker: 0 closed (or disabled), 1 half-open, 2 open (or forced open).
 * // # TYPE circuit_breaker_state gauge
 * // circuit_breaker_state{name="payments"} 0
 * metrics.unsubscribe();
 * ```
 */
export function collectCircuitBreakerMetrics(options: CircuitBreakerMetricsOptions): Subscription {
  if (typeof options !== 'object' || options === null) throw new InvalidConfigError('options', options, 'an object');
  const { registry, prometheusRegistry, prefix = '', buckets = DEFAULT_BUCKETS } = options;
  if (typeof registry?.states$?.subscribe !== 'function' || typeof registry.events$?.subscribe !== 'function') {
    throw new InvalidConfigError('registry', registry, 'a CircuitBreakerRegistry');
  }
  if (typeof prometheusRegistry?.getSingleMetric !== 'function' || typeof prometheusRegistry.registerMetric !== 'function') {
    throw new InvalidConfigError('prometheusRegistry', prometheusRegistry, 'a prom-client Registry');
  }
  if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
    throw new InvalidConfigError('prefix', prefix, 'letters, digits and underscores, not starting with a digit');
  }
  if (!isIncreasing(buckets)) {
    throw new InvalidConfigError('buckets', buckets, 'a non-empty array of increasing finite numbers > 0 (seconds)');
  }

  const metrics = createMetrics(prometheusRegistry, prefix, [...buckets]);
  const exported = new Map<string, CircuitState>();
  const subscription = new Subscription();
  subscription.add(
    registry.states$.subscribe((states) => {
      for (const [name, state] of Object.entries(states)) {
        const before = exported.get(name);
        if (before === state) continue;
        exported.set(name, state);
        dropErrors(() => {
          if (before === undefined) addSeries(metrics, name);
          setState(metrics, name, state);
        });
      }
      for (const name of exported.keys()) {
        if (Object.hasOwn(states, name)) continue;
        exported.delete(name);
        dropErrors(() => removeSeries(metrics, name));
      }
    }),
  );
  subscription.add(registry.events$.subscribe((event) => dropErrors(() => recordEvent(metrics, event))));
  subscription.add(() => unregisterMetrics(prometheusRegistry, metrics));
  return subscription;
}

function isIncreasing(buckets: unknown): buckets is readonly number[] {
  return (
    Array.isArray(buckets) &&
    buckets.length > 0 &&
    buckets.every((b, i) => typeof b === 'number' && Number.isFinite(b) && b > 0 && (i === 0 || b > buckets[i - 1]))
  );
}

function dropErrors(update: () => void): void {
  try {
    update();
  } catch {
    // Dropped on purpose: metrics run inside the call (events$ is synchronous), and a broken
    // exporter must not fail it. Nowhere else is safe to report it from inside a call.
  }
}
