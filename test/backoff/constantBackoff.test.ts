import { describe, expect, it } from 'vitest';
import { constantBackoff } from '../../src/backoff/constantBackoff.js';
import { InvalidConfigError } from '../../src/errors/InvalidConfigError.js';
import { mean, sample, seededRandom } from './seededRandom.js';

describe('constantBackoff', () => {
  it('returns the same delay for every attempt', () => {
    const backoff = constantBackoff(250);
    expect([1, 2, 3, 100, 10_000].map((attempt) => backoff(attempt))).toEqual([250, 250, 250, 250, 250]);
  });

  it('waits 1000 ms by default', () => {
    expect(constantBackoff()(1)).toBe(1_000);
  });

  it('allows a delay of 0', () => {
    expect(constantBackoff(0)(3)).toBe(0);
  });

  it('spreads a ±fraction jitter around the delay', () => {
    const backoff = constantBackoff(1_000, { jitter: 0.2, random: seededRandom(1) });
    const delays = sample(5_000, () => backoff(1));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(800);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1_200);
    expect(mean(delays)).toBeCloseTo(1_000, -1);
  });

  it('draws full jitter from 0 up to the delay', () => {
    const backoff = constantBackoff(1_000, { jitter: 'full', random: () => 0.25 });
    expect(backoff(1)).toBe(250);
  });

  it('rejects decorrelated jitter, which needs a growing schedule', () => {
    expect(() => constantBackoff(1_000, { jitter: 'decorrelated' as never })).toThrow(
      "constantBackoff.jitter must be one of 'none', 'full', 'equal' or a fraction in (0, 1], got \"decorrelated\"",
    );
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, '5' as unknown as number])('rejects the delay %s', (delay) => {
    expect(() => constantBackoff(delay)).toThrow(InvalidConfigError);
    expect(() => constantBackoff(delay)).toThrow(/^constantBackoff\.delay must be a number of milliseconds from 0 to 2147483647/);
  });

  it('rejects a random that is not a function', () => {
    expect(() => constantBackoff(1, { random: 0.5 as never })).toThrow('constantBackoff.random must be a function, got 0.5');
  });
});
