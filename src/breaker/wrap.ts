import type { Observable } from 'rxjs';
import { firstValueFrom, isObservable, Observable as RxObservable } from 'rxjs';
import type { RetryBackoffConfig } from '../retry/retryBackoff.js';
import { retryBackoff } from '../retry/retryBackoff.js';
import { validateRetry } from '../retry/validateRetry.js';
import type { CircuitBreaker } from './CircuitBreaker.js';
import type { ExecuteResult } from './execute.js';
import { execute, runWithPermit, settleResult } from './execute.js';
import { retryConfig } from './retryConfig.js';
import { subscribeGuarded } from './subscribeGuarded.js';

/** Options of {@link CircuitBreaker.wrap} and `@WithCircuitBreaker`. */
export interface WrapOptions {
  /** Retries (a `retryBackoff` config). Default: the breaker's `retry` option, else none. */
  retry?: number | RetryBackoffConfig;
  /**
   * What the function returns, when known. Without it the first call tells; until then a
   * call the circuit rejects is answered with a rejected Promise.
   */
  returns?: 'promise' | 'observable';
}

type Kind = 'promise' | 'observable' | undefined;

/**
 * What a guarded function returns: a Promise or an Observable as it is; anything else (a
 * plain value, an async iterable) as a Promise of its (first) value, as `execute()` gives it.
 */
export type Wrapped<R> = R extends PromiseLike<unknown> | Observable<unknown> ? R : Promise<ExecuteResult<R>>;

/**
 * @internal Guards `fn` so that it keeps its kind: a Promise-returning function stays
 * Promise-returning (one call per invocation), an Observable-returning one stays
 * Observable-returning (one call per subscription). `resolve` gives the breaker of each call.
 */
export function wrapFunction<A extends unknown[], R>(
  resolve: (thisArg: unknown) => CircuitBreaker,
  fn: (...args: A) => R,
  options: WrapOptions = {},
): (...args: A) => Wrapped<R> {
  let kind: Kind = options.returns;
  // A bad retry config fails when the function is wrapped (or the class decorated), not on a call.
  if (options.retry !== undefined) validateRetry('retry', options.retry);
  return function guarded(this: unknown, ...args: A): Wrapped<R> {
    const breaker = resolve(this);
    const retry = options.retry ?? (breaker.options as { retry?: WrapOptions['retry'] }).retry;
    if (kind === 'observable') return guardObservable(breaker, fn.apply(this, args) as Observable<unknown>, retry) as Wrapped<R>;
    if (kind === 'promise') return execute(breaker, () => fn.apply(this, args), retry === undefined ? {} : { retry }) as Wrapped<R>;
    // The kind is not known yet: take the permit first, so an open circuit never runs the
    // function, then learn the kind from what it returns.
    const permit = breaker.acquire();
    if (permit instanceof Error) return Promise.reject(permit) as Wrapped<R>;
    let result: R;
    try {
      result = fn.apply(this, args);
    } catch (error) {
      permit.error(error);
      throw error;
    }
    if (isObservable(result)) {
      // An Observable's calls are its subscriptions: this invocation made none.
      kind = 'observable';
      permit.discard();
      return guardObservable(breaker, result, retry) as Wrapped<R>;
    }
    kind = 'promise';
    const first = settleResult(breaker, permit, result, breaker.resolved.callTimeout === undefined ? null : new AbortController(), undefined);
    if (retry === undefined) return first as Wrapped<R>;
    // The first attempt is already running under its permit; each retry is a call of its own.
    let pending: Promise<unknown> | undefined = first;
    const attempts = new RxObservable<unknown>((subscriber) => {
      // One call per attempt: not execute() with the breaker's default retry, which would nest retries.
      const attempt = pending ?? callOnce(breaker, () => fn.apply(this, args));
      pending = undefined;
      attempt.then(
        (value) => {
          subscriber.next(value);
          subscriber.complete();
        },
        (error: unknown) => subscriber.error(error),
      );
    });
    return firstValueFrom(attempts.pipe(retryBackoff(retryConfig(breaker, retry))), { defaultValue: undefined }) as Wrapped<R>;
  };
}

function callOnce(breaker: CircuitBreaker, fn: () => unknown): Promise<unknown> {
  const permit = breaker.acquire();
  return permit instanceof Error ? Promise.reject(permit) : runWithPermit(breaker, permit, fn, undefined);
}

function guardObservable(breaker: CircuitBreaker, source: Observable<unknown>, retry: WrapOptions['retry']): Observable<unknown> {
  const guarded = new RxObservable<unknown>((s) => subscribeGuarded(breaker, source, s, undefined));
  if (retry === undefined) return guarded;
  return guarded.pipe(retryBackoff(retryConfig(breaker, retry)));
}
