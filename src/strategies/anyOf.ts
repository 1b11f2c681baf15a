import { InvalidConfigError } from '../errors/InvalidConfigError.js';
import type { TripStrategy, TripStrategyFactory } from './TripStrategy.js';

/**
 * Trips when any of `strategies` trips. Every child sees every outcome, even after one of
 * them has tripped, so their counters stay true to the traffic. `describe` answers with the
 * description of the child that tripped last; the snapshot is the array of the children's.
 *
 * @example
 * ```ts
 * const strategy = anyOf(consecutiveFailures(3), slowCallRate({ slowerThan: 500, minimumCalls: 2 }))();
 * strategy.onSuccess(900, 0); // false: 1 call, below minimumCalls
 * strategy.onSuccess(800, 10); // true: every call was slow
 * console.log(strategy.describe(10)); // slow call rate 100% >= 50% over 2 calls (slower than 500ms)
 * ```
 */
export function anyOf(...strategies: TripStrategyFactory[]): TripStrategyFactory {
  if (strategies.length === 0) {
    const expected = 'at least 1 strategy factory, such as anyOf(consecutiveFailures(5))';
    throw new InvalidConfigError('anyOf.strategies', 0, expected);
  }
  strategies.forEach((strategy, i) => {
    if (typeof strategy !== 'function') {
      const expected = 'a strategy factory such as consecutiveFailures(5)';
      throw new InvalidConfigError(`anyOf.strategies[${i}]`, strategy, expected);
    }
  });
  const factories = [...strategies];
  const factory = (): TripStrategy => createAnyOf(factories.map((create) => create()));
  return Object.assign(factory, { label: `anyOf(${factories.map((f) => labelOf(f)).join(', ')})` });
}

function labelOf(factory: TripStrategyFactory): string {
  return typeof factory.label === 'string' ? factory.label : 'custom strategy';
}

function createAnyOf(children: TripStrategy[]): TripStrategy {
  let tripped: TripStrategy | undefined;
  // An indexed loop, no iterator or closure per outcome: this runs on every recorded call.
  const record = (failed: boolean, durationMs: number, at: number): boolean => {
    let trips = false;
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as TripStrategy;
      if (failed ? child.onFailure(durationMs, at) : child.onSuccess(durationMs, at)) {
        tripped = child;
        trips = true;
      }
    }
    return trips;
  };
  return {
    usesTime: children.some((child) => child.usesTime !== false),
    usesDuration: children.some((child) => child.usesDuration !== false),
    onSuccess: (durationMs, at) => record(false, durationMs, at),
    onFailure: (durationMs, at) => record(true, durationMs, at),
    reset: () => {
      tripped = undefined;
      for (const child of children) child.reset();
    },
    describe: (at) => (tripped ? tripped.describe(at) : children.map((child) => child.describe(at)).join('; ')),
    snapshot: () => children.map((child) => child.snapshot()),
    restore: (snapshot) => {
      if (!Array.isArray(snapshot) || snapshot.length !== children.length) {
        throw new InvalidConfigError('anyOf.snapshot', snapshot, `an array of ${children.length} strategy snapshots`);
      }
      children.forEach((child, i) => child.restore(snapshot[i]));
    },
  };
}
