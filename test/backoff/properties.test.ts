import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantBackoff } from '../../src/backoff/constantBackoff.js';
import { exponentialBackoff } from '../../src/backoff/exponentialBackoff.js';
import type { Jitter } from '../../src/backoff/jitter.js';
import { linearBackoff } from '../../src/backoff/linearBackoff.js';
import { seededRandom } from './seededRandom.js';

const MAX = 2_147_483_647;
const delay = fc.double({ min: 0, max: MAX, noNaN: true });
const fraction = fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true });
const simpleJitter = fc.oneof(fc.constantFrom<Jitter>('none', 'full', 'equal'), fraction);
const anyJitter = fc.oneof(simpleJitter, fc.constant<Jitter>('decorrelated'));
// Any number a caller might pass as an attempt, sane or not.
const attempt = fc.oneof(
  fc.integer({ min: 1, max: 10_000 }),
  fc.double(),
  fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1_025, 2 ** 53),
);

/** The highest delay a schedule may return: ± jitter may go above the cap by its fraction (give or take rounding). */
function ceiling(cap: number, jitter: Jitter): number {
  return typeof jitter === 'number' ? cap * (1 + jitter) * (1 + 1e-12) + 1e-300 : cap;
}

function assertDelay(value: number, cap: number, jitter: Jitter): void {
  expect(Number.isFinite(value)).toBe(true);
  expect(value).toBeGreaterThanOrEqual(0);
  expect(value).toBeLessThanOrEqual(ceiling(cap, jitter));
}

describe('every backoff schedule', () => {
  it('returns a finite delay >= 0 within its ceiling from exponentialBackoff', () => {
    fc.assert(
      fc.property(delay, fc.double({ min: 1, max: 1e6, noNaN: true }), delay, anyJitter, fc.integer(), fc.array(attempt, { maxLength: 30 }), (initialDelay, multiplier, maxDelay, jitter, seed, attempts) => {
        const backoff = exponentialBackoff({ initialDelay, multiplier: jitter === 'decorrelated' ? 2 : multiplier, maxDelay, jitter, random: seededRandom(seed) });
        for (const a of attempts) assertDelay(backoff(a), maxDelay, jitter);
      }),
    );
  });

  it('returns a finite delay >= 0 within its ceiling from linearBackoff', () => {
    fc.assert(
      fc.property(delay, fc.double({ min: 0, max: 1e300, noNaN: true }), delay, simpleJitter, fc.integer(), attempt, (initialDelay, increment, maxDelay, jitter, seed, a) => {
        const backoff = linearBackoff({ initialDelay, increment, maxDelay, jitter: jitter as Exclude<Jitter, 'decorrelated'>, random: seededRandom(seed) });
        assertDelay(backoff(a), maxDelay, jitter);
      }),
    );
  });

  it('returns a finite delay >= 0 within its ceiling from constantBackoff', () => {
    fc.assert(
      fc.property(delay, simpleJitter, fc.integer(), attempt, (value, jitter, seed, a) => {
        const backoff = constantBackoff(value, { jitter: jitter as Exclude<Jitter, 'decorrelated'>, random: seededRandom(seed) });
        assertDelay(backoff(a), value, jitter);
      }),
    );
  });

  it('stays finite for 10,000 consecutive attempts with every jitter kind', () => {
    for (const jitter of ['none', 'full', 'equal', 'decorrelated', 0.5] as const) {
      const backoff = exponentialBackoff({ initialDelay: 100, maxDelay: 30_000, jitter, random: seededRandom(1) });
      const bad = Array.from({ length: 10_000 }, (_, i) => backoff(i + 1)).filter(
        (value) => !(Number.isFinite(value) && value >= 0 && value <= ceiling(30_000, jitter)),
      );
      expect(bad).toEqual([]);
    }
  });
});
