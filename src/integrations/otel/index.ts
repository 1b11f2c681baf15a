// `rxjs-circuit-breaker/otel`: OpenTelemetry metrics and span events for every breaker of a registry.
export { instrumentCircuitBreakers } from './instrumentCircuitBreakers.js';
export type { InstrumentCircuitBreakersOptions } from './instrumentCircuitBreakers.js';
export { OtelAttributes } from './attributes.js';
export { OtelSpanEvents } from './spanEvents.js';
export { INSTRUMENTATION_SCOPE } from './scope.js';
