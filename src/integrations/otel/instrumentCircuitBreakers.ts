import type { MeterProvider, ObservableCallback, TracerProvider } from '@opentelemetry/api';
import { metrics, trace } from '@opentelemetry/api';
import { Subscription } from 'rxjs';
import type { CircuitBreakerRegistry, CircuitState } from '../../index.js';
import { CircuitState as States, InvalidConfigError } from '../../index.js';
import { OtelAttributes as A } from './attributes.js';
import { createCallInstruments, recordCall } from './recordCall.js';
import { INSTRUMENTATION_SCOPE } from './scope.js';
import { traceRejection, traceStateChange } from './spanEvents.js';

/** Options of {@link instrumentCircuitBreakers}. */
export interface InstrumentCircuitBreakersOptions {
  /** The breakers to instrument: every breaker of this registry, those created later included. */
  registry: CircuitBreakerRegistry;
  /** Where the meter comes from. Default: the global one (`metrics.getMeterProvider()`), read once, now. */
  meterProvider?: MeterProvider;
  /** Where the tracer comes from. Default: the global one (`trace.getTracerProvider()`). */
  tracerProvider?: TracerProvider;
}

const STATES: readonly CircuitState[] = Object.values(States);

/**
 * Reports the breakers of `registry` to OpenTelemetry, with a meter and a tracer named
 * `rxjs-circuit-breaker` at the package's version:
 *
 * - `rxcb.calls` (counter) and `rxcb.call.duration` (histogram, seconds), with
 *   `rxcb.breaker.name`, `rxcb.outcome` (success, failure, timeout, ignored, cancelled,
 *   rejected), `error.type` for errors, timeouts and rejections, and `rxcb.breaker.state`
 *   on rejections;
 * - `rxcb.state` (observable gauge): 1 for each breaker's current `rxcb.breaker.state`, 0 for
 *   its four other states, from the breaker's creation on;
 * - `rxcb.retries` (counter): what `retryBackoff` reports to a breaker;
 * - span events: `rxcb.state_change` on the active span when a call's breaker changes state
 *   (a transition outside any recording span gets a root span of its own), and
 *   `rxcb.rejected` on the active span when a call is rejected.
 *
 * Register the SDK's providers first when relying on the global ones. Instrumentation that
 * throws never breaks a call: the update is dropped.
 *
 * @returns a `Subscription`: `unsubscribe()` stops every update and removes the gauge's callback.
 * @throws InvalidConfigError for a bad option.
 *
 * @example
 * ```ts
 * import { CircuitBreakerRegistry } from 'rxjs-circuit-breaker';
 * import { instrumentCircuitBreakers } from 'rxjs-circuit-breaker/otel';
 *
 * const registry = new CircuitBreakerRegistry();
 * const instrumentation = instrumentCircuitBreakers({ registry }); // the global providers of the OpenTelemetry SDK
 * // ... on shutdown:
 * instrumentation.unsubscribe();
 * ```
 */
export function instrumentCircuitBreakers(options: InstrumentCircuitBreakersOptions): Subscription {
  if (typeof options !== 'object' || options === null) throw new InvalidConfigError('options', options, 'an object');
  const { registry, meterProvider, tracerProvider } = options;
  if (typeof registry?.states$?.subscribe !== 'function' || typeof registry.events$?.subscribe !== 'function') {
    throw new InvalidConfigError('registry', registry, 'a CircuitBreakerRegistry');
  }
  if (meterProvider !== undefined && typeof meterProvider?.getMeter !== 'function') {
    throw new InvalidConfigError('meterProvider', meterProvider, 'an OpenTelemetry MeterProvider');
  }
  if (tracerProvider !== undefined && typeof tracerProvider?.getTracer !== 'function') {
    throw new InvalidConfigError('tracerProvider', tracerProvider, 'an OpenTelemetry TracerProvider');
  }

  const { name, version } = INSTRUMENTATION_SCOPE;
  const meter = (meterProvider ?? metrics.getMeterProvider()).getMeter(name, version);
  const tracer = (tracerProvider ?? trace.getTracerProvider()).getTracer(name, version);
  const instruments = createCallInstruments(meter);
  const stateGauge = meter.createObservableGauge('rxcb.state', {
    description: 'State of each circuit breaker: 1 for its current rxcb.breaker.state, 0 for the others.',
    unit: '1',
  });

  const subscription = new Subscription();
  let states: Readonly<Record<string, CircuitState>> = {};
  subscription.add(registry.states$.subscribe((next) => (states = next)));
  const observeStates: ObservableCallback = (result) => {
    for (const [breaker, state] of Object.entries(states)) {
      for (const each of STATES) result.observe(each === state ? 1 : 0, { [A.breakerName]: breaker, [A.breakerState]: each });
    }
  };
  stateGauge.addCallback(observeStates);
  subscription.add(() => stateGauge.removeCallback(observeStates));
  subscription.add(
    registry.events$.subscribe((event) =>
      dropErrors(() => {
        recordCall(instruments, event);
        if (event.type === 'state_change') traceStateChange(tracer, event);
        else if (event.type === 'rejected') traceRejection(event);
      }),
    ),
  );
  return subscription;
}

function dropErrors(update: () => void): void {
  try {
    update();
  } catch {
    // Dropped on purpose: this runs inside the call (events$ is synchronous), and broken
    // instrumentation must not fail it. Nowhere else is safe to report it from inside a call.
  }
}
