import type { RetryBackoffConfig } from '../retry/retryBackoff.js';
import type { CircuitBreaker } from './CircuitBreaker.js';

/**
 * @internal The retry config of a breaker's call (`execute`, `wrap`, decorators): the
 * breaker's scheduler unless the config names one, and every retry reported to the breaker
 * (`retry` events, counted by the metrics integrations).
 */
export function retryConfig(breaker: CircuitBreaker, retry: number | RetryBackoffConfig): RetryBackoffConfig {
  return { scheduler: breaker.scheduler, breaker, ...(typeof retry === 'number' ? { initialInterval: retry } : retry) };
}
