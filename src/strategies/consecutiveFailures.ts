import { InvalidConfigError } from '../errors/InvalidConfigError.js';
import { requireInteger } from '../internal/validate.js';
import type { TripStrategy, TripStrategyFactory } from './TripStrategy.js';

/**
 * Trips after `threshold` failures in a row; any success starts the count again. The
 * breaker's `failureThreshold: 5` option is shorthand for `trip: consecutiveFailures(5)`.
 * Its snapshot is the current count (a number).
 *
 * @param threshold how many failures in a row open the breaker, a positive integer.
 *
 * @example
 * ```ts
 * const strategy = consecutiveFailures(2)();
 * strategy.onFailure(120, 0); // false
 * strategy.onSuccess(80, 10); // false, and the count starts again
 * strategy.onFailure(95, 20); // false
 * strategy.onFailure(101, 30); // true
 * console.log(strategy.describe(30)); // 2 consecutive failures
 * ```
 */
export function consecutiveFailures(threshold: number): TripStrategyFactory {
  requireInteger('consecutiveFailures.threshold', threshold);
  const factory = (): TripStrategy => new ConsecutiveFailures(threshold);
  return Object.assign(factory, { label: `consecutiveFailures(${threshold})` });
}

// A class rather than closures: a breaker's strategy is one small object, and the default
// strategy is most of what a breaker costs in memory.
class ConsecutiveFailures implements TripStrategy {
  readonly usesTime = false;
  readonly usesDuration = false;
  private count = 0;

  constructor(private readonly threshold: number) {}

  onSuccess(): boolean {
    this.count = 0;
    return false;
  }

  onFailure(): boolean {
    return ++this.count >= this.threshold;
  }

  reset(): void {
    this.count = 0;
  }

  describe(): string {
    // Before a trip (or after a reset) there is no run to report: name the rule instead.
    const run = Math.max(this.count, this.threshold);
    return `${run} consecutive failure${run === 1 ? '' : 's'}`;
  }

  snapshot(): number {
    return this.count;
  }

  restore(snapshot: unknown): void {
    if (!Number.isInteger(snapshot) || (snapshot as number) < 0) {
      throw new InvalidConfigError('consecutiveFailures.snapshot', snapshot, 'a failure count (an integer >= 0)');
    }
    this.count = snapshot as number;
  }
}
