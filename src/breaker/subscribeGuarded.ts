import type { ObservableInput, Subscriber, Subscription, TeardownLogic } from 'rxjs';
import { from, Observable } from 'rxjs';
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
  const { callTimeout, successOn, scheduler } = breaker.resolved;
  const onValue = successOn === 'value';
  let sawValue = false;
  let timer: Subscription | undefined;
  let inner: Subscription | undefined;
  if (callTimeout !== undefined) {
    timer = scheduler.schedule(() => {
      if (permit.done) return;
      inner?.unsubscribe();
      const error = new CallTimeoutError(breaker.name, callTimeout);
      permit.timeout(error);
      if (fallback === undefined) subscriber.error(error);
      else subscriber.add(useFallback(fallback, error, { breaker, reason: 'timeout' }, subscriber));
    }, callTimeout);
  }
  subscriber.add(() => {
    timer?.unsubscribe();
    // Unsubscribed before an outcome: cancelled, unless values already came under 'complete'.
    if (!permit.done) {
      if (sawValue) permit.success();
      else permit.cancel();
    }
  });
  inner = source.subscribe({
    next(value) {
      if (!permit.done) {
        if (onValue) {
          timer?.unsubscribe();
          permit.success();
        } else {
          sawValue = true;
        }
      }
      subscriber.next(value);
    },
    error(error: unknown) {
      if (permit.done) {
        subscriber.error(error);
        return;
      }
      timer?.unsubscribe();
      if (permit.error(error) === 'failure' && fallback !== undefined) {
        subscriber.add(useFallback(fallback, error, { breaker, reason: 'failure' }, subscriber));
      } else {
        subscriber.error(error);
      }
    },
    complete() {
      if (!permit.done) {
        timer?.unsubscribe();
        permit.success();
      }
      subscriber.complete();
    },
  });
  return inner;
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
