// `rxjs-circuit-breaker/prometheus`: prom-client metrics for every breaker of a registry.
export { collectCircuitBreakerMetrics } from './collectCircuitBreakerMetrics.js';
export type { CircuitBreakerMetricsOptions } from './collectCircuitBreakerMetrics.js';
export { prometheusStateValue } from './prometheusStateValue.js';
