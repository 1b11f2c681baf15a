import type { CircuitState, TransitionReason } from '../../../index.js';

/** @internal A breaker's shared state as a script replied it (see `luaScripts.ts`). */
export interface SharedSnapshot {
  /** 1 applied / granted, 0 not, 2 trip reported (quorum not reached). */
  readonly code: number;
  /** The shared state, or `'none'` when Redis holds none for the breaker. */
  readonly state: CircuitState | 'none';
  readonly gen: number;
  /** Milliseconds of the break left when `open`, measured on the Redis clock. */
  readonly remainingMs: number;
  readonly attempt: number;
  readonly breakMs: number;
  readonly reason: string;
  /** The instance that made the change. */
  readonly by: string;
  /** Trial successes counted in the current half-open round. */
  readonly successes: number;
}

const STATES = new Set(['closed', 'open', 'half_open', 'forced_open', 'disabled', 'none']);

/** @internal Reads a script's reply (a flat array); throws on anything else, which would mean a foreign script or a bug. */
export function parseSnapshot(reply: unknown): SharedSnapshot {
  if (!Array.isArray(reply) || reply.length < 9) throw new TypeError(`unexpected script reply: ${String(reply)}`);
  const state = String(reply[1]);
  if (!STATES.has(state)) throw new TypeError(`unexpected shared state: ${state}`);
  return {
    code: Number(reply[0]),
    state: state as SharedSnapshot['state'],
    gen: Number(reply[2]),
    remainingMs: Number(reply[3]),
    attempt: Number(reply[4]),
    breakMs: Number(reply[5]),
    reason: String(reply[6]),
    by: String(reply[7]),
    successes: Number(reply[8]),
  };
}

/** @internal The breaker's name and state from a pub/sub announcement, or null when it is not ours. */
export function parseAnnouncement(message: string): { name: string; snapshot: SharedSnapshot } | null {
  let fields: unknown;
  try {
    fields = JSON.parse(message);
  } catch {
    return null;
  }
  if (!Array.isArray(fields) || fields.length < 9 || typeof fields[0] !== 'string') return null;
  try {
    return { name: fields[0], snapshot: parseSnapshot([1, ...fields.slice(1)]) };
  } catch {
    return null;
  }
}

/** @internal Reasons a `state_change` may carry; anything else from Redis is reported as `'restored'`. */
const REASONS = new Set(['failure_threshold', 'recovery_timeout', 'trial_failed', 'trials_succeeded', 'half_open_timeout', 'manual', 'restored']);

/** @internal `reason` if it is a transition reason, else `'restored'`. */
export function transitionReason(reason: string): TransitionReason {
  return (REASONS.has(reason) ? reason : 'restored') as TransitionReason;
}
