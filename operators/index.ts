export { circuitBreaker } from './circuitBreaker.js';
export type { CircuitBreakerOperatorOptions } from './circuitBreaker.js';
export { retryBackoff } from './retryBackoff.js';
export type { RetryBackoffConfig, RetryInfo, RetryReporter } from './retryBackoff.js';
