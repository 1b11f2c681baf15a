import type { RetryBackoffConfig } from '../retry/retryBackoff.js';
import type { CircuitBreaker } from './CircuitBreaker.js';

/** @internal The retry config of a breaker's call: the breaker's scheduler unless the config names one. */
export function retryConfig(breaker: CircuitBreaker, retry: number | RetryBackoffConfig): RetryBackoffConfig {
  return { scheduler: breaker.scheduler, ...(typeof retry === 'number' ? { initialInterval: retry } : retry) };
}
