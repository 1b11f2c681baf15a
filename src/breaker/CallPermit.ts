import type { CircuitBreaker } from './CircuitBreaker.js';
import type { ErrorKind } from './options.js';

/** @internal How a call ended, as the breaker records it. */
export const Outcome = { Success: 0, Failure: 1, Timeout: 2, Ignored: 3, Cancelled: 4 } as const;
/** @internal */
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/**
 * Permission for one call, handed out by {@link CircuitBreaker.acquire}. Exactly one of its
 * methods takes effect: the first; later ones are no-ops, so a call has exactly one outcome.
 * This is the low-level API under the operator and `execute()`; use it to guard code that is
 * neither an Observable nor a Promise.
 *
 * @example
 * ```ts
 * const permit = breaker.acquire();
 * if (isCircuitOpenError(permit)) throw permit;
 * try { const r = doWork(); permit.success(); return r; } catch (e) { permit.error(e); throw e; }
 * ```
 */
export class CallPermit {
  private settled = false;
  /**
   * @internal Set for calls that settle in a microtask of their own (Promises): stamping
   * their success at once costs less than deferring it to a microtask.
   */
  eager = false;

  /** @internal */
  constructor(
    private readonly breaker: CircuitBreaker,
    /** @internal The breaker generation the call was admitted in. */
    readonly generation: number,
    /**
     * Scheduler time the call started, or `NaN` when nothing uses the call's duration (neither
     * the trip strategy nor an `events$` listener): the breaker then skips the clock read.
     */
    readonly startedAt: number,
    /** @internal Whether the call holds a half-open trial slot. */
    readonly trial: boolean,
  ) {}

  /** True once an outcome was recorded. */
  get done(): boolean {
    return this.settled;
  }

  /** The call succeeded. */
  success(): void {
    this.settle(Outcome.Success, undefined);
  }

  /** The call failed with an error the breaker must count, whatever its filters say. */
  failure(error: unknown): void {
    this.settle(Outcome.Failure, error);
  }

  /** The call timed out (a failure, also counted in `timeouts`). */
  timeout(error: unknown): void {
    this.settle(Outcome.Timeout, error);
  }

  /** The call was abandoned before any outcome; a half-open slot is given back. */
  cancel(): void {
    this.settle(Outcome.Cancelled, undefined);
  }

  /**
   * @internal Gives the permit back as if it had never been taken: no outcome, no counts.
   * Used when a permit was taken before it was known that the call is an Observable, whose
   * calls are its subscriptions.
   */
  discard(): void {
    if (this.settled) return;
    this.settled = true;
    this.breaker.discard(this);
  }

  /** The call ended with `error`: classifies it with `recordErrors`/`ignoreErrors` and records it. */
  error(error: unknown): ErrorKind {
    const kind = this.breaker.classify(error);
    this.settle(kind === 'failure' ? Outcome.Failure : kind === 'ignored' ? Outcome.Ignored : Outcome.Success, error);
    return kind;
  }

  private settle(outcome: Outcome, error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.breaker.record(this, outcome, error);
  }
}
