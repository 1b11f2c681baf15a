import { isCircuitOpenError } from '../errors/CircuitOpenError.js';
import { httpStatusOf } from './httpStatusOf.js';
import { isNetworkError } from './isNetworkError.js';
import { isTimeoutError } from './isTimeoutError.js';

/**
 * Whether an HTTP call that failed with `error` is worth retrying: the `shouldRetry` for
 * {@link retryBackoff} around HTTP calls.
 *
 * - Retried: 5xx, status 0 (no response), 408 (Request Timeout), 429 (Too Many
 *   Requests), timeouts ({@link isTimeoutError}), network errors ({@link isNetworkError})
 *   and `CircuitOpenError` (with the breaker inside the retry, `retryBackoff` waits out the
 *   break: it reads the error's `retryAfterMs`).
 * - Not retried: other 4xx (the same request would fail the same way), 1xx-3xx carried by an
 *   error (a body that failed to parse will fail again), and errors without any HTTP or
 *   transport signal, such as a `TypeError` from a bug.
 *
 * `retryBackoff` honours `Retry-After` on 429 and 503 by itself: the next delay is at least
 * the header's, and a header longer than `maxInterval` ends the retries with that error.
 *
 * @example
 * ```ts
 * import { isHttpRetryable, retryBackoff } from 'rxjs-circuit-breaker';
 *
 * http.get('/items').pipe(retryBackoff({ maxRetries: 3, initialInterval: 500, shouldRetry: isHttpRetryable }));
 * isHttpRetryable(new HttpErrorResponse({ status: 429 })); // true (after Retry-After)
 * isHttpRetryable(new HttpErrorResponse({ status: 404 })); // false
 * ```
 */
export function isHttpRetryable(error: unknown): boolean {
  const status = httpStatusOf(error);
  if (status !== null) return status === 0 || status === 408 || status === 429 || status >= 500;
  return isCircuitOpenError(error) || isTimeoutError(error) || isNetworkError(error);
}
