import { httpStatusOf } from './httpStatusOf.js';
import { isClientErrorStatus, isHttpFailure } from './isHttpFailure.js';

/**
 * Breaker options that classify errors by HTTP rules (seed 004): 5xx, status 0, timeouts,
 * network errors and errors without any HTTP status are failures ({@link isHttpFailure});
 * every 4xx, 429 included, is ignored: it counts as neither success nor failure and gives
 * a half-open trial slot back. Spread it into a breaker's options; a later
 * `recordErrors`/`ignoreErrors` replaces it.
 *
 * 429 is ignored by the breaker but worth retrying after its `Retry-After`: pair the breaker
 * with `retryBackoff({ shouldRetry: isHttpRetryable })`, which waits at least as long as
 * the header asks.
 *
 * @example
 * ```ts
 * import { CircuitBreaker, httpErrors, isHttpRetryable, circuitBreaker, retryBackoff } from 'rxjs-circuit-breaker';
 *
 * const api = new CircuitBreaker('api', { ...httpErrors, failureThreshold: 3 });
 * http.get('/items').pipe(circuitBreaker(api), retryBackoff({ maxRetries: 2, shouldRetry: isHttpRetryable }));
 * // 404s and 429s never open `api`; 503s and timeouts do.
 * ```
 */
export const httpErrors: {
  /** {@link isHttpFailure}. */
  readonly recordErrors: (error: unknown) => boolean;
  /** Errors with a 4xx status. */
  readonly ignoreErrors: (error: unknown) => boolean;
} = Object.freeze({
  recordErrors: isHttpFailure,
  ignoreErrors: isClientError,
});

function isClientError(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status !== null && isClientErrorStatus(status);
}
