import type { InteropObservable, ObservableInput, Subscribable, Subscription } from 'rxjs';
import { from, isObservable, Observable, observable as observableSymbol, take, tap } from 'rxjs';
import { CallTimeoutError } from '../errors/CallTimeoutError.js';
import { InvalidConfigError } from '../errors/InvalidConfigError.js';
import type { RetryBackoffConfig } from '../retry/retryBackoff.js';
import { retryBackoff } from '../retry/retryBackoff.js';
import type { CallPermit } from './CallPermit.js';
import type { CircuitBreaker } from './CircuitBreaker.js';
import { runPermitted, subscribeGuarded } from './subscribeGuarded.js';
import { retryConfig } from './retryConfig.js';

/** What `execute()` resolves with for a function returning `R`: Promises and Observables are unwrapped. */
export type ExecuteResult<R> =
  R extends PromiseLike<infer U>
    ? U
    : R extends Subscribable<infer U> | InteropObservable<infer U> | AsyncIterable<infer U>
      ? U
      : R;

/** Options of {@link CircuitBreaker.execute}. */
export interface ExecuteOptions {
  /** Aborting it rejects the call at once with the signal's reason; the call counts as cancelled. */
  signal?: AbortSignal;
  /** Retries (a `retryBackoff` config); each attempt is a call through the breaker. Default: the breaker's `retry` option, else none. */
  retry?: number | RetryBackoffConfig;
}

/** @internal True for the results that are unwrapped: Observables, async iterables (not arrays or strings, which are values). */
export function isStreamLike(value: unknown): value is ObservableInput<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  return (
    isObservable(value) ||
    typeof (value as Record<symbol, unknown>)[Symbol.asyncIterator] === 'function' ||
    typeof (value as Record<string | symbol, unknown>)[observableSymbol] === 'function'
  );
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

const cancelled = () => new DOMException('The call was cancelled', 'AbortError');

/** @internal The signal of calls that nothing can abort. */
export const NEVER_ABORTED: AbortSignal = new AbortController().signal;

/**
 * @internal `breaker.execute(fn, options)`. A Promise or plain value without retries takes a
 * fast path with no Observable; everything else runs as one guarded Observable call.
 */
export function execute<R>(breaker: CircuitBreaker, fn: (signal: AbortSignal) => R, options?: ExecuteOptions): Promise<ExecuteResult<R>> {
  if (typeof fn !== 'function') return Promise.reject(new InvalidConfigError('fn', fn, 'a function'));
  const signal = options?.signal;
  const retry = options?.retry ?? (breaker.options as { retry?: ExecuteOptions['retry'] }).retry;
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (retry !== undefined) {
    let withRetries: Observable<ExecuteResult<R>>;
    try {
      withRetries = attempts(breaker, fn).pipe(retryBackoff(retryConfig(breaker, retry)));
    } catch (error) {
      // A bad retry config: execute() rejects, it never throws.
      return Promise.reject(error);
    }
    return firstValue(withRetries, signal);
  }
  const permit = breaker.acquire();
  if (permit instanceof Error) return Promise.reject(permit);
  return runWithPermit(breaker, permit, fn, signal);
}

/** @internal Runs `fn` under an already-taken permit, resolving with its first value. */
export function runWithPermit<R>(
  breaker: CircuitBreaker,
  permit: CallPermit,
  fn: (signal: AbortSignal) => R,
  signal: AbortSignal | undefined,
): Promise<ExecuteResult<R>> {
  // Nothing can abort a call with neither a timeout nor a caller's signal: it gets a shared
  // signal that never aborts, and the call no AbortController (they cost more than the rest).
  const controller = breaker.resolved.callTimeout === undefined && signal === undefined ? null : new AbortController();
  let result: R;
  try {
    result = fn(controller === null ? NEVER_ABORTED : controller.signal);
  } catch (error) {
    permit.error(error);
    return Promise.reject(error);
  }
  return settleResult(breaker, permit, result, controller, signal);
}

