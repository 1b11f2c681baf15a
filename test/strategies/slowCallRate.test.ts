import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../../src/errors/InvalidConfigError.js';
import { slowCallRate, type SlowCallRateOptions } from '../../src/strategies/slowCallRate.js';
import { countWindow } from '../../src/windows/countWindow.js';
import type { OutcomeWindowFactory } from '../../src/windows/OutcomeWindow.js';
import { timeWindow } from '../../src/windows/timeWindow.js';
import { thrown } from '../thrown.js';

describe('slowCallRate', () => {
  it('does not count a call of exactly slowerThan as slow', () => {
    const strategy = slowCallRate({ slowerThan: 1_000, threshold: 1, minimumCalls: 1 })();
    expect(strategy.onSuccess(1_000, 0)).toBe(false);
  });

  it('counts a call longer than slowerThan as slow', () => {
    const strategy = slowCallRate({ slowerThan: 1_000, threshold: 1, minimumCalls: 1 })();
    expect(strategy.onSuccess(1_001, 0)).toBe(true);
  });

  it('counts slow failures as slow calls', () => {
    const strategy = slowCallRate({ slowerThan: 1_000, threshold: 1, minimumCalls: 1 })();
    expect(strategy.onFailure(5_000, 0)).toBe(true);
  });

  it('ignores fast failures', () => {
    const strategy = slowCallRate({ slowerThan: 1_000, threshold: 0.1, minimumCalls: 1 })();
    expect([0, 1, 2].map((at) => strategy.onFailure(20, at))).toEqual([false, false, false]);
  });

  it('does not trip before the window holds minimumCalls calls', () => {
    const strategy = slowCallRate({ slowerThan: 100, minimumCalls: 3 })();
    expect([0, 1].map((at) => strategy.onSuccess(500, at))).toEqual([false, false]);
  });

  it('trips at exactly the threshold', () => {
    const strategy = slowCallRate({ slowerThan: 100, threshold: 0.5, minimumCalls: 4 })();
    strategy.onSuccess(500, 0);
    strategy.onSuccess(50, 1);
    strategy.onFailure(50, 2);
    expect(strategy.onSuccess(150, 3)).toBe(true);
  });

  it('does not trip below the threshold', () => {
    const strategy = slowCallRate({ slowerThan: 100, threshold: 0.5, minimumCalls: 4 })();
    [50, 50, 50].forEach((durationMs, at) => strategy.onSuccess(durationMs, at));
    expect(strategy.onSuccess(150, 3)).toBe(false);
  });

  it('treats every call longer than 0 ms as slow when slowerThan is 0', () => {
    const strategy = slowCallRate({ slowerThan: 0, threshold: 1, minimumCalls: 1 })();
    expect([strategy.onSuccess(0, 0), strategy.onSuccess(1, 1)]).toEqual([false, false]);
  });

  it('drops slow calls that have left a time window', () => {
    const strategy = slowCallRate({ slowerThan: 100, minimumCalls: 2, window: timeWindow(1_000, 10) })();
    strategy.onSuccess(500, 0);
    expect(strategy.onSuccess(10, 1_000)).toBe(false);
  });

  it('describes the rate that tripped it', () => {
    const strategy = slowCallRate({ slowerThan: 1_000, minimumCalls: 2 })();
    strategy.onSuccess(1_500, 0);
    strategy.onSuccess(2_500, 1);
    expect(strategy.describe(1)).toBe('slow call rate 100% >= 50% over 2 calls (slower than 1000ms)');
  });

  it('needs minimumCalls again after a reset', () => {
    const strategy = slowCallRate({ slowerThan: 100, minimumCalls: 2 })();
    strategy.onSuccess(500, 0);
    strategy.reset();
    expect(strategy.onSuccess(500, 1)).toBe(false);
  });

  it('carries on from a restored snapshot', () => {
    const factory = slowCallRate({ slowerThan: 100, minimumCalls: 2 });
    const original = factory();
    original.onSuccess(500, 0);
    const restored = factory();
    restored.restore(JSON.parse(JSON.stringify(original.snapshot())));
    expect(restored.onSuccess(500, 1)).toBe(true);
  });

  it('has a label naming its settings', () => {
    expect(slowCallRate({ slowerThan: 1_000 }).label).toBe('slowCallRate(0.5, > 1000ms, min 10, countWindow(100))');
  });

  it.each([
    [-1, '-1'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['1000', '"1000"'],
    [undefined, 'undefined'],
    [null, 'null'],
  ])('rejects slowerThan %s', (slowerThan, shown) => {
    const error = thrown(() => slowCallRate({ slowerThan: slowerThan as number }));
    expect(error.option).toBe('slowCallRate.slowerThan');
    expect(error.value).toBe(slowerThan);
    expect(error.message).toBe(`slowCallRate.slowerThan must be a finite number >= 0, got ${shown}`);
  });

  it('requires options', () => {
    const error = thrown(() => (slowCallRate as (options?: SlowCallRateOptions) => unknown)());
    expect(error.option).toBe('slowCallRate.slowerThan');
  });

  it('names its own threshold when it is out of range', () => {
    const error = thrown(() => slowCallRate({ slowerThan: 100, threshold: 2 }));
    expect(error.option).toBe('slowCallRate.threshold');
    expect(error.message).toBe('slowCallRate.threshold must be a ratio in (0, 1] (0.5 means 50%), got 2');
  });

  it('names its own minimumCalls when it is not a positive integer', () => {
    const error = thrown(() => slowCallRate({ slowerThan: 100, minimumCalls: 0 }));
    expect(error.option).toBe('slowCallRate.minimumCalls');
    expect(error.message).toBe('slowCallRate.minimumCalls must be a positive integer, got 0');
  });

  it('names its own window when it is not a factory', () => {
    const window = countWindow(10)() as unknown as OutcomeWindowFactory;
    const error = thrown(() => slowCallRate({ slowerThan: 100, window }));
    expect(error.option).toBe('slowCallRate.window');
    expect(error.message).toBe('slowCallRate.window must be a window factory such as countWindow(100), got an object');
  });

  it('rejects options that are not an object', () => {
    const error = thrown(() => slowCallRate(1_000 as never));
    expect(error.option).toBe('slowCallRate');
    expect(error.value).toBe(1_000);
  });
});
