import type { ObservableInput, Subscription, TeardownLogic } from 'rxjs';
import { from, Observable, Subscriber } from 'rxjs';
import { CallTimeoutError } from '../errors/CallTimeoutError.js';
import type { CallPermit } from './CallPermit.js';
import type { CircuitBreaker } from './CircuitBreaker.js';

/** Why a fallback was asked for. */
export interface FallbackInfo {
  /** The breaker that guarded the call. */
  breaker: CircuitBreaker;
  /** `'rejected'` (the circuit refused the call), `'failure'` (a recorded error) or `'timeout'`. */
  reason: 'rejected' | 'failure' | 'timeout';
}

/** Produces the replacement for a call that was rejected, failed or timed out. */
export type Fallback<T> = (error: unknown, info: FallbackInfo) => ObservableInput<T>;

/**
 * @internal Runs one call of `source` through `breaker` for `subscriber` (DESIGN §3):
 * permission at subscribe, the source is never subscribed when rejected, exactly one outcome,
 * recorded before downstream sees the value or error.
 */
export function subscribeGuarded<T>(
  breaker: CircuitBreaker,
  source: Observable<T>,
  subscriber: Subscriber<T>,
  fallback: Fallback<T> | undefined,
): TeardownLogic {
  const permit = breaker.acquire();
  // `instanceof Error`, not `CallPermit`: a breaker from another loaded copy of the package hands out its own permits.
  if (permit instanceof Error) {
    if (fallback === undefined) {
      subscriber.error(permit);
      return undefined;
    }
    return useFallback(fallback, permit, { breaker, reason: 'rejected' }, subscriber);
  }
  return runPermitted(breaker, permit, source, subscriber, fallback);
}

/** @internal The rest of {@link subscribeGuarded}, for a call whose permit is already taken. */
export function runPermitted<T>(
  breaker: CircuitBreaker,
  permit: CallPermit,
  source: Observable<T>,
  subscriber: Subscriber<T>,
  fallback: Fallback<T> | undefined,
): TeardownLogic {
  const guard = new GuardSubscriber(subscriber, breaker, permit, fallback);
  source.subscribe(guard);
  return guard;
}

/**
 * The call's subscriber to its source. Passing a `Subscriber` to `subscribe()` spares RxJS
 * wrapping an observer object, and linking it to the caller's subscriber means that when
 * the caller unsubscribes during a synchronous emission (`take(1)` downstream), the source
 * sees it at once instead of running to its end.
 */
class GuardSubscriber<T> extends Subscriber<T> {
  private sawValue = false;
  private timer: Subscription | undefined;

  constructor(
    private readonly downstream: Subscriber<T>,
    private readonly breaker: CircuitBreaker,
    private readonly permit: CallPermit,
    private readonly fallback: Fallback<T> | undefined,
  ) {
    super(downstream);
    const { callTimeout, scheduler } = breaker.resolved;
    if (callTimeout !== undefined) this.timer = scheduler.schedule(() => this.timeOut(callTimeout), callTimeout);
  }

  protected override _next(value: T): void {
    const permit = this.permit;
    if (!permit.done) {
      if (this.breaker.resolved.successOn === 'value') {
        this.timer?.unsubscribe();
        permit.success();
      } else {
        this.sawValue = true;
      }
    }
    this.downstream.next(value);
  }

  protected override _error(error: unknown): void {
    const { permit, downstream, fallback } = this;
    if (permit.done) {
      downstream.error(error);
    } else {
      this.timer?.unsubscribe();
      if (permit.error(error) === 'failure' && fallback !== undefined) {
        this.unsubscribe();
        downstream.add(useFallback(fallback, error, { breaker: this.breaker, reason: 'failure' }, downstream));
      } else {
        downstream.error(error);
      }
    }
    this.unsubscribe();
  }

  protected override _complete(): void {
    if (!this.permit.done) {
      this.timer?.unsubscribe();
      this.permit.success();
    }
    this.downstream.complete();
    this.unsubscribe();
  }

  override unsubscribe(): void {
    if (this.closed) return;
    this.timer?.unsubscribe();
    // Unsubscribed before an outcome: cancelled, unless values already came under 'complete'.
    if (!this.permit.done) {
      if (this.sawValue) this.permit.success();
      else this.permit.cancel();
    }
    super.unsubscribe();
  }

  private timeOut(callTimeout: number): void {
    const { permit, downstream, fallback, breaker } = this;
    if (permit.done) return;
    const error = new CallTimeoutError(breaker.name, callTimeout);
    permit.timeout(error);
    this.unsubscribe();
    if (fallback === undefined) downstream.error(error);
    else downstream.add(useFallback(fallback, error, { breaker, reason: 'timeout' }, downstream));
  }
}

function useFallback<T>(fallback: Fallback<T>, error: unknown, info: FallbackInfo, subscriber: Subscriber<T>): TeardownLogic {
  let replacement: ObservableInput<T>;
  try {
    replacement = fallback(error, info);
  } catch (thrown) {
    subscriber.error(thrown);
    return undefined;
  }
  return from(replacement).subscribe(subscriber);
}

/**
 * @internal The guarded call as an Observable: each subscription is one call.
 */
export function guardCall<T>(breaker: CircuitBreaker, source: Observable<T>, fallback?: Fallback<T>): Observable<T> {
  return new Observable<T>((subscriber) => subscribeGuarded(breaker, source, subscriber, fallback));
}