/** @internal Turns what a call returned into its outcome and a Promise of its first value. */
export function settleResult<R>(
  breaker: CircuitBreaker,
  permit: CallPermit,
  result: R,
  controller: AbortController | null,
  signal: AbortSignal | undefined,
): Promise<ExecuteResult<R>> {
  if (isStreamLike(result)) {
    return firstValue(new Observable<ExecuteResult<R>>((s) => runPermitted(breaker, permit, abortable(from(result as ObservableInput<ExecuteResult<R>>), controller), s, undefined)), signal);
  }
  if (!isPromiseLike(result)) {
    permit.success();
    return Promise.resolve(result as ExecuteResult<R>);
  }
  // Nothing can time the call out or cancel it: its outcome is the promise's.
  permit.eager = true;
  if (controller === null) return settleAwaited(permit, result as PromiseLike<ExecuteResult<R>>);
  return settlePromise(breaker, permit, result as PromiseLike<ExecuteResult<R>>, controller, signal);
}

function settleAwaited<T>(permit: CallPermit, promise: PromiseLike<T>): Promise<T> {
  return Promise.resolve(promise).then(
    (value) => {
      permit.success();
      return value;
    },
    (error: unknown) => {
      permit.error(error);
      throw error;
    },
  );
}

function settlePromise<T>(
  breaker: CircuitBreaker,
  permit: CallPermit,
  promise: PromiseLike<T>,
  controller: AbortController,
  signal: AbortSignal | undefined,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: Subscription | undefined;
    const finish = () => {
      timer?.unsubscribe();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      if (permit.done) return;
      finish();
      permit.cancel();
      controller.abort(signal?.reason);
      reject(signal?.reason);
    };
    const { callTimeout, scheduler } = breaker.resolved;
    if (callTimeout !== undefined) {
      timer = scheduler.schedule(() => {
        if (permit.done) return;
        finish();
        const error = new CallTimeoutError(breaker.name, callTimeout);
        permit.timeout(error);
        controller.abort(error);
        reject(error);
      }, callTimeout);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        if (permit.done) return;
        finish();
        permit.success();
        resolve(value);
      },
      (error: unknown) => {
        if (permit.done) return;
        finish();
        permit.error(error);
        reject(error);
      },
    );
  });
}

/** Each subscription is one attempt: a fresh call of `fn` with a fresh signal, through the breaker. */
function attempts<R>(breaker: CircuitBreaker, fn: (signal: AbortSignal) => R): Observable<ExecuteResult<R>> {
  return new Observable<ExecuteResult<R>>((subscriber) => {
    const call = new Observable<ExecuteResult<R>>((inner) => {
      const controller = new AbortController();
      const result = fn(controller.signal);
      const source = isStreamLike(result) || isPromiseLike(result) ? from(result as ObservableInput<ExecuteResult<R>>) : from([result as ExecuteResult<R>]);
      return abortable(source, controller).subscribe(inner);
    });
    return subscribeGuarded(breaker, call, subscriber, undefined);
  });
}

/** Aborts `controller` when the subscription ends before the source answered (a timeout or a cancellation). */
function abortable<T>(source: Observable<T>, controller: AbortController | null): Observable<T> {
  if (controller === null) return source;
  return new Observable<T>((subscriber) => {
    let answered = false;
    const answer = () => {
      answered = true;
    };
    subscriber.add(() => {
      if (!answered) controller.abort(cancelled());
    });
    // Subscribing `subscriber` itself keeps the chain linked: a synchronous source stops when it unsubscribes.
    return source.pipe(tap({ next: answer, error: answer, complete: answer })).subscribe(subscriber);
  });
}

/** Resolves with the first value (or `undefined` on an empty completion) and unsubscribes; the caller's signal cancels it. */
function firstValue<T>(source: Observable<T>, signal: AbortSignal | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let subscription: Subscription | undefined;
    let settled = false;
    const settle = () => {
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      subscription?.unsubscribe();
    };
    const onAbort = () => {
      if (settled) return;
      settle();
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    // take(1) stops a synchronous source at its first value (the subscription is not known yet then).
    subscription = source.pipe(take(1)).subscribe({
      next(value) {
        if (settled) return;
        settle();
        resolve(value);
      },
      error(error: unknown) {
        if (settled) return;
        settle();
        reject(error);
      },
      complete() {
        if (settled) return;
        settle();
        resolve(undefined as T);
      },
    });
    if (settled) subscription.unsubscribe();
  });
}
