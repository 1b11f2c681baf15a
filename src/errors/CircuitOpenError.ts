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
    /** Milliseconds until the break ends (`open`), `null` when unknown (`half_open` with every trial taken, `forced_open`). */
    readonly retryAfterMs: number | null,
  ) {
    super(openMessage(breakerName, state, retryAfterMs));
  }

  /**
   * @internal A rejection made without running the Error constructor: no stack trace is
   * captured, and `message` and `stack` are computed when first read. Rejections are the hot
   * path of an outage, and capturing a stack costs more than everything else in one.
   */
  static withoutStack(breakerName: string, state: CircuitState, retryAfterMs: number | null): CircuitOpenError {
    const error = Object.create(CircuitOpenError.prototype) as { -readonly [K in keyof CircuitOpenError]: CircuitOpenError[K] };
    error.breakerName = breakerName;
    error.state = state;
    error.retryAfterMs = retryAfterMs;
    return error;
  }
}

Object.defineProperties(CircuitOpenError.prototype, {
  name: { value: 'CircuitOpenError', writable: true, configurable: true },
  message: {
    configurable: true,
    get(this: CircuitOpenError) {
      return openMessage(this.breakerName, this.state, this.retryAfterMs);
    },
  },
  stack: {
    configurable: true,
    get(this: CircuitOpenError) {
      return `${this.name}: ${this.message}\n    (no stack trace: set captureRejectionStack: true on the breaker to capture one)`;
    },
  },
});

function openMessage(name: string, state: CircuitState, retryAfterMs: number | null): string {
  return retryAfterMs === null
    ? `Circuit breaker '${name}' is ${state}; the call was rejected`
    : `Circuit breaker '${name}' is ${state}; the call was rejected (retry after ${retryAfterMs} ms)`;
}

/** True for a {@link CircuitOpenError} from any loaded copy of this package. */
export function isCircuitOpenError(value: unknown): value is CircuitOpenError {
  return hasErrorName(value, 'CircuitOpenError');
}
