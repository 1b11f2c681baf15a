import { defer, retry, type Observable, type SchedulerLike } from 'rxjs';
import type { Backoff } from '../backoff/Backoff.js';
import type { Jitter } from '../backoff/jitter.js';
import { RetryPolicy } from './RetryPolicy.js';

/** Anything that counts retries: a `CircuitBreaker`. */
export interface RetryReporter {
  recordRetry(attempt: number, delayMs: number, error: unknown): void;
}

/** What `onRetry` is told before each retry is scheduled. */
export interface RetryInfo {
  /** The error that is being retried. */
  readonly error: unknown;
  /** 1 for the first retry, then 2, ... (back to 1 after a value with `resetOnSuccess`). */
  readonly attempt: number;
  /** How long the retry waits, in milliseconds, after jitter and hints. */
  readonly delayMs: number;
}

/**
 * Configuration of {@link retryBackoff}. The first six fields are backoff-rxjs's, with the
 * same meaning; the rest are additions. Durations are milliseconds.
 */
export interface RetryBackoffConfig {
  /** Base delay fed to `backoffDelay`. Default `1_000` (backoff-rxjs requires it). */
  initialInterval?: number;
  /** Retries after the first attempt; `Infinity` allowed. Default `Infinity` in a config object (as backoff-rxjs), 3 for `retryBackoff()`. */
  maxRetries?: number;
  /**
   * Cap on the computed delay, applied before the jitter; `Infinity` allowed. Default
   * `Infinity` in a config object, 60 000 for `retryBackoff()`. A hint (`Retry-After`,
   * `retryAfterMs`) longer than this ends the retries with that error.
   */
  maxInterval?: number;
  /**
   * Whether an error is retried; `attempt` is the retry it would be (1-based). Default: every
   * error. A refused error passes through unchanged, at once. Not asked once `maxRetries` is
   * reached, except with `wrapExhausted`, where it decides whether the last error is wrapped.
   */
  shouldRetry?: (error: any, attempt: number) => boolean;
  /** backoff-rxjs's schedule: `iteration` is 0-based. Default `2 ** iteration * initialInterval`. Exclusive with `backoff`. */
  backoffDelay?: (iteration: number, initialInterval: number) => number;
  /** Every value emitted resets the retry count (and so the delays). Default `false`. */
  resetOnSuccess?: boolean;
  /** The schedule as a {@link Backoff} (`attempt` 1-based, the error second), e.g. `exponentialBackoff(...)`. Exclusive with `backoffDelay`. */
  backoff?: Backoff;
  /**
   * Randomisation of each delay, applied after `maxInterval`: `'none'` (default), `'full'`,
   * `'equal'`, a ±fraction in `(0, 1]`, or `'decorrelated'` (Polly's V2 schedule from
   * `initialInterval`, never above `maxInterval`; not with `backoff` or `backoffDelay`).
   */
  jitter?: Jitter;
  /** Source of randomness for the jitter, numbers in `[0, 1)`. Default `Math.random`. */
  random?: () => number;
  /** Runs the delays (`timer(delay, scheduler)`) and reads the time for `Retry-After` dates. Default `asyncScheduler`. */
  scheduler?: SchedulerLike;
  /** Called when a retry is scheduled, before the wait: for logs and metrics. An error it throws ends the retries. */
  onRetry?: (info: RetryInfo) => void;
  /**
   * A breaker to report every retry to (its `retry` event, counted by the Prometheus and
   * OpenTelemetry integrations as `circuit_breaker_retries_total` / `rxcb.retries`).
   * `execute()`, `wrap()` and the decorators report to their own breaker.
   */
  breaker?: RetryReporter;
  /**
   * When retries run out (`maxRetries`, or a hint longer than `maxInterval`), error with
   * `RetriesExhaustedError` (`cause`: the last error, `attempts`: every subscription made, the
   * first included) instead of the last error. Default `false`.
   */
  wrapExhausted?: boolean;
}

/**
 * Resubscribes to the source when it errors, after growing delays: a drop-in for
 * backoff-rxjs's `retryBackoff` (same config, same delays) that also knows about circuit
 * breakers, `Retry-After`, jitter and schedulers.
 *
 * - A number is the `initialInterval`, with unlimited retries (as backoff-rxjs).
 * - Retry `n` (1-based) waits `min(backoffDelay(n - 1, initialInterval), maxInterval)`
 *   (or `backoff(n, error)` capped the same way), jittered, and never less than the error's
 *   hint: a `CircuitOpenError`'s `retryAfterMs`, a `retryAfterMs` property or an HTTP
 *   `Retry-After` header. A hint longer than `maxInterval` ends the retries with that error.
 * - State belongs to each subscription; unsubscribing cancels a pending delay.
 * - `retryBackoff()` means 3 retries after 1 s, 2 s and 4 s (cap 60 s).
 * - Generic in the source type, as backoff-rxjs's operator is: one stored `retryBackoff(...)`
 *   serves sources of any type (it is a `MonoTypeOperatorFunction<T>` for every `T`).
 *
 * @throws InvalidConfigError when the operator is created with an unusable option.
 *
 * @example
 * ```ts
 * import { defer, throwError, of } from 'rxjs';
 * let calls = 0;
 * defer(() => (++calls < 3 ? throwError(() => new Error(`fail ${calls}`)) : of('ok')))
 *   .pipe(retryBackoff({ initialInterval: 100, maxRetries: 5, onRetry: ({ attempt, delayMs }) => console.log(attempt, delayMs) }))
 *   .subscribe(console.log);
 * // 1 100
 * // 2 200
 * // ok
 * ```
 */
export function retryBackoff<T = unknown>(config?: number | RetryBackoffConfig): <U extends T>(source: Observable<U>) => Observable<U> {
  const policy = new RetryPolicy(config);
  const resetOnSuccess = policy.resetOnSuccess;
  // RxJS's retry keeps its count per subscription. Without resetOnSuccess that count is also
  // the number of attempts, so only decorrelated jitter and wrapped attempts need own state.
  if (!policy.decorrelated && !(policy.wrapExhausted && resetOnSuccess)) {
    return retry({ delay: sharedDelay(policy), resetOnSuccess }) as <U>(source: Observable<U>) => Observable<U>;
  }
  return <U>(source: Observable<U>) => defer(() => source.pipe(retry<U>({ delay: ownDelay(policy), resetOnSuccess })));
}

// The delay functions are returned rather than written inline: tools that keep function
// names (tsx, esbuild's keepNames) wrap every named closure, which costs more than the rest.
type Delay = (error: unknown, retries: number) => Observable<0>;

function sharedDelay(policy: RetryPolicy): Delay {
  return (error, retries) => policy.notifier(error, retries, retries, null);
}

function ownDelay(policy: RetryPolicy): Delay {
  let attempts = 0;
  const schedule = policy.decorrelated ? policy.decorrelatedSchedule() : null;
  return (error, retries) => policy.notifier(error, retries, ++attempts, schedule);
}
