import { describe, expect, it } from 'vitest';
import { exponentialBackoff } from '../../src/backoff/exponentialBackoff.js';
import type { Jitter } from '../../src/backoff/jitter.js';
import { histogram, mean, sample, seededRandom } from './seededRandom.js';

// Attempt 3 of 100 ms doubling is 400 ms, below the 1 000 ms cap; attempt 20 is at the cap.
const BELOW_CAP = { attempt: 3, base: 400 };
const AT_CAP = { attempt: 20, base: 1_000 };
const SAMPLES = 20_000;

function delays(jitter: Jitter, attempt: number, seed = 42): number[] {
  const backoff = exponentialBackoff({ initialDelay: 100, maxDelay: 1_000, jitter, random: seededRandom(seed) });
  return sample(SAMPLES, () => backoff(attempt));
}

// [jitter, low, high] as fractions of the capped delay.
const uniformKinds: ReadonlyArray<[Jitter, number, number]> = [
  ['full', 0, 1],
  ['equal', 0.5, 1],
  [0.25, 0.75, 1.25],
  [1, 0, 2],
];

describe.each([
  ['below the cap', BELOW_CAP],
  ['at the cap', AT_CAP],
])('jitter %s', (_where, { attempt, base }) => {
  it('returns the delay itself with none', () => {
    expect(new Set(delays('none', attempt))).toEqual(new Set([base]));
  });

  it.each(uniformKinds)('keeps %s jitter within its bounds', (jitter, low, high) => {
    const values = delays(jitter, attempt);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(low * base);
    expect(Math.max(...values)).toBeLessThanOrEqual(high * base);
  });

  it.each(uniformKinds)('spreads %s jitter evenly over its range', (jitter, low, high) => {
    const values = delays(jitter, attempt);
    expect(mean(values) / base).toBeCloseTo((low + high) / 2, 2);
    for (const share of histogram(values, low * base, high * base, 4)) expect(share).toBeCloseTo(0.25, 1);
  });
});

describe('jitter', () => {
  it('spreads delays differently for different seeds', () => {
    expect(delays('full', 3, 1).slice(0, 5)).not.toEqual(delays('full', 3, 2).slice(0, 5));
  });

  it('reaches both ends of the range when random returns its extremes', () => {
    const at = (r: number, jitter: Jitter) => exponentialBackoff({ initialDelay: 100, jitter, random: () => r })(1);
    expect([at(0, 0.5), at(1, 0.5), at(1, 'equal'), at(0, 'equal'), at(1, 'full')]).toEqual([50, 150, 50, 100, 100]);
  });

  it('survives a random that returns values outside [0, 1]', () => {
    const results = [Number.NaN, -1, 7, Number.POSITIVE_INFINITY].map(
      (r) => exponentialBackoff({ initialDelay: 100, jitter: 1, random: () => r })(1),
    );
    expect(results).toEqual([0, 0, 200, 200]);
  });
});
