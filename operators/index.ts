export { circuitBreaker } from './circuitBreaker.js';
export type { CircuitBreakerOperatorOptions } from './circuitBreaker.js';
