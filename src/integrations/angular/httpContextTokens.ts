import { HttpContextToken } from '@angular/common/http';
import type { RetryBackoffConfig } from '../../../operators/index.js';
import type { CircuitBreakerOptions } from '../../index.js';

/**
 * Per-request breaker options: {@link CIRCUIT_BREAKER_OPTIONS}'s value. The breaker options
 * apply when the request's breaker is created (like `registry.get(name, options)`); `retry`
 * applies to this request only.
 *
 * @example
 * ```ts
 * const options: CircuitBreakerRequestOptions = { callTimeout: 30_000, retry: { maxRetries: 1 } };
 * http.get('/api/report', { context: new HttpContext().set(CIRCUIT_BREAKER_OPTIONS, options) });
 * ```
 */
export interface CircuitBreakerRequestOptions extends Omit<CircuitBreakerOptions, 'retry'> {
  /**
   * This request's retries: a `retryBackoff` config layered over the provider's `retry`
   * (whatever the request's method), or `false` for none.
   */
  retry?: RetryBackoffConfig | false;
}

/**
 * Names the breaker that guards this request, instead of the provider's `breakerFor`
 * (by default the URL's host).
 *
 * @example
 * ```ts
 * http.get('/api/payments', { context: new HttpContext().set(CIRCUIT_BREAKER_NAME, 'payments') });
 * ```
 */
export const CIRCUIT_BREAKER_NAME = new HttpContextToken<string | null>(() => null);

/**
 * Options for this request: breaker options used when its breaker is created (over the
 * provider's `defaults`), and `retry` for this request alone.
 *
 * @example
 * ```ts
 * http.get('/api/report', {
 *   context: new HttpContext()
 *     .set(CIRCUIT_BREAKER_NAME, 'reports')
 *     .set(CIRCUIT_BREAKER_OPTIONS, { callTimeout: 30_000, retry: false }),
 * });
 * ```
 */
export const CIRCUIT_BREAKER_OPTIONS = new HttpContextToken<CircuitBreakerRequestOptions | null>(() => null);

/**
 * `true` lets this request bypass the breakers: it is neither rejected nor counted, nor
 * retried by the interceptor.
 *
 * @example
 * ```ts
 * http.get('/health', { context: new HttpContext().set(SKIP_CIRCUIT_BREAKER, true) });
 * ```
 */
export const SKIP_CIRCUIT_BREAKER = new HttpContextToken<boolean>(() => false);
