import { CircuitBreakerError, hasErrorName } from './CircuitBreakerError.js';

/**
 * A call took longer than its breaker's `callTimeout`. The source was unsubscribed and the
 * call counts as a failure (and in `timeouts`).
 *
 * @example
 * ```ts
 * const breaker = new CircuitBreaker('slow', { callTimeout: 1_000 });
 * await breaker.execute(() => fetch(url)).catch((e) => isCallTimeoutError(e) && console.log(e.timeoutMs)); // 1000
 * ```
 */
export class CallTimeoutError extends CircuitBreakerError {
  override readonly name = 'CallTimeoutError' as const;

  constructor(
    /** Name of the breaker whose call timed out. */
    readonly breakerName: string,
    /** The timeout that expired, in milliseconds. */
    readonly timeoutMs: number,
  ) {
    super(`Call through circuit breaker '${breakerName}' timed out after ${timeoutMs} ms`);
  }
}

/** True for a {@link CallTimeoutError} from any loaded copy of this package. */
export function isCallTimeoutError(value: unknown): value is CallTimeoutError {
  return hasErrorName(value, 'CallTimeoutError');
}
