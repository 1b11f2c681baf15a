import type { Attributes, Context, ContextManager } from '@opentelemetry/api';
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { DataPoint, Histogram, MetricData } from '@opentelemetry/sdk-metrics';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * Test helper: the smallest ContextManager that makes `context.with` set the active span for
 * synchronous code (the calls under test are synchronous; no async-hooks package needed).
 */
export class SyncContextManager implements ContextManager {
  private stack: Context[] = [];
  active(): Context {
    return this.stack.at(-1) ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    this.stack.push(ctx);
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.stack.pop();
    }
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.stack = [];
    return this;
  }
}

/** Test helper: a real SDK meter provider and tracer provider, exporting in memory. */
export function otelKit() {
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  const tracer = tracerProvider.getTracer('test');

  return {
    meterProvider,
    tracerProvider,
    spanExporter,
    /** Exports now and returns the latest export of each metric, by name. */
    async metrics(): Promise<Map<string, MetricData>> {
      metricExporter.reset();
      await reader.forceFlush();
      const byName = new Map<string, MetricData>();
      for (const resource of metricExporter.getMetrics()) {
        for (const scope of resource.scopeMetrics) for (const metric of scope.metrics) byName.set(metric.descriptor.name, metric);
      }
      return byName;
    },
    /** Exports now and returns the instrumentation scopes seen. */
    async scopes() {
      metricExporter.reset();
      await reader.forceFlush();
      return metricExporter.getMetrics().flatMap((r) => r.scopeMetrics.map((s) => s.scope));
    },
    /** Runs `fn` with a fresh span named `name` active, then ends the span. */
    inSpan(name: string, fn: () => void): void {
      const span = tracer.startSpan(name);
      context.with(trace.setSpan(context.active(), span), fn);
      span.end();
    },
    async shutdown(): Promise<void> {
      await meterProvider.shutdown();
      await tracerProvider.shutdown();
    },
  };
}

/** Test helper: the points of a metric as `[attributes, value]`, sorted for stable comparison. */
export function points(metric: MetricData | undefined): [Attributes, unknown][] {
  const list = (metric?.dataPoints ?? []) as DataPoint<unknown>[];
  return list
    .map((p): [Attributes, unknown] => [p.attributes, p.value])
    .sort(([a], [b]) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** Test helper: `[attributes, count, sum]` of each histogram point. */
export function histogramPoints(metric: MetricData | undefined): [Attributes, number, number | undefined][] {
  return points(metric).map(([attributes, value]) => [attributes, (value as Histogram).count, (value as Histogram).sum]);
}
