import { readFileSync } from 'node:fs';
import type { MeterProvider, TracerProvider } from '@opentelemetry/api';
import { context, metrics, trace } from '@opentelemetry/api';
import { NEVER, of, throwError } from 'rxjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { circuitBreaker } from '../../../operators/index.js';
import { CircuitBreakerRegistry, isInvalidConfigError } from '../../../src/index.js';
import { INSTRUMENTATION_SCOPE, instrumentCircuitBreakers } from '../../../src/integrations/otel/index.js';
import { at, call, collectUnhandled, knownSequence, SEQUENCE_OPTIONS, virtualTime } from '../calls.js';
import { histogramPoints, otelKit, points, SyncContextManager } from './otelTestKit.js';

const NAME = 'rxcb.breaker.name';
const STATE = 'rxcb.breaker.state';
const OUTCOME = 'rxcb.outcome';
const ERROR_TYPE = 'error.type';

let kit: ReturnType<typeof otelKit>;

beforeAll(() => {
  context.setGlobalContextManager(new SyncContextManager());
});
afterAll(() => {
  context.disable();
});
beforeEach(() => {
  kit = otelKit();
});
afterEach(async () => {
  await kit.shutdown();
});

function setup() {
  const registry = new CircuitBreakerRegistry();
  const subscription = instrumentCircuitBreakers({ registry, meterProvider: kit.meterProvider, tracerProvider: kit.tracerProvider });
  return { registry, subscription };
}

/** A synchronous call inside the current context: the caller's span is active during it. */
function syncCall(registry: CircuitBreakerRegistry, name: string, error?: Error): void {
  const source = error === undefined ? of('ok') : throwError(() => error);
  source.pipe(circuitBreaker(name, { registry })).subscribe({ error: () => undefined });
}

