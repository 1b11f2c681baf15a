import { requireNumber } from '../internal/validate.js';
import type { TripStrategy, TripStrategyFactory } from './TripStrategy.js';
import { createRateStrategy, readRateOptions, type RateOptions } from './rateStrategy.js';

/** Options of {@link slowCallRate}. */
export interface SlowCallRateOptions extends RateOptions {
  /** A call is slow when it takes more than this many milliseconds: required, finite, >= 0. */
  slowerThan: number;
}

/**
 * Trips when slow calls make up `threshold` or more of the calls in `window`, checked on every
 * recorded outcome once the window holds at least `minimumCalls` calls. A call is slow when
 * its duration (subscribe to outcome, in scheduler time) exceeds `slowerThan`; failures
 * count as calls and can be slow too. Defaults and snapshot as {@link failureRate}.
 *
 * @example
 * ```ts
 * const strategy = slowCallRate({ slowerThan: 1_000, threshold: 0.5, minimumCalls: 2 })();
 * strategy.onSuccess(1_000, 0); // false: 1 call, and exactly 1000 ms is not slow
 * strategy.onSuccess(2_500, 10); // true: 1 of 2 calls slow, 50% >= 50%
 * console.log(strategy.describe(10)); // slow call rate 50% >= 50% over 2 calls (slower than 1000ms)
 * ```
 */
export function slowCallRate(options: SlowCallRateOptions): TripStrategyFactory {
  const settings = readRateOptions('slowCallRate', options);
  // `options` is an object or undefined here (readRateOptions has checked it), whatever
  // its static type says to a JavaScript caller.
  const given = (options as Partial<SlowCallRateOptions> | undefined)?.slowerThan;
  const slowerThan = requireNumber('slowCallRate.slowerThan', given, 0);
  const isSlow = (durationMs: number): boolean => durationMs > slowerThan;
  const suffix = ` (slower than ${slowerThan}ms)`;
  const factory = (): TripStrategy => createRateStrategy(settings, 'slow', isSlow, 'slow call rate', suffix);
  const { threshold, minimumCalls, windowLabel } = settings;
  return Object.assign(factory, {
    label: `slowCallRate(${threshold}, > ${slowerThan}ms, min ${minimumCalls}, ${windowLabel})`,
  });
}
