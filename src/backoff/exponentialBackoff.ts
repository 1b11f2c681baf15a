import { InvalidConfigError } from '../errors/InvalidConfigError.js';
import { requireFunction, requireNumber } from '../internal/validate.js';
import type { Backoff } from './Backoff.js';
import { applyJitter, draw, requireDelay, requireJitter, toAttempt, type Jitter } from './jitter.js';

/** Options of {@link exponentialBackoff}. Every duration is in milliseconds. */
export interface ExponentialBackoffOptions {
  /** Delay of attempt 1 (with `'decorrelated'`: about the median time to retry 1). Default `1_000`. */
  initialDelay?: number;
  /** Growth factor per attempt, >= 1. Default `2`. `'decorrelated'` always doubles, so it takes only 2. */
  multiplier?: number;
  /** Cap, applied before the jitter (`'decorrelated'` never exceeds it). Default `60_000`; at most 2147483647. */
  maxDelay?: number;
  /** Randomisation: `'none'` (default), `'full'`, `'equal'`, `'decorrelated'` or a ±fraction in `(0, 1]`. */
  jitter?: Jitter;
  /** Source of randomness returning numbers in `[0, 1)`. Default `Math.random`; inject a seeded one in tests. */
  random?: () => number;
}

/**
 * Delays that multiply: `min(initialDelay × multiplier ** (attempt - 1), maxDelay)`, then
 * jittered, so a capped delay keeps its spread. Defaults: `initialDelay` 1 000 ms,
 * `multiplier` 2, `maxDelay` 60 000 ms, `jitter` `'none'`, `random` `Math.random`.
 *
 * `'decorrelated'` is Polly's decorrelated-jitter V2: counted from the first failure, retry
 * `n` comes at a median of about `initialDelay × 2 ** (n - 1)`, and the single delay of
 * attempt `n` lies anywhere from 0 to at most `0.71 × initialDelay × 2 ** n`, so clients spread
 * out without spikes. It never exceeds `maxDelay`: once most draws pass it, the delays settle
 * on `maxDelay`. The formula links each delay to the previous attempt's draw; called out of
 * sequence (one schedule shared by interleaved retries) it draws that link afresh, which
 * keeps every delay's range and distribution.
 *
 * No call returns NaN, a negative number or Infinity, whatever the attempt.
 *
 * @throws InvalidConfigError when an option is unusable (`exponentialBackoff.multiplier must be ...`).
 *
 * @example
 * ```ts
 * const schedule = exponentialBackoff({ initialDelay: 100, maxDelay: 1_000 });
 * [1, 2, 3, 4, 5].map((attempt) => schedule(attempt)); // [100, 200, 400, 800, 1000]
 * new CircuitBreaker('api', { recoveryTimeout: exponentialBackoff({ initialDelay: 5_000, jitter: 'full' }) });
 * ```
 */
export function exponentialBackoff(options: ExponentialBackoffOptions = {}): Backoff {
  // Defaults replace only what is left out: an explicit null is a mistake worth reporting.
  const { initialDelay = 1_000, multiplier = 2, maxDelay = 60_000, jitter = 'none', random = Math.random } = options;
  requireDelay('exponentialBackoff.initialDelay', initialDelay);
  requireNumber('exponentialBackoff.multiplier', multiplier, 1);
  requireDelay('exponentialBackoff.maxDelay', maxDelay);
  requireJitter('exponentialBackoff.jitter', jitter, true);
  requireFunction('exponentialBackoff.random', random);
  if (jitter === 'decorrelated') {
    if (multiplier !== 2) {
      throw new InvalidConfigError('exponentialBackoff.multiplier', multiplier, "2 (or left out) with jitter 'decorrelated'");
    }
    return decorrelatedJitter(initialDelay, maxDelay, random);
  }
  return (attempt) => {
    // initialDelay 0 must stay 0 even when multiplier ** n overflows (0 × Infinity is NaN).
    const delay = initialDelay === 0 ? 0 : initialDelay * multiplier ** (toAttempt(attempt) - 1);
    return applyJitter(delay < maxDelay ? delay : maxDelay, jitter, random);
  };
}

// Polly's constants: pFactor smooths the first delay; 1/1.4 puts the medians near initialDelay × 2 ** n.
const P_FACTOR = 4;
const RP_SCALING_FACTOR = 1 / 1.4;

function curve(t: number): number {
  return 2 ** t * Math.tanh(Math.sqrt(P_FACTOR * t));
}

/** @internal Polly's DecorrelatedJitterBackoffV2, 1-based, capped at `maxDelay`. */
export function decorrelatedJitter(initialDelay: number, maxDelay: number, random: () => number): Backoff {
  let lastAttempt = 0;
  let previous = 0;
  if (initialDelay === 0) return () => 0;
  return (attempt) => {
    const n = toAttempt(attempt);
    // The formula telescopes: delay n is curve(n - 1 + r_n) - curve(n - 2 + r_(n-1)).
    const before = n === 1 ? 0 : n === lastAttempt + 1 ? previous : curve(n - 2 + draw(random));
    const next = curve(n - 1 + draw(random));
    lastAttempt = n;
    previous = next;
    const delay = (next - before) * RP_SCALING_FACTOR * initialDelay;
    // Past t ≈ 1024 the curve is Infinity and Infinity - Infinity is NaN: both land on the cap.
    return delay < maxDelay ? delay : maxDelay;
  };
}