describe('instrumentCircuitBreakers', () => {
  it('names the meter and the tracer after the package and its version', async () => {
    const { registry } = setup();
    registry.get('api').forceOpen();
    expect(await kit.scopes()).toEqual([{ name: 'rxjs-circuit-breaker', version: INSTRUMENTATION_SCOPE.version, schemaUrl: undefined }]);
    expect(kit.spanExporter.getFinishedSpans()[0]?.instrumentationScope).toMatchObject(INSTRUMENTATION_SCOPE);
  });

  it('keeps the instrumentation version equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    expect(INSTRUMENTATION_SCOPE).toEqual({ name: pkg.name, version: pkg.version });
  });

  it('counts calls by outcome and error.type after a known sequence of calls', async () => {
    const { registry } = setup();
    virtualTime(() => knownSequence(registry.get('ollama', SEQUENCE_OPTIONS)));
    expect(points((await kit.metrics()).get('rxcb.calls'))).toEqual([
      [{ [NAME]: 'ollama', [OUTCOME]: 'failure', [ERROR_TYPE]: 'Error' }, 1],
      [{ [NAME]: 'ollama', [OUTCOME]: 'failure', [ERROR_TYPE]: 'TypeError' }, 1],
      [{ [NAME]: 'ollama', [OUTCOME]: 'rejected', [STATE]: 'open', [ERROR_TYPE]: 'CircuitOpenError' }, 2],
      [{ [NAME]: 'ollama', [OUTCOME]: 'success' }, 2],
    ]);
  });

  it('records call durations in seconds', async () => {
    const { registry } = setup();
    virtualTime(() => knownSequence(registry.get('ollama', SEQUENCE_OPTIONS)));
    const duration = (await kit.metrics()).get('rxcb.call.duration');
    expect(duration?.descriptor.unit).toBe('s');
    expect(histogramPoints(duration)).toEqual([
      [{ [NAME]: 'ollama', [OUTCOME]: 'failure', [ERROR_TYPE]: 'Error' }, 1, 0.125],
      [{ [NAME]: 'ollama', [OUTCOME]: 'failure', [ERROR_TYPE]: 'TypeError' }, 1, 0.125],
      [{ [NAME]: 'ollama', [OUTCOME]: 'success' }, 2, 0.75],
    ]);
  });

  it('labels timeouts, ignored and cancelled calls', async () => {
    const { registry } = setup();
    virtualTime(() => {
      const breaker = registry.get('api', { callTimeout: 50, ignoreErrors: RangeError });
      call(breaker, 100);
      at(200, () => call(breaker, 20, new RangeError('not found')));
      at(300, () => NEVER.pipe(circuitBreaker(breaker)).subscribe().unsubscribe());
    });
    expect(points((await kit.metrics()).get('rxcb.calls'))).toEqual([
      [{ [NAME]: 'api', [OUTCOME]: 'cancelled' }, 1],
      [{ [NAME]: 'api', [OUTCOME]: 'ignored', [ERROR_TYPE]: 'RangeError' }, 1],
      [{ [NAME]: 'api', [OUTCOME]: 'timeout', [ERROR_TYPE]: 'CallTimeoutError' }, 1],
    ]);
  });

  it('observes every state of every breaker from its creation, 1 for the current one', async () => {
    const { registry } = setup();
    registry.get('api');
    registry.get('db').forceOpen();
    const states = points((await kit.metrics()).get('rxcb.state'));
    expect(states).toHaveLength(10);
    expect(states.filter(([, value]) => value === 1)).toEqual([
      [{ [NAME]: 'api', [STATE]: 'closed' }, 1],
      [{ [NAME]: 'db', [STATE]: 'forced_open' }, 1],
    ]);
  });

  it('counts the retries reported to a breaker', async () => {
    const { registry } = setup();
    const breaker = registry.get('api');
    breaker.recordRetry(1, 100, new Error('x'));
    breaker.recordRetry(2, 200, new Error('x'));
    expect(points((await kit.metrics()).get('rxcb.retries'))).toEqual([[{ [NAME]: 'api' }, 2]]);
  });

  it('adds rxcb.state_change to the active span when a call trips its breaker', () => {
    const { registry } = setup();
    registry.get('ollama', { failureThreshold: 1 });
    kit.inSpan('GET /generate', () => syncCall(registry, 'ollama', new Error('down')));
    const [span] = kit.spanExporter.getFinishedSpans();
    expect(span?.name).toBe('GET /generate');
    expect(span?.events.map((e) => [e.name, e.attributes])).toEqual([
      [
        'rxcb.state_change',
        {
          [NAME]: 'ollama',
          [STATE]: 'open',
          'rxcb.breaker.previous_state': 'closed',
          'rxcb.transition.reason': 'failure_threshold',
          'rxcb.transition.detail': '1 consecutive failure',
        },
      ],
    ]);
  });

  it('adds rxcb.rejected to the active span when a call is rejected', () => {
    const { registry } = setup();
    registry.get('ollama').forceOpen();
    kit.inSpan('GET /generate', () => syncCall(registry, 'ollama'));
    const request = kit.spanExporter.getFinishedSpans().find((s) => s.name === 'GET /generate');
    expect(request?.events.map((e) => [e.name, e.attributes])).toEqual([['rxcb.rejected', { [NAME]: 'ollama', [STATE]: 'forced_open' }]]);
  });

  it('gives the rejection its retry-after time when the breaker knows it', () => {
    const { registry } = setup();
    virtualTime(() => {
      registry.get('ollama', { failureThreshold: 1, recoveryTimeout: 1000 });
      syncCall(registry, 'ollama', new Error('down'));
      at(400, () => kit.inSpan('GET /generate', () => syncCall(registry, 'ollama')));
    });
    const request = kit.spanExporter.getFinishedSpans().find((s) => s.name === 'GET /generate');
    expect(request?.events[0]?.attributes).toEqual({ [NAME]: 'ollama', [STATE]: 'open', 'rxcb.retry_after_ms': 600 });
  });

  it('records a transition outside any span as a root span of its own', () => {
    const { registry } = setup();
    virtualTime(() => {
      registry.get('ollama', { failureThreshold: 1, recoveryTimeout: 1000 });
      kit.inSpan('GET /generate', () => syncCall(registry, 'ollama', new Error('down')));
    });
    const own = kit.spanExporter.getFinishedSpans().filter((s) => s.name === 'rxcb.state_change');
    expect(own).toHaveLength(1);
    expect(own[0]?.parentSpanContext).toBeUndefined();
    expect(own[0]?.attributes).toEqual({
      [NAME]: 'ollama',
      [STATE]: 'half_open',
      'rxcb.breaker.previous_state': 'open',
      'rxcb.transition.reason': 'recovery_timeout',
    });
    expect(own[0]?.events.map((e) => e.name)).toEqual(['rxcb.state_change']);
  });

  it('records no span for a rejection outside any span', () => {
    const { registry } = setup();
    registry.get('api').forceOpen();
    kit.spanExporter.reset();
    syncCall(registry, 'api');
    expect(kit.spanExporter.getFinishedSpans()).toEqual([]);
  });

  it('stops reporting after unsubscribe', async () => {
    const { registry, subscription } = setup();
    syncCall(registry, 'api');
    subscription.unsubscribe();
    syncCall(registry, 'api');
    registry.get('api').forceOpen();
    const exported = await kit.metrics();
    expect(points(exported.get('rxcb.calls'))).toEqual([[{ [NAME]: 'api', [OUTCOME]: 'success' }, 1]]);
    expect(points(exported.get('rxcb.state'))).toEqual([]);
    expect(kit.spanExporter.getFinishedSpans()).toEqual([]);
  });

  it('uses the global meter and tracer providers when none are given', async () => {
    metrics.setGlobalMeterProvider(kit.meterProvider);
    trace.setGlobalTracerProvider(kit.tracerProvider);
    try {
      const registry = new CircuitBreakerRegistry();
      instrumentCircuitBreakers({ registry });
      registry.get('api').forceOpen();
      expect(points((await kit.metrics()).get('rxcb.state'))).toHaveLength(5);
      expect(kit.spanExporter.getFinishedSpans().map((s) => s.name)).toEqual(['rxcb.state_change']);
    } finally {
      metrics.disable();
      trace.disable();
    }
  });

  it('never breaks a call when the instrumentation throws', () => {
    const boom = () => {
      throw new Error('exporter down');
    };
    const real = kit.meterProvider.getMeter('real');
    const meterProvider = {
      getMeter: () => ({
        createCounter: () => ({ add: boom }),
        createHistogram: () => ({ record: boom }),
        createObservableGauge: (name: string) => real.createObservableGauge(name),
      }),
    } as unknown as MeterProvider;
    const tracerProvider = { getTracer: () => ({ startSpan: boom }) } as unknown as TracerProvider;
    const registry = new CircuitBreakerRegistry();
    instrumentCircuitBreakers({ registry, meterProvider, tracerProvider });
    const unhandled = collectUnhandled();
    const results: string[] = [];
    try {
      virtualTime(() => {
        registry.get('api', { failureThreshold: 1 });
        const observer = { next: (v: string) => results.push(v), error: (e: Error) => results.push(e.name) };
        of('ok').pipe(circuitBreaker('api', { registry })).subscribe(observer);
        throwError(() => new Error('down')).pipe(circuitBreaker('api', { registry })).subscribe(observer);
        of('late').pipe(circuitBreaker('api', { registry })).subscribe(observer);
        registry.get('api').recordRetry(1, 10, new Error('x'));
      });
    } finally {
      unhandled.restore();
    }
    expect(results).toEqual(['ok', 'Error', 'CircuitOpenError']);
    expect(unhandled.errors).toEqual([]);
  });

  describe('validation', () => {
    const registry = new CircuitBreakerRegistry();

    it.each([
      ['options', 'nope'],
      ['registry', { registry: { states$: {} } }],
      ['meterProvider', { registry, meterProvider: {} }],
      ['tracerProvider', { registry, tracerProvider: null }],
    ])('rejects a bad %s', (option, options) => {
      let error: unknown;
      try {
        instrumentCircuitBreakers(options as never);
      } catch (e) {
        error = e;
      }
      expect(isInvalidConfigError(error) && error.option).toBe(option);
    });
  });
});
