import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../../src/errors/InvalidConfigError.js';
import { consecutiveFailures } from '../../src/strategies/consecutiveFailures.js';
import { thrown } from '../thrown.js';

function failTimes(strategy: ReturnType<ReturnType<typeof consecutiveFailures>>, times: number): boolean[] {
  return Array.from({ length: times }, (_, i) => strategy.onFailure(10, i));
}

describe('consecutiveFailures', () => {
  it('trips on the nth failure in a row', () => {
    expect(failTimes(consecutiveFailures(3)(), 3)).toEqual([false, false, true]);
  });

  it('trips on the first failure when the threshold is 1', () => {
    expect(consecutiveFailures(1)().onFailure(10, 0)).toBe(true);
  });

  it('never trips on a success', () => {
    const strategy = consecutiveFailures(1)();
    expect(strategy.onSuccess(10, 0)).toBe(false);
  });

  it('starts counting again after a success', () => {
    const strategy = consecutiveFailures(3)();
    failTimes(strategy, 2);
    strategy.onSuccess(10, 2);
    expect(failTimes(strategy, 3)).toEqual([false, false, true]);
  });

  it('starts counting again after a reset', () => {
    const strategy = consecutiveFailures(3)();
    failTimes(strategy, 2);
    strategy.reset();
    expect(failTimes(strategy, 3)).toEqual([false, false, true]);
  });

  it('describes the run that tripped it', () => {
    const strategy = consecutiveFailures(5)();
    failTimes(strategy, 5);
    expect(strategy.describe(5)).toBe('5 consecutive failures');
  });

  it('describes its rule before it trips', () => {
    expect(consecutiveFailures(5)().describe(0)).toBe('5 consecutive failures');
  });

  it('describes a single failure in the singular', () => {
    const strategy = consecutiveFailures(1)();
    strategy.onFailure(10, 0);
    expect(strategy.describe(0)).toBe('1 consecutive failure');
  });

  it('snapshots its count as a number', () => {
    const strategy = consecutiveFailures(5)();
    failTimes(strategy, 2);
    expect(strategy.snapshot()).toBe(2);
  });

  it('carries on from a restored snapshot', () => {
    const original = consecutiveFailures(3)();
    failTimes(original, 2);
    const restored = consecutiveFailures(3)();
    restored.restore(JSON.parse(JSON.stringify(original.snapshot())));
    expect(restored.onFailure(10, 2)).toBe(true);
  });

  it.each([[null], [-1], [1.5], ['2'], [{ count: 2 }], [Number.NaN]])('rejects the snapshot %j', (snapshot) => {
    const error = thrown(() => consecutiveFailures(3)().restore(snapshot));
    expect(error.option).toBe('consecutiveFailures.snapshot');
    expect(error.message).toMatch(/^consecutiveFailures\.snapshot must be a failure count \(an integer >= 0\), got /);
  });

  it('gives each instance its own count', () => {
    const factory = consecutiveFailures(2);
    factory().onFailure(10, 0);
    expect(factory().onFailure(10, 1)).toBe(false);
  });

  it('has a label', () => {
    expect(consecutiveFailures(5).label).toBe('consecutiveFailures(5)');
  });

  it.each([
    [0, '0'],
    [-3, '-3'],
    [2.5, '2.5'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['5', '"5"'],
    [undefined, 'undefined'],
  ])('rejects the threshold %s', (threshold, shown) => {
    const error = thrown(() => consecutiveFailures(threshold as number));
    expect(error.option).toBe('consecutiveFailures.threshold');
    expect(error.value).toBe(threshold);
    expect(error.message).toBe(`consecutiveFailures.threshold must be a positive integer, got ${shown}`);
  });
});
