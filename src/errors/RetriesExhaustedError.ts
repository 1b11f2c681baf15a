import { CircuitBreakerError, hasErrorName } from './CircuitBreakerError.js';

/**
 * `retryBackoff({ wrapExhausted: true })` ran out of retries. `cause` is the last error and
 * `attempts` counts every subscription made, the first one included.
 *
 * @example
 * ```ts
 * source$.pipe(retryBackoff({ maxRetries: 2, wrapExhausted: true })).subscribe({
 *   error: (e) => isRetriesExhaustedError(e) && console.log(e.attempts), // 3
 * });
 * ```
 */
export class RetriesExhaustedError extends CircuitBreakerError {
  override readonly name = 'RetriesExhaustedError' as const;

  constructor(
    /** The error of the last attempt. */
    override readonly cause: unknown,
    /** Subscriptions made, the first included. */
    readonly attempts: number,
  ) {
    super(`Gave up after ${attempts} attempt(s): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** True for a {@link RetriesExhaustedError} from any loaded copy of this package. */
export function isRetriesExhaustedError(value: unknown): value is RetriesExhaustedError {
  return hasErrorName(value, 'RetriesExhaustedError');
}
