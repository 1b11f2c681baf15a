import { describe, expect, it } from 'vitest';
import { linearBackoff } from '../../src/backoff/linearBackoff.js';
import { isInvalidConfigError } from '../../src/errors/InvalidConfigError.js';

describe('linearBackoff', () => {
  it('grows by the increment and stops at maxDelay', () => {
    const backoff = linearBackoff({ initialDelay: 500, increment: 250, maxDelay: 1_000 });
    expect([1, 2, 3, 4, 5].map((attempt) => backoff(attempt))).toEqual([500, 750, 1_000, 1_000, 1_000]);
  });

  it('steps by initialDelay when no increment is given', () => {
    const backoff = linearBackoff({ initialDelay: 100 });
    expect([1, 2, 3].map((attempt) => backoff(attempt))).toEqual([100, 200, 300]);
  });

  it('defaults to 1 s steps capped at 60 s', () => {
    const backoff = linearBackoff();
    expect([backoff(1), backoff(2), backoff(60), backoff(61), backoff(10_000)]).toEqual([1_000, 2_000, 60_000, 60_000, 60_000]);
  });

  it('stays constant with an increment of 0', () => {
    const backoff = linearBackoff({ initialDelay: 300, increment: 0 });
    expect([1, 50].map((attempt) => backoff(attempt))).toEqual([300, 300]);
  });

  it('keeps the jitter spread at the cap', () => {
    const backoff = linearBackoff({ initialDelay: 100, maxDelay: 200, jitter: 'equal', random: () => 1 });
    expect(backoff(10)).toBe(100);
  });

  it('treats attempts below 1 or not a number as attempt 1', () => {
    const backoff = linearBackoff({ initialDelay: 100, increment: 50 });
    expect([0, -3, Number.NaN, Number.NEGATIVE_INFINITY].map((attempt) => backoff(attempt))).toEqual([100, 100, 100, 100]);
  });

  it.each([
    ['initialDelay', { initialDelay: -5 }],
    ['increment', { increment: Number.NaN }],
    ['maxDelay', { maxDelay: Number.POSITIVE_INFINITY }],
    ['jitter', { jitter: 2 }],
    ['random', { random: 'x' as never }],
  ])('rejects a bad %s and names it', (option, options) => {
    let caught: unknown;
    try {
      linearBackoff(options);
    } catch (error) {
      caught = error;
    }
    expect(isInvalidConfigError(caught) && caught.option).toBe(`linearBackoff.${option}`);
  });
});
