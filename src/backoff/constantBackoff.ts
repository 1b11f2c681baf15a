import { requireFunction } from '../internal/validate.js';
import type { Backoff } from './Backoff.js';
import { applyJitter, requireDelay, requireJitter, type Jitter } from './jitter.js';

/** Options of {@link constantBackoff} and {@link linearBackoff}'s randomisation. */
export interface JitterOptions {
  /**
   * Randomisation of each delay: `'none'` (default), `'full'`, `'equal'` or a ±fraction in
   * `(0, 1]`. See {@link Jitter}.
   */
  jitter?: Exclude<Jitter, 'decorrelated'>;
  /** Source of randomness returning numbers in `[0, 1)`. Default `Math.random`; inject a seeded one in tests. */
  random?: () => number;
}

/**
 * The same delay for every attempt.
 *
 * @param delay - Milliseconds, from 0 to 2147483647. Default `1_000`.
 * @param options - Optional jitter (default `'none'`) and random source.
 * @throws InvalidConfigError when a value is unusable (`constantBackoff.delay must be ...`).
 *
 * @example
 * ```ts
 * const every2s = constantBackoff(2_000);
 * [1, 2, 3].map((attempt) => every2s(attempt)); // [2000, 2000, 2000]
 * const spread = constantBackoff(2_000, { jitter: 0.1 });
 * spread(1); // somewhere in [1800, 2200]
 * ```
 */
export function constantBackoff(delay = 1_000, options: JitterOptions = {}): Backoff {
  const { jitter = 'none', random = Math.random } = options;
  requireDelay('constantBackoff.delay', delay);
  requireJitter('constantBackoff.jitter', jitter, false);
  requireFunction('constantBackoff.random', random);
  return jitter === 'none' ? () => delay : () => applyJitter(delay, jitter, random);
}
