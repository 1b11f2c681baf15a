import { InvalidConfigError } from '../errors/InvalidConfigError.js';

/**
 * How a delay is randomised, so that many clients failing together do not retry together:
 *
 * - `'none'`: the delay as computed.
 * - `'full'`: uniform in `[0, delay]` (the AWS "full jitter"): the widest spread.
 * - `'equal'`: uniform in `[delay / 2, delay]`: spread, but never much sooner than planned.
 * - `'decorrelated'`: Polly's decorrelated-jitter V2 curve (`exponentialBackoff` and
 *   `retryBackoff` only): exponential growth with a smooth, randomised spread.
 * - a number `f` in `(0, 1]`: uniform in `[delay × (1 − f), delay × (1 + f)]` (±f).
 *
 * @example
 * ```ts
 * exponentialBackoff({ initialDelay: 100, jitter: 'full' })(3); // somewhere in [0, 400]
 * constantBackoff(1_000, { jitter: 0.2 })(1);                   // somewhere in [800, 1200]
 * ```
 */
export type Jitter = 'none' | 'full' | 'equal' | 'decorrelated' | number;

/**
 * @internal The longest delay a JavaScript timer supports (about 24.8 days). Node fires a longer
 * timer after 1 ms, which would turn a long wait into a burst of retries.
 */
export const MAX_DELAY_MS = 2_147_483_647;

/** @internal Throws unless `value` is a {@link Jitter}; `'decorrelated'` only where `decorrelated` allows it. */
export function requireJitter(option: string, value: unknown, decorrelated: boolean): Jitter {
  if (value === 'none' || value === 'full' || value === 'equal' || (decorrelated && value === 'decorrelated')) {
    return value;
  }
  if (typeof value === 'number' && value > 0 && value <= 1) return value;
  const kinds = decorrelated ? `'none', 'full', 'equal', 'decorrelated'` : `'none', 'full', 'equal'`;
  throw new InvalidConfigError(option, value, `one of ${kinds} or a fraction in (0, 1]`);
}

/** @internal Throws unless `value` is a delay in milliseconds a timer can wait: 0 to {@link MAX_DELAY_MS}. */
export function requireDelay(option: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= MAX_DELAY_MS)) {
    throw new InvalidConfigError(option, value, `a number of milliseconds from 0 to ${MAX_DELAY_MS}`);
  }
  return value;
}

/** @internal One draw of `random`, forced into `[0, 1]` so a faulty generator cannot produce NaN. */
export function draw(random: () => number): number {
  const r = random();
  return r >= 0 ? (r <= 1 ? r : 1) : 0;
}

/** @internal Applies a non-decorrelated jitter to a finite delay >= 0. */
export function applyJitter(delay: number, jitter: Jitter, random: () => number): number {
  if (jitter === 'none' || jitter === 'decorrelated') return delay;
  if (jitter === 'full') return delay * draw(random);
  // Subtracting keeps the result <= delay even where rounding would push a sum above it.
  if (jitter === 'equal') return delay - (delay / 2) * draw(random);
  return delay * (1 - jitter + 2 * jitter * draw(random));
}

/** @internal Turns any attempt number into a usable 1-based one (NaN, 0 and negatives are 1). */
export function toAttempt(attempt: number): number {
  // 2 ** 31 keeps `multiplier ** (n - 1)` defined when attempt is Infinity (1 ** Infinity is NaN).
  return attempt >= 1 ? Math.min(Math.floor(attempt), 2 ** 31) : 1;
}
