import type { CircuitState } from '../breaker/CircuitState.js';
import { CircuitBreakerError, hasErrorName } from './CircuitBreakerError.js';

/**
 * A call was rejected because its circuit is `open`, `half_open` with every trial permit
 * taken, or `forced_open`. The source was never subscribed.
 *
 * Rejections are the hot path of an outage, so by default the error carries no stack trace
 * (the breaker option `captureRejectionStack: true` turns it back on). It always carries the
 * breaker's name, its state and how long the break still lasts.
 *
 * @example
 * ```ts
 * source$.pipe(circuitBreaker('api')).subscribe({
 *   error: (e) => { if (isCircuitOpenError(e)) console.log(`${e.breakerName} is ${e.state}, retry in ${e.retryAfterMs} ms`); },
 * });
 * ```
 */
export class CircuitOpenError extends CircuitBreakerError {
  override readonly name = 'CircuitOpenError' as const;

  constructor(
    /** Name of the breaker that rejected the call. */
    readonly breakerName: string,
    /** The breaker's state when it rejected the call. */
    readonly state: CircuitState,
    /** Milliseconds until the break ends (`open` or `half_open`), `null` when unknown (`forced_open`). */
    readonly retryAfterMs: number | null,
    captureStack = true,
  ) {
    super(suspendStack(captureStack, openMessage(breakerName, state, retryAfterMs)));
    if (!captureStack) Error.stackTraceLimit = savedLimit;
  }
}

// Capturing a stack costs more than the rest of a rejection together, so rejections skip it:
// the limit is lowered just for the Error constructor and restored right after it.
let savedLimit = Error.stackTraceLimit;
function suspendStack(captureStack: boolean, message: string): string {
  if (!captureStack) {
    savedLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
  }
  return message;
}

function openMessage(name: string, state: CircuitState, retryAfterMs: number | null): string {
  return retryAfterMs === null
    ? `Circuit breaker '${name}' is ${state}; the call was rejected`
    : `Circuit breaker '${name}' is ${state}; the call was rejected (retry after ${retryAfterMs} ms)`;
}

/** True for a {@link CircuitOpenError} from any loaded copy of this package. */
export function isCircuitOpenError(value: unknown): value is CircuitOpenError {
  return hasErrorName(value, 'CircuitOpenError');
}
