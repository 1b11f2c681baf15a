import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../../src/errors/InvalidConfigError.js';
import { failureRate } from '../../src/strategies/failureRate.js';
import type { TripStrategy } from '../../src/strategies/TripStrategy.js';
import { countWindow } from '../../src/windows/countWindow.js';
import type { OutcomeWindowFactory } from '../../src/windows/OutcomeWindow.js';
import { timeWindow } from '../../src/windows/timeWindow.js';
import { thrown } from '../thrown.js';

/** Plays outcomes ('F' failure, 'S' success), one per ms, and returns what each one answered. */
function play(strategy: TripStrategy, outcomes: string, start = 0): boolean[] {
  return [...outcomes].map((outcome, i) =>
    outcome === 'F' ? strategy.onFailure(10, start + i) : strategy.onSuccess(10, start + i),
  );
}

describe('failureRate', () => {
  it('does not trip before the window holds minimumCalls calls', () => {
    const strategy = failureRate({ minimumCalls: 5 })();
    expect(play(strategy, 'FFFF')).toEqual([false, false, false, false]);
  });

  it('trips on the call that reaches minimumCalls', () => {
    const strategy = failureRate({ minimumCalls: 5 })();
    expect(play(strategy, 'FFFFF').at(-1)).toBe(true);
  });

  it('trips at exactly the threshold', () => {
    const strategy = failureRate({ threshold: 0.5, minimumCalls: 4 })();
    expect(play(strategy, 'FSSF')).toEqual([false, false, false, true]);
  });

  it('does not trip just below the threshold', () => {
    const strategy = failureRate({ threshold: 0.51, minimumCalls: 4 })();
    expect(play(strategy, 'FSSF').at(-1)).toBe(false);
  });

  it('trips at exactly a threshold that floating point multiplies badly', () => {
    // 0.28 * 25 is 7.000000000000001 in floating point; 7 / 25 is 0.28.
    const strategy = failureRate({ threshold: 0.28, minimumCalls: 25 })();
    expect(play(strategy, 'S'.repeat(18) + 'F'.repeat(7)).at(-1)).toBe(true);
  });

  it('trips at a threshold of 1 only when every call failed', () => {
    const strategy = failureRate({ threshold: 1, minimumCalls: 2 })();
    expect(play(strategy, 'FSFF')).toEqual([false, false, false, false]);
  });

  it('can trip on a success once minimumCalls is reached', () => {
    const strategy = failureRate({ threshold: 0.5, minimumCalls: 4 })();
    expect(play(strategy, 'FFFS').at(-1)).toBe(true);
  });

  it('measures the rate over the window only', () => {
    const strategy = failureRate({ threshold: 0.5, minimumCalls: 4, window: countWindow(4) })();
    expect(play(strategy, 'FSSSSFF')).toEqual([false, false, false, false, false, false, true]);
  });

  it('drops outcomes that have left a time window', () => {
    const strategy = failureRate({ threshold: 0.5, minimumCalls: 2, window: timeWindow(1_000, 10) })();
    strategy.onFailure(10, 0);
    expect(strategy.onSuccess(10, 1_000)).toBe(false);
  });

  it('trips on the tenth failure with the defaults', () => {
    const strategy = failureRate()();
    expect(play(strategy, 'FFFFFFFFFF')).toEqual([...Array(9).fill(false), true]);
  });

  it('uses a window of the last 100 calls by default', () => {
    const strategy = failureRate({ threshold: 1, minimumCalls: 100 })();
    strategy.onSuccess(10, 0);
    expect(play(strategy, 'F'.repeat(100), 1).slice(-2)).toEqual([false, true]);
  });

  it('describes the rate that tripped it', () => {
    const strategy = failureRate({ minimumCalls: 10 })();
    play(strategy, 'SSSSFFFFFF');
    expect(strategy.describe(9)).toBe('failure rate 60% >= 50% over 10 calls');
  });

  it('rounds the rate it describes to a tenth of a percent', () => {
    const strategy = failureRate({ threshold: 0.6, minimumCalls: 3 })();
    play(strategy, 'SFF');
    expect(strategy.describe(2)).toBe('failure rate 66.7% >= 60% over 3 calls');
  });

  it('describes an empty window as 0%', () => {
    expect(failureRate()().describe(0)).toBe('failure rate 0% >= 50% over 0 calls');
  });

  it('needs minimumCalls again after a reset', () => {
    const strategy = failureRate({ minimumCalls: 3 })();
    play(strategy, 'FF');
    strategy.reset();
    expect(play(strategy, 'FF', 2)).toEqual([false, false]);
  });

  it('snapshots its window', () => {
    const strategy = failureRate({ minimumCalls: 3 })();
    play(strategy, 'FS');
    expect(strategy.snapshot()).toEqual([1, 0]);
  });

  it('carries on from a restored snapshot', () => {
    const factory = failureRate({ minimumCalls: 3, window: timeWindow(1_000, 10) });
    const original = factory();
    play(original, 'FS');
    const restored = factory();
    restored.restore(JSON.parse(JSON.stringify(original.snapshot())));
    expect(restored.onFailure(10, 2)).toBe(true);
  });

  it('rejects a snapshot its window cannot read', () => {
    const error = thrown(() => failureRate()().restore('garbage'));
    expect(error.option).toBe('countWindow.snapshot');
  });

  it('gives each instance its own window', () => {
    const factory = failureRate({ minimumCalls: 2 });
    play(factory(), 'F');
    expect(play(factory(), 'F')).toEqual([false]);
  });

  it('has a label naming its settings', () => {
    expect(failureRate().label).toBe('failureRate(0.5, min 10, countWindow(100))');
  });

  it('names its window in its label', () => {
    const label = failureRate({ threshold: 0.25, minimumCalls: 20, window: timeWindow(60_000, 6) }).label;
    expect(label).toBe('failureRate(0.25, min 20, timeWindow(60000ms, 6))');
  });

  it('accepts a window factory without a label', () => {
    const window = (() => countWindow(5)()) as unknown as OutcomeWindowFactory;
    expect(failureRate({ window }).label).toBe('failureRate(0.5, min 10, custom window)');
  });

  it.each([
    [0, '0'],
    [-0.5, '-0.5'],
    [1.5, '1.5'],
    [50, '50'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['0.5', '"0.5"'],
    [null, 'null'],
  ])('rejects the threshold %s', (threshold, shown) => {
    const error = thrown(() => failureRate({ threshold: threshold as number }));
    expect(error.option).toBe('failureRate.threshold');
    expect(error.value).toBe(threshold);
    expect(error.message).toBe(`failureRate.threshold must be a ratio in (0, 1] (0.5 means 50%), got ${shown}`);
  });

  it.each([
    [0, '0'],
    [-1, '-1'],
    [2.5, '2.5'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['10', '"10"'],
    [null, 'null'],
  ])('rejects the minimumCalls %s', (minimumCalls, shown) => {
    const error = thrown(() => failureRate({ minimumCalls: minimumCalls as number }));
    expect(error.option).toBe('failureRate.minimumCalls');
    expect(error.value).toBe(minimumCalls);
    expect(error.message).toBe(`failureRate.minimumCalls must be a positive integer, got ${shown}`);
  });

  it.each([
    ['an object', {}],
    ['an object', countWindow(100)()],
    ['100', 100],
    ['null', null],
  ])('rejects a window that is not a factory (%s)', (shown, window) => {
    const error = thrown(() => failureRate({ window: window as unknown as OutcomeWindowFactory }));
    expect(error.option).toBe('failureRate.window');
    expect(error.value).toBe(window);
    expect(error.message).toBe(`failureRate.window must be a window factory such as countWindow(100), got ${shown}`);
  });

  it.each([
    ['0.5', 0.5],
    ['null', null],
    ['an array', []],
    ['"fast"', 'fast'],
  ])('rejects options that are not an object (%s)', (shown, options) => {
    const error = thrown(() => failureRate(options as never));
    expect(error.option).toBe('failureRate');
    expect(error.message).toBe(
      `failureRate must be an options object such as { threshold: 0.5, minimumCalls: 10 }, got ${shown}`,
    );
  });
});
