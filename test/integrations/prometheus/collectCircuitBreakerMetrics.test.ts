import { Counter, Gauge, register as globalRegistry, Registry } from 'prom-client';
import { map, NEVER, of, throwError, timer } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { circuitBreaker } from '../../../operators/index.js';
import { CircuitBreakerRegistry, InvalidConfigError } from '../../../src/index.js';
import type { CircuitBreakerMetricsOptions } from '../../../src/integrations/prometheus/index.js';
import { collectCircuitBreakerMetrics, prometheusStateValue } from '../../../src/integrations/prometheus/index.js';
import { at, call, collectUnhandled, knownSequence, SEQUENCE_OPTIONS, virtualTime } from '../calls.js';
import { thrown } from '../../thrown.js';

const BUCKETS = [0.1, 0.25, 1];

function setup(options: Partial<CircuitBreakerMetricsOptions> = {}) {
  const registry = new CircuitBreakerRegistry();
  const prometheusRegistry = new Registry();
  const subscription = collectCircuitBreakerMetrics({ registry, prometheusRegistry, buckets: BUCKETS, ...options });
  return { registry, prometheusRegistry, subscription };
}

/** The sample lines (no HELP/TYPE) of one metric. */
async function samples(prometheusRegistry: Registry, name: string): Promise<string[]> {
  const text = await prometheusRegistry.getSingleMetricAsString(name);
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('collectCircuitBreakerMetrics', () => {
  it('exposes the exact series and values after a known sequence of calls', async () => {
    const { registry, prometheusRegistry } = setup();
    virtualTime(() => {
      const breaker = registry.get('ollama', SEQUENCE_OPTIONS);
      knownSequence(breaker);
      at(4000, () => breaker.recordRetry(1, 200, new Error('boom')));
    });

    expect(await prometheusRegistry.metrics()).toBe(`# HELP circuit_breaker_state State of the circuit breaker: 0 closed (or disabled), 1 half-open, 2 open (or forced open).
# TYPE circuit_breaker_state gauge
circuit_breaker_state{name="ollama"} 0

# HELP circuit_breaker_state_info Current state of the circuit breaker: 1 for its state, 0 for the other states.
# TYPE circuit_breaker_state_info gauge
circuit_breaker_state_info{name="ollama",state="closed"} 1
circuit_breaker_state_info{name="ollama",state="open"} 0
circuit_breaker_state_info{name="ollama",state="half_open"} 0
circuit_breaker_state_info{name="ollama",state="forced_open"} 0
circuit_breaker_state_info{name="ollama",state="disabled"} 0

# HELP circuit_breaker_calls_total Calls through the circuit breaker, by outcome (success, failure, timeout, ignored, cancelled, rejected).
# TYPE circuit_breaker_calls_total counter
circuit_breaker_calls_total{name="ollama",outcome="success"} 2
circuit_breaker_calls_total{name="ollama",outcome="failure"} 2
circuit_breaker_calls_total{name="ollama",outcome="timeout"} 0
circuit_breaker_calls_total{name="ollama",outcome="ignored"} 0
circuit_breaker_calls_total{name="ollama",outcome="cancelled"} 0
circuit_breaker_calls_total{name="ollama",outcome="rejected"} 2

# HELP circuit_breaker_failures_total Calls the circuit breaker recorded as failures (errors and timeouts).
# TYPE circuit_breaker_failures_total counter
circuit_breaker_failures_total{name="ollama"} 2

# HELP circuit_breaker_trips_total Times the circuit breaker opened.
# TYPE circuit_breaker_trips_total counter
circuit_breaker_trips_total{name="ollama"} 1

# HELP circuit_breaker_call_duration_seconds Duration of calls through the circuit breaker, from subscribe to outcome, in seconds.
# TYPE circuit_breaker_call_duration_seconds histogram
circuit_breaker_call_duration_seconds_bucket{le="0.1",name="ollama",outcome="success"} 0
circuit_breaker_call_duration_seconds_bucket{le="0.25",name="ollama",outcome="success"} 1
circuit_breaker_call_duration_seconds_bucket{le="1",name="ollama",outcome="success"} 2
circuit_breaker_call_duration_seconds_bucket{le="+Inf",name="ollama",outcome="success"} 2
circuit_breaker_call_duration_seconds_sum{name="ollama",outcome="success"} 0.75
circuit_breaker_call_duration_seconds_count{name="ollama",outcome="success"} 2
circuit_breaker_call_duration_seconds_bucket{le="0.1",name="ollama",outcome="failure"} 0
circuit_breaker_call_duration_seconds_bucket{le="0.25",name="ollama",outcome="failure"} 2
circuit_breaker_call_duration_seconds_bucket{le="1",name="ollama",outcome="failure"} 2
circuit_breaker_call_duration_seconds_bucket{le="+Inf",name="ollama",outcome="failure"} 2
circuit_breaker_call_duration_seconds_sum{name="ollama",outcome="failure"} 0.25
circuit_breaker_call_duration_seconds_count{name="ollama",outcome="failure"} 2

# HELP circuit_breaker_state_transitions_total State transitions of the circuit breaker.
# TYPE circuit_breaker_state_transitions_total counter
circuit_breaker_state_transitions_total{name="ollama",from="closed",to="open"} 1
circuit_breaker_state_transitions_total{name="ollama",from="open",to="half_open"} 1
circuit_breaker_state_transitions_total{name="ollama",from="half_open",to="closed"} 1

# HELP circuit_breaker_retries_total Retries of calls through the circuit breaker, as reported by retryBackoff.
# TYPE circuit_breaker_retries_total counter
circuit_breaker_retries_total{name="ollama"} 1
`);
  });

  it('gives a breaker created later its state series and zeroed counters at creation', async () => {
    const { registry, prometheusRegistry } = setup();
    registry.get('later');
    expect(await samples(prometheusRegistry, 'circuit_breaker_state')).toEqual(['circuit_breaker_state{name="later"} 0']);
    expect(await samples(prometheusRegistry, 'circuit_breaker_trips_total')).toEqual(['circuit_breaker_trips_total{name="later"} 0']);
    expect(await samples(prometheusRegistry, 'circuit_breaker_calls_total')).toHaveLength(6);
  });

  it('includes the breakers that exist before it is called', async () => {
    const registry = new CircuitBreakerRegistry();
    registry.get('early').forceOpen();
    const prometheusRegistry = new Registry();
    collectCircuitBreakerMetrics({ registry, prometheusRegistry });
    expect(await samples(prometheusRegistry, 'circuit_breaker_state')).toEqual(['circuit_breaker_state{name="early"} 2']);
  });

  it('numbers half_open 1 while the breaker waits for a trial', async () => {
    const { registry, prometheusRegistry } = setup();
    virtualTime(() => {
      const breaker = registry.get('api', { failureThreshold: 1, recoveryTimeout: 100 });
      call(breaker, 10, new Error('down'));
    });
    expect(await samples(prometheusRegistry, 'circuit_breaker_state')).toEqual(['circuit_breaker_state{name="api"} 1']);
  });

  it.each([
    ['forceOpen', 2, 'forced_open'],
    ['disable', 0, 'disabled'],
  ] as const)('numbers the state after %s %i and names it in circuit_breaker_state_info', async (method, value, state) => {
    const { registry, prometheusRegistry } = setup();
    registry.get('api')[method]();
    expect(await samples(prometheusRegistry, 'circuit_breaker_state')).toEqual([`circuit_breaker_state{name="api"} ${value}`]);
    expect(await samples(prometheusRegistry, 'circuit_breaker_state_info')).toContain(
      `circuit_breaker_state_info{name="api",state="${state}"} 1`,
    );
    expect(prometheusStateValue[state]).toBe(value);
  });

  it('counts timeouts as failures, and ignored and cancelled calls under their own outcome', async () => {
    const { registry, prometheusRegistry } = setup();
    virtualTime(() => {
      const breaker = registry.get('api', { callTimeout: 50, ignoreErrors: RangeError });
      call(breaker, 100);
      at(200, () => call(breaker, 20, new RangeError('not found')));
      at(300, () => NEVER.pipe(circuitBreaker(breaker)).subscribe().unsubscribe());
    });
    const calls = await samples(prometheusRegistry, 'circuit_breaker_calls_total');
    expect(calls).toContain('circuit_breaker_calls_total{name="api",outcome="timeout"} 1');
    expect(calls).toContain('circuit_breaker_calls_total{name="api",outcome="ignored"} 1');
    expect(calls).toContain('circuit_breaker_calls_total{name="api",outcome="cancelled"} 1');
    expect(await samples(prometheusRegistry, 'circuit_breaker_failures_total')).toEqual(['circuit_breaker_failures_total{name="api"} 1']);
    const durations = await samples(prometheusRegistry, 'circuit_breaker_call_duration_seconds');
    expect(durations).toContain('circuit_breaker_call_duration_seconds_sum{name="api",outcome="timeout"} 0.05');
    expect(durations).toContain('circuit_breaker_call_duration_seconds_sum{name="api",outcome="ignored"} 0.02');
    expect(durations).toContain('circuit_breaker_call_duration_seconds_sum{name="api",outcome="cancelled"} 0');
  });

  it('keeps the counters when a breaker is reset', async () => {
    const { registry, prometheusRegistry } = setup();
    virtualTime(() => {
      const breaker = registry.get('api');
      call(breaker, 10);
      at(100, () => breaker.reset());
    });
    expect(await samples(prometheusRegistry, 'circuit_breaker_calls_total')).toContain(
      'circuit_breaker_calls_total{name="api",outcome="success"} 1',
    );
  });

  it('uses prom-client default buckets when none are given', async () => {
    const { registry, prometheusRegistry } = setup({ buckets: undefined as never });
    virtualTime(() => call(registry.get('api'), 10));
    const les = (await samples(prometheusRegistry, 'circuit_breaker_call_duration_seconds'))
      .map((line) => /le="([^"]+)"/.exec(line)?.[1])
      .filter((le) => le !== undefined);
    expect(les).toEqual(['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf']);
  });

  it('puts the prefix before every metric name', async () => {
    const { prometheusRegistry } = setup({ prefix: 'myapp_' });
    const names = prometheusRegistry.getMetricsAsArray().map((metric) => metric.name);
    expect(names).toEqual([
      'myapp_circuit_breaker_state',
      'myapp_circuit_breaker_state_info',
      'myapp_circuit_breaker_calls_total',
      'myapp_circuit_breaker_failures_total',
      'myapp_circuit_breaker_trips_total',
      'myapp_circuit_breaker_call_duration_seconds',
      'myapp_circuit_breaker_state_transitions_total',
      'myapp_circuit_breaker_retries_total',
    ]);
  });

  it('throws a clear error when called twice on the same prometheus registry and prefix', () => {
    const { registry, prometheusRegistry } = setup();
    const error = thrown(() => collectCircuitBreakerMetrics({ registry, prometheusRegistry }));
    expect(error.option).toBe('prometheusRegistry');
    expect(error.message).toContain('a registry without a metric named "circuit_breaker_state"');
    expect(error.message).toContain('collectCircuitBreakerMetrics was already called on it');
  });

  it('leaves the prometheus registry as it was when the names are taken', async () => {
    const registry = new CircuitBreakerRegistry();
    const prometheusRegistry = new Registry();
    new Counter({ name: 'circuit_breaker_retries_total', help: 'not ours', registers: [prometheusRegistry] });
    expect(() => collectCircuitBreakerMetrics({ registry, prometheusRegistry })).toThrow(/circuit_breaker_retries_total/);
    expect(prometheusRegistry.getMetricsAsArray().map((m) => m.name)).toEqual(['circuit_breaker_retries_total']);
  });

  it('accepts a second call on the same prometheus registry with another prefix', () => {
    const { registry, prometheusRegistry } = setup();
    collectCircuitBreakerMetrics({ registry, prometheusRegistry, prefix: 'other_' });
    expect(prometheusRegistry.getSingleMetric('other_circuit_breaker_state')).toBeDefined();
  });

  it('can be called again once the first is unsubscribed', () => {
    const { registry, prometheusRegistry, subscription } = setup();
    subscription.unsubscribe();
    expect(() => collectCircuitBreakerMetrics({ registry, prometheusRegistry })).not.toThrow();
  });

  it('removes its metrics from the prometheus registry on unsubscribe', () => {
    const { registry, prometheusRegistry, subscription } = setup();
    registry.get('api');
    subscription.unsubscribe();
    expect(prometheusRegistry.getMetricsAsArray()).toEqual([]);
  });

  it('leaves in place a metric registered in its place by someone else', () => {
    const { prometheusRegistry, subscription } = setup();
    prometheusRegistry.removeSingleMetric('circuit_breaker_state');
    const theirs = new Gauge({ name: 'circuit_breaker_state', help: 'theirs', registers: [prometheusRegistry] });
    subscription.unsubscribe();
    expect(prometheusRegistry.getMetricsAsArray()).toEqual([theirs]);
  });

  it('stops updating after unsubscribe', async () => {
    const { registry, prometheusRegistry, subscription } = setup();
    const breaker = registry.get('api');
    const calls = prometheusRegistry.getSingleMetric('circuit_breaker_calls_total') as Counter;
    const state = prometheusRegistry.getSingleMetric('circuit_breaker_state') as Gauge;
    subscription.unsubscribe();
    virtualTime(() => call(breaker, 10));
    breaker.forceOpen();
    expect((await calls.get()).values.find((v) => v.labels.outcome === 'success')?.value).toBe(0);
    expect((await state.get()).values[0]?.value).toBe(0);
  });

  it('removes the series of a breaker removed from the registry', async () => {
    const { registry, prometheusRegistry } = setup();
    virtualTime(() => {
      call(registry.get('gone', { failureThreshold: 1 }), 10, new Error('x'));
      call(registry.get('kept'), 10);
    });
    registry.remove('gone');
    expect(await prometheusRegistry.metrics()).not.toContain('"gone"');
    expect(await samples(prometheusRegistry, 'circuit_breaker_state')).toEqual(['circuit_breaker_state{name="kept"} 0']);
  });

  it('leaves prom-client global registry alone and collects no default metrics', () => {
    const before = globalRegistry.getMetricsAsArray().length;
    const { registry } = setup();
    registry.get('api');
    expect(globalRegistry.getMetricsAsArray()).toHaveLength(before);
    expect(globalRegistry.getSingleMetric('process_cpu_seconds_total')).toBeUndefined();
  });

  it('registers on prom-client global registry when given it', () => {
    const registry = new CircuitBreakerRegistry();
    const subscription = collectCircuitBreakerMetrics({ registry, prometheusRegistry: globalRegistry });
    expect(globalRegistry.getSingleMetric('circuit_breaker_state')).toBeDefined();
    subscription.unsubscribe();
    expect(globalRegistry.getSingleMetric('circuit_breaker_state')).toBeUndefined();
  });

  it('never breaks a call when a metric update throws', async () => {
    const { registry, prometheusRegistry } = setup();
    const calls = prometheusRegistry.getSingleMetric('circuit_breaker_calls_total') as Counter;
    vi.spyOn(calls, 'inc').mockImplementation(() => {
      throw new Error('exporter down');
    });
    const unhandled = collectUnhandled();
    const results: string[] = [];
    try {
      virtualTime(() => {
        const breaker = registry.get('api', { failureThreshold: 1 });
        const observe = { next: (v: string) => results.push(v), error: (e: Error) => results.push(`${e.name}: ${e.message}`) };
        at(0, () => timer(10).pipe(map(() => 'ok'), circuitBreaker(breaker)).subscribe(observe));
        at(20, () => throwError(() => new Error('down')).pipe(circuitBreaker(breaker)).subscribe(observe));
        at(30, () => of('late').pipe(circuitBreaker(breaker)).subscribe(observe));
      });
    } finally {
      unhandled.restore();
    }
    expect(results).toEqual(['ok', 'Error: down', "CircuitOpenError: Circuit breaker 'api' is open; the call was rejected (retry after 59990 ms)"]);
    expect(unhandled.errors).toEqual([]);
    // The other metrics still moved: only the throwing update was dropped.
    expect(await samples(prometheusRegistry, 'circuit_breaker_trips_total')).toEqual(['circuit_breaker_trips_total{name="api"} 1']);
  });

  it('never breaks the creation of a breaker when a state update throws', () => {
    const { registry, prometheusRegistry } = setup();
    const state = prometheusRegistry.getSingleMetric('circuit_breaker_state') as Gauge;
    vi.spyOn(state, 'set').mockImplementation(() => {
      throw new Error('exporter down');
    });
    const unhandled = collectUnhandled();
    try {
      virtualTime(() => expect(registry.get('api').state).toBe('closed'));
    } finally {
      unhandled.restore();
    }
    expect(unhandled.errors).toEqual([]);
  });

  describe('validation', () => {
    const registry = new CircuitBreakerRegistry();
    const prometheusRegistry = new Registry();

    it.each([
      ['options', null],
      ['registry', { registry: {}, prometheusRegistry }],
      ['prometheusRegistry', { registry, prometheusRegistry: {} }],
      ['prefix', { registry, prometheusRegistry, prefix: '1abc' }],
      ['prefix', { registry, prometheusRegistry, prefix: 'my:app_' }],
      ['prefix', { registry, prometheusRegistry, prefix: 7 }],
      ['buckets', { registry, prometheusRegistry, buckets: [] }],
      ['buckets', { registry, prometheusRegistry, buckets: [1, 0.5] }],
      ['buckets', { registry, prometheusRegistry, buckets: [0, 1] }],
      ['buckets', { registry, prometheusRegistry, buckets: [0.1, Infinity] }],
      ['buckets', { registry, prometheusRegistry, buckets: '0.1' }],
    ])('rejects a bad %s (case %#)', (option, options) => {
      expect(thrown(() => collectCircuitBreakerMetrics(options as never)).option).toBe(option);
      expect(prometheusRegistry.getMetricsAsArray()).toHaveLength(0);
    });
  });
});
