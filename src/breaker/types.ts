import type { CircuitState } from './CircuitState.js';

/** Why a breaker changed state. */
export type TransitionReason =
  | 'failure_threshold'
  | 'recovery_timeout'
  | 'trial_failed'
  | 'trials_succeeded'
  | 'half_open_timeout'
  | 'manual'
  | 'restored';

interface EventBase {
  /** Name of the breaker. */
  breaker: string;
  /** Scheduler time of the event, in milliseconds. */
  at: number;
}

/** A call's outcome. `late` is true when the call started before the breaker's last transition. */
export interface CallOutcomeEvent extends EventBase {
  type: 'success' | 'cancelled';
  durationMs: number;
  late: boolean;
}

/** A call that ended with an error: recorded (`failure`), timed out, or ignored. */
export interface CallErrorEvent extends EventBase {
  type: 'failure' | 'timeout' | 'ignored';
  durationMs: number;
  error: unknown;
  late: boolean;
}

/** A call rejected without subscribing to its source. */
export interface RejectedEvent extends EventBase {
  type: 'rejected';
  state: CircuitState;
  retryAfterMs: number | null;
}

/** A transition. `detail` says what decided it, e.g. `5 consecutive failures`. */
export interface StateChangeEvent extends EventBase {
  type: 'state_change';
  from: CircuitState;
  to: CircuitState;
  reason: TransitionReason;
  detail: string | null;
}

/** A retry of a call through this breaker, reported by `retryBackoff` (see `CircuitBreaker.recordRetry`). */
export interface RetryEvent extends EventBase {
  type: 'retry';
  /** 1 for the first retry, then 2, ... */
  attempt: number;
  /** How long the retry waits before resubscribing, in milliseconds. */
  delayMs: number;
  /** The error being retried. */
  error: unknown;
}

/** `reset()` was called: counters and totals cleared. */
export interface ResetEvent extends EventBase {
  type: 'reset';
}

/**
 * Everything a breaker reports on `events$`, a union discriminated by `type`.
 *
 * @example
 * ```ts
 * breaker.events$.subscribe((e) => { if (e.type === 'state_change') console.log(`${e.from} -> ${e.to} (${e.reason})`); });
 * ```
 */
export type CircuitEvent =
  | CallOutcomeEvent
  | CallErrorEvent
  | RejectedEvent
  | StateChangeEvent
  | ResetEvent
  | RetryEvent;

/** The `type` of a {@link CircuitEvent}. */
export type CircuitEventType = CircuitEvent['type'];

/**
 * A JSON-safe snapshot of a breaker's counters (the seeds' `get_stats`). Rates are percents
 * over successes and failures only; times are ISO strings or null.
 */
export interface CircuitStats {
  name: string;
  state: CircuitState;
  /** Every call, rejected, ignored and cancelled ones included. */
  totalCalls: number;
  successfulCalls: number;
  /** Recorded errors and timeouts. */
  failedCalls: number;
  rejectedCalls: number;
  ignoredCalls: number;
  /** Calls unsubscribed before any outcome. */
  cancelledCalls: number;
  /** Calls that timed out (also counted in `failedCalls`). */
  timeouts: number;
  /** Percent of successes among successes and failures; 100 when there are none. */
  successRate: number;
  /** Percent of failures among successes and failures; 0 when there are none. */
  failureRate: number;
  /** How many times the breaker has opened. */
  openedCount: number;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  lastFailureTime: string | null;
  lastSuccessTime: string | null;
  lastStateChange: string | null;
  /** Milliseconds left of the break while `open`, else null. */
  retryAfterMs: number | null;
  /** Half-open trial calls in flight right now. */
  halfOpenTrials: number;
}
