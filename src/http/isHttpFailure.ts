import { httpStatusOf } from './httpStatusOf.js';

/**
 * Whether an error means the dependency failed, by HTTP rules: the predicate behind
 * {@link httpErrors}.
 *
 * - 5xx, and status 0 (Angular's `HttpErrorResponse` when no response arrived): failures.
 * - 4xx, 429 included: **not** failures. The server answered; the request was wrong,
 *   unauthorised, missing or rate-limited, and opening the circuit would not help.
 *   (`httpErrors` ignores them: neither success nor failure.)
 * - 1xx-3xx carried by an error (a 200 whose body failed to parse, an unexpected redirect):
 *   failures, since the response could not be used.
 * - No HTTP status at all: failures. That covers timeouts (`CallTimeoutError`, RxJS's
 *   `TimeoutError`, `AbortError`, axios's `ECONNABORTED`), network errors
 *   (`ECONNREFUSED`, `fetch failed`, ...) and also plain programming errors thrown inside
 *   the call: the breaker cannot tell a bug in the call from a broken dependency, and a
 *   call that keeps throwing is better stopped than hammered. Filter such errors out with
 *   your own `ignoreErrors` if they should not count.
 *
 * @example
 * ```ts
 * import { HttpErrorResponse } from '@angular/common/http';
 * import { isHttpFailure } from 'rxjs-circuit-breaker';
 *
 * isHttpFailure(new HttpErrorResponse({ status: 503 })); // true
 * isHttpFailure(new HttpErrorResponse({ status: 0 }));   // true (no response)
 * isHttpFailure(new HttpErrorResponse({ status: 404 })); // false
 * isHttpFailure(new HttpErrorResponse({ status: 429 })); // false
 * isHttpFailure(new Error('socket hang up'));           // true
 * ```
 */
export function isHttpFailure(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === null || !isClientErrorStatus(status);
}

/** @internal 4xx: the caller's fault, not the dependency's. */
export function isClientErrorStatus(status: number): boolean {
  return status >= 400 && status < 500;
}
