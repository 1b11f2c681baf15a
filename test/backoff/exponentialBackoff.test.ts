import { describe, expect, it } from 'vitest';
import { exponentialBackoff } from '../../src/backoff/exponentialBackoff.js';
import { InvalidConfigError } from '../../src/errors/InvalidConfigError.js';

describe('exponentialBackoff', () => {
  it('doubles from initialDelay up to maxDelay', () => {
    const backoff = exponentialBackoff({ initialDelay: 100, maxDelay: 1_000 });
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoff(attempt))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('grows by the multiplier', () => {
    const backoff = exponentialBackoff({ initialDelay: 10, multiplier: 3 });
    expect([1, 2, 3].map((attempt) => backoff(attempt))).toEqual([10, 30, 90]);
  });

  it('defaults to 1 s doubling, capped at 60 s, without jitter', () => {
    const backoff = exponentialBackoff();
    expect([1, 2, 6, 7].map((attempt) => backoff(attempt))).toEqual([1_000, 2_000, 32_000, 60_000]);
  });

  it('stays constant with a multiplier of 1', () => {
    const backoff = exponentialBackoff({ initialDelay: 70, multiplier: 1 });
    expect([1, 2, 10_000, Number.POSITIVE_INFINITY].map((attempt) => backoff(attempt))).toEqual([70, 70, 70, 70]);
  });

  it('returns maxDelay, not Infinity, at attempt 10,000', () => {
    expect(exponentialBackoff({ maxDelay: 5_000 })(10_000)).toBe(5_000);
  });

  it('returns 0 at every attempt when initialDelay is 0', () => {
    const backoff = exponentialBackoff({ initialDelay: 0 });
    expect([1, 2, 1_100, 10_000, Number.POSITIVE_INFINITY].map((attempt) => backoff(attempt))).toEqual([0, 0, 0, 0, 0]);
  });

  it('treats attempts below 1 or not a number as attempt 1', () => {
    const backoff = exponentialBackoff({ initialDelay: 100 });
    expect([0, -1, Number.NaN].map((attempt) => backoff(attempt))).toEqual([100, 100, 100]);
  });

  it('rounds a fractional attempt down', () => {
    expect(exponentialBackoff({ initialDelay: 100 })(2.9)).toBe(200);
  });

  it('applies the jitter after the cap, so capped delays keep their spread', () => {
    const low = exponentialBackoff({ initialDelay: 100, maxDelay: 400, jitter: 'full', random: () => 0.1 });
    const high = exponentialBackoff({ initialDelay: 100, maxDelay: 400, jitter: 'full', random: () => 0.9 });
    expect([low(10), high(10)]).toEqual([40, 360]);
  });

  it('names the option and the value when an option is unusable', () => {
    expect(() => exponentialBackoff({ multiplier: 0.5 })).toThrow('exponentialBackoff.multiplier must be a finite number >= 1, got 0.5');
  });

  it.each([
    ['initialDelay', { initialDelay: Number.NaN }],
    ['initialDelay', { initialDelay: -1 }],
    ['multiplier', { multiplier: Number.POSITIVE_INFINITY }],
    ['maxDelay', { maxDelay: Number.POSITIVE_INFINITY }],
    ['maxDelay', { maxDelay: -1 }],
    ['jitter', { jitter: 'random' as never }],
    ['jitter', { jitter: 0 }],
    ['jitter', { jitter: 1.5 }],
    ['random', { random: null as never }],
  ])('rejects a bad %s (%o)', (option, options) => {
    expect(() => exponentialBackoff(options)).toThrow(expect.objectContaining({ option: `exponentialBackoff.${option}` }));
    expect(() => exponentialBackoff(options)).toThrow(InvalidConfigError);
  });

  it('rejects a multiplier other than 2 with decorrelated jitter', () => {
    expect(() => exponentialBackoff({ multiplier: 3, jitter: 'decorrelated' })).toThrow(
      "exponentialBackoff.multiplier must be 2 (or left out) with jitter 'decorrelated', got 3",
    );
  });
});
