import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../../src/errors/InvalidConfigError.js';
import { anyOf } from '../../src/strategies/anyOf.js';
import { consecutiveFailures } from '../../src/strategies/consecutiveFailures.js';
import { failureRate } from '../../src/strategies/failureRate.js';
import { slowCallRate } from '../../src/strategies/slowCallRate.js';
import type { TripStrategy, TripStrategyFactory } from '../../src/strategies/TripStrategy.js';
import { thrown } from '../thrown.js';

/** A strategy that records what it is told and trips when `trips` says so. */
function recorder(name: string, trips: (seen: number) => boolean = () => false) {
  const seen: string[] = [];
  let resets = 0;
  const create = (): TripStrategy => ({
    onSuccess: (durationMs, at) => (seen.push(`success ${durationMs} ${at}`), trips(seen.length)),
    onFailure: (durationMs, at) => (seen.push(`failure ${durationMs} ${at}`), trips(seen.length)),
    reset: () => void resets++,
    describe: () => `${name} tripped`,
    snapshot: () => ({ name, seen: seen.length }),
    restore: (snapshot) => void seen.push(`restored ${JSON.stringify(snapshot)}`),
  });
  return { factory: Object.assign(create, { label: name }), seen, resets: () => resets };
}

describe('anyOf', () => {
  it('trips when its first strategy trips', () => {
    const strategy = anyOf(consecutiveFailures(1), consecutiveFailures(5))();
    expect(strategy.onFailure(10, 0)).toBe(true);
  });

  it('trips when a later strategy trips', () => {
    const strategy = anyOf(consecutiveFailures(5), slowCallRate({ slowerThan: 100, minimumCalls: 1 }))();
    expect(strategy.onSuccess(500, 0)).toBe(true);
  });

  it('does not trip while none of its strategies trips', () => {
    const strategy = anyOf(consecutiveFailures(2), failureRate({ minimumCalls: 3 }))();
    expect([strategy.onFailure(10, 0), strategy.onSuccess(10, 1)]).toEqual([false, false]);
  });

  it('tells every strategy every outcome', () => {
    const a = recorder('a');
    const b = recorder('b');
    const strategy = anyOf(a.factory, b.factory)();
    strategy.onSuccess(10, 0);
    strategy.onFailure(20, 1);
    expect([a.seen, b.seen]).toEqual([
      ['success 10 0', 'failure 20 1'],
      ['success 10 0', 'failure 20 1'],
    ]);
  });

  it('still tells the other strategies when the first one trips', () => {
    const a = recorder('a', () => true);
    const b = recorder('b');
    anyOf(a.factory, b.factory)().onFailure(10, 0);
    expect(b.seen).toEqual(['failure 10 0']);
  });

  it('describes the strategy that tripped', () => {
    const strategy = anyOf(recorder('a').factory, recorder('b', () => true).factory)();
    strategy.onFailure(10, 0);
    expect(strategy.describe(0)).toBe('b tripped');
  });

  it('describes a real strategy that tripped in its own words', () => {
    const strategy = anyOf(consecutiveFailures(5), slowCallRate({ slowerThan: 100, minimumCalls: 1 }))();
    strategy.onSuccess(500, 0);
    expect(strategy.describe(0)).toBe('slow call rate 100% >= 50% over 1 call (slower than 100ms)');
  });

  it('describes every strategy before any has tripped', () => {
    const strategy = anyOf(recorder('a').factory, recorder('b').factory)();
    expect(strategy.describe(0)).toBe('a tripped; b tripped');
  });

  it('resets every strategy', () => {
    const a = recorder('a');
    const b = recorder('b');
    anyOf(a.factory, b.factory)().reset();
    expect([a.resets(), b.resets()]).toEqual([1, 1]);
  });

  it('forgets which strategy tripped on reset', () => {
    const strategy = anyOf(recorder('a', () => true).factory, recorder('b').factory)();
    strategy.onFailure(10, 0);
    strategy.reset();
    expect(strategy.describe(0)).toBe('a tripped; b tripped');
  });

  it('starts counting again after a reset', () => {
    const strategy = anyOf(consecutiveFailures(2))();
    strategy.onFailure(10, 0);
    strategy.reset();
    expect(strategy.onFailure(10, 1)).toBe(false);
  });

  it('snapshots an array of its strategies snapshots', () => {
    const strategy = anyOf(consecutiveFailures(5), failureRate())();
    strategy.onFailure(10, 0);
    expect(strategy.snapshot()).toEqual([1, [1]]);
  });

  it('gives each strategy its own part of a snapshot on restore', () => {
    const a = recorder('a');
    const b = recorder('b');
    anyOf(a.factory, b.factory)().restore(['x', 'y']);
    expect([a.seen, b.seen]).toEqual([['restored "x"'], ['restored "y"']]);
  });

  it('carries on from a restored snapshot', () => {
    const factory = anyOf(consecutiveFailures(3), failureRate({ minimumCalls: 10 }));
    const original = factory();
    original.onFailure(10, 0);
    original.onFailure(10, 1);
    const restored = factory();
    restored.restore(JSON.parse(JSON.stringify(original.snapshot())));
    expect(restored.onFailure(10, 2)).toBe(true);
  });

  it.each([[null], [{}], [[1]], [[1, [], 3]]])('rejects the snapshot %j', (snapshot) => {
    const error = thrown(() => anyOf(consecutiveFailures(5), failureRate())().restore(snapshot));
    expect(error.option).toBe('anyOf.snapshot');
    expect(error.message).toMatch(/^anyOf\.snapshot must be an array of 2 strategy snapshots, got /);
  });

  it('passes on the error of a strategy that cannot read its part', () => {
    const error = thrown(() => anyOf(consecutiveFailures(5), failureRate())().restore([1, 'garbage']));
    expect(error.option).toBe('countWindow.snapshot');
  });

  it('gives each instance its own strategies', () => {
    const factory = anyOf(consecutiveFailures(2));
    factory().onFailure(10, 0);
    expect(factory().onFailure(10, 1)).toBe(false);
  });

  it('nests', () => {
    const strategy = anyOf(anyOf(consecutiveFailures(5), consecutiveFailures(1)))();
    expect(strategy.onFailure(10, 0)).toBe(true);
  });

  it('has a label listing its strategies', () => {
    expect(anyOf(consecutiveFailures(5), failureRate()).label).toBe(
      'anyOf(consecutiveFailures(5), failureRate(0.5, min 10, countWindow(100)))',
    );
  });

  it('labels a strategy factory that has no label of its own', () => {
    const custom = (() => consecutiveFailures(1)()) as unknown as TripStrategyFactory;
    expect(anyOf(custom).label).toBe('anyOf(custom strategy)');
  });

  it('rejects an empty list', () => {
    const error = thrown(() => anyOf());
    expect(error.option).toBe('anyOf.strategies');
    expect(error.message).toBe(
      'anyOf.strategies must be at least 1 strategy factory, such as anyOf(consecutiveFailures(5)), got 0',
    );
  });

  it.each([
    ['5', 5],
    ['undefined', undefined],
    ['an object', consecutiveFailures(5)()],
  ])('rejects a strategy that is not a factory (%s)', (shown, strategy) => {
    const error = thrown(() => anyOf(consecutiveFailures(5), strategy as unknown as TripStrategyFactory));
    expect(error.option).toBe('anyOf.strategies[1]');
    expect(error.value).toBe(strategy);
    expect(error.message).toBe(
      `anyOf.strategies[1] must be a strategy factory such as consecutiveFailures(5), got ${shown}`,
    );
  });
});
