import type { CircuitState } from '../../../index.js';
import { CLOCK_SLACK_MS } from './scripts.js';
import type { SharedSnapshot } from './sharedState.js';

/**
 * @internal What a breaker in state `local` does with a newer shared snapshot `s` (pure):
 * - `apply`: move to the shared state (or, already open, to the shared break end);
 * - `adopt`: already half-open by its own timer: this shared round is its round;
 * - `keep`: nothing to do.
 * `round` is the shared generation of the half-open round the breaker is in, once known.
 */
export function followShared(local: CircuitState, localRetryAfterMs: number | null, round: number | null, s: SharedSnapshot): 'apply' | 'adopt' | 'keep' {
  if (s.state === local) {
    if (local === 'open') return Math.abs((localRetryAfterMs ?? 0) - s.remainingMs) > CLOCK_SLACK_MS ? 'apply' : 'keep';
    if (local === 'half_open' && round !== s.gen) return round === null ? 'adopt' : 'apply';
    return 'keep';
  }
  // Its own timer half-opened a moment before the fleet's break ended: its lease request promotes it.
  if (local === 'half_open' && s.state === 'open' && s.remainingMs <= CLOCK_SLACK_MS) return 'keep';
  return 'apply';
}
