import { requireFunction, requireNumber } from '../internal/validate.js';
import type { Backoff } from './Backoff.js';
import type { JitterOptions } from './constantBackoff.js';
import { applyJitter, requireDelay, requireJitter, toAttempt } from './jitter.js';

/** Options of {@link linearBackoff}. Every duration is in milliseconds. */
export interface LinearBackoffOptions extends JitterOptions {
  /** Delay of attempt 1. Default `1_000`. */
  initialDelay?: number;
  /** Added for each further attempt. Default: `initialDelay`. */
  increment?: number;
  /** Cap, applied before the jitter. Default `60_000`; at most 2147483647. */
  maxDelay?: number;
}

/**
 * Delays that grow by a fixed step: `min(initialDelay + (attempt - 1) × increment, maxDelay)`,
 * then jittered. Defaults: `initialDelay` 1 000 ms, `increment` = `initialDelay`,
 * `maxDelay` 60 000 ms, `jitter` `'none'`.
 *
 * @throws InvalidConfigError when an option is unusable (`linearBackoff.increment must be ...`).
 *
 * @example
 * ```ts
 * const schedule = linearBackoff({ initialDelay: 500, increment: 250, maxDelay: 1_000 });
 * [1, 2, 3, 4].map((attempt) => schedule(attempt)); // [500, 750, 1000, 1000]
 * ```
 */
export function linearBackoff(options: LinearBackoffOptions = {}): Backoff {
  const { initialDelay = 1_000, maxDelay = 60_000, jitter = 'none', random = Math.random } = options;
  requireDelay('linearBackoff.initialDelay', initialDelay);
  const increment = requireNumber('linearBackoff.increment', options.increment === undefined ? initialDelay : options.increment, 0);
  requireDelay('linearBackoff.maxDelay', maxDelay);
  requireJitter('linearBackoff.jitter', jitter, false);
  requireFunction('linearBackoff.random', random);
  return (attempt) => {
    const delay = initialDelay + (toAttempt(attempt) - 1) * increment;
    return applyJitter(delay < maxDelay ? delay : maxDelay, jitter, random);
  };
}
