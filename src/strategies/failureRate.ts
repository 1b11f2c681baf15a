import type { TripStrategy, TripStrategyFactory } from './TripStrategy.js';
import { createRateStrategy, readRateOptions, type RateOptions } from './rateStrategy.js';

/** Options of {@link failureRate}: `threshold` (default 0.5), `minimumCalls` (10), `window` (`countWindow(100)`). */
export type FailureRateOptions = RateOptions;

const never = (): boolean => false;

/**
 * Trips when failures make up `threshold` or more of the calls in `window`, checked on every
 * recorded outcome once the window holds at least `minimumCalls` calls. Keep `minimumCalls`
 * within what the window can hold (at most `size` for `countWindow(size)`), or it never trips.
 * Its snapshot is the window's.
 *
 * @example
 * ```ts
 * const strategy = failureRate({ threshold: 0.5, minimumCalls: 4, window: countWindow(10) })();
 * strategy.onFailure(30, 0); // false: 1 call, below minimumCalls
 * strategy.onSuccess(25, 10); // false
 * strategy.onSuccess(28, 20); // false
 * strategy.onFailure(31, 30); // true: 2 of 4 calls failed, 50% >= 50%
 * console.log(strategy.describe(30)); // failure rate 50% >= 50% over 4 calls
 * ```
 */
export function failureRate(options?: FailureRateOptions): TripStrategyFactory {
  const settings = readRateOptions('failureRate', options);
  const factory = (): TripStrategy => createRateStrategy(settings, 'failures', never, 'failure rate');
  const { threshold, minimumCalls, windowLabel } = settings;
  return Object.assign(factory, { label: `failureRate(${threshold}, min ${minimumCalls}, ${windowLabel})` });
}
