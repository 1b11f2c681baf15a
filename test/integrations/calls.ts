import type { Subscription } from 'rxjs';
import { config, map, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { circuitBreaker } from '../../operators/index.js';
import type { CircuitBreaker } from '../../src/index.js';

/** Test helper: one call through `breaker` that settles after `durationMs` with a value, or with `error`. */
export function call(breaker: CircuitBreaker, durationMs: number, error?: unknown): Subscription {
  return timer(durationMs)
    .pipe(
      map(() => {
        if (error !== undefined) throw error;
        return 'ok';
      }),
      circuitBreaker(breaker),
    )
    .subscribe({ error: () => undefined });
}

/** Test helper: runs `work` at virtual time `at` (inside `TestScheduler.run`). */
export function at(time: number, work: () => void): void {
  timer(time).subscribe(work);
}

/** Test helper: runs `body` in virtual time; every timer of the library is virtual inside. */
export function virtualTime(body: () => void): void {
  new TestScheduler((actual, expected) => {
    if (actual !== expected) throw new Error('unexpected');
  }).run(body);
}

/**
 * Test helper, the sequence the exposition tests assert (breaker: 2 failures trip it, 1 s
 * break, 1 trial): a 250 ms success at 0, 125 ms failures at 1000 and 2000 (open at 2125),
 * rejections at 2200 and 2300, half-open at 3125, a 500 ms trial success at 3200 (closed at 3700).
 */
export function knownSequence(breaker: CircuitBreaker): void {
  at(0, () => call(breaker, 250));
  at(1000, () => call(breaker, 125, new Error('boom')));
  at(2000, () => call(breaker, 125, new TypeError('boom')));
  at(2200, () => call(breaker, 100));
  at(2300, () => call(breaker, 100));
  at(3200, () => call(breaker, 500));
}

/** Options that make {@link knownSequence} trip, half-open and close. */
export const SEQUENCE_OPTIONS = { failureThreshold: 2, recoveryTimeout: 1000, halfOpenMaxCalls: 1 } as const;

/**
 * Test helper: collects what RxJS reports as unhandled (e.g. a throwing subscriber) until
 * the returned `restore()`; inside `TestScheduler.run` the report arrives in virtual time.
 */
export function collectUnhandled(): { errors: unknown[]; restore: () => void } {
  const errors: unknown[] = [];
  const previous = config.onUnhandledError;
  config.onUnhandledError = (error) => errors.push(error);
  return { errors, restore: () => void (config.onUnhandledError = previous) };
}
