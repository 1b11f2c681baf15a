import type { CircuitState } from './CircuitState.js';
import type { TransitionReason } from './types.js';

/**
 * @internal What a shared-state store (a `BreakerStore` such as `rxjs-circuit-breaker/redis`)
 * plugs into a breaker with `breaker.setSharedLink(link)`. A breaker without a link never
 * looks at it beyond one null check per transition and per half-open admission, so local
 * breakers pay nothing for it. Every method runs synchronously inside the breaker: it must
 * be cheap, must not throw, and must not call back into the breaker (work goes async).
 */
export interface SharedLink {
  /**
   * After every local transition, manual ones into the same state included (never after
   * `applyShared`, so a store does not echo what it applied). When `to` is `open`, `breakMs`
   * is the break's length and `attempt` its number (1 for the first break in a row).
   */
  transitioned(to: CircuitState, reason: TransitionReason, breakMs: number, attempt: number): void;
  /** Asked before admitting a half-open trial that the local budget allows; false rejects the call. */
  tryAcquireTrial(): boolean;
  /**
   * A trial admitted after `tryAcquireTrial()` ended without a transition of its own: `true`
   * when it succeeded, `false` when it gave its slot back (ignored or cancelled). A failed
   * trial ends the round, which the link hears through `transitioned`.
   */
  trialEnded(succeeded: boolean): void;
}

/** @internal A state decided elsewhere in the fleet, for `breaker.applyShared()`. */
export interface SharedTransition {
  /** The shared state to move to. */
  state: CircuitState;
  /** The reason to report on `state_change` (the remote one, or `'restored'`). */
  reason: TransitionReason;
  /** The `state_change` detail, e.g. which instance decided it. */
  detail: string | null;
  /** `open` only: scheduler time (of this breaker's scheduler) the shared break ends. */
  breakEndsAt: number;
  /** `open` only: the whole break's length in ms (the default `halfOpenMaxWait` of the next round). */
  breakMs: number;
  /** `open` only: the shared break's number in a row (1 for the first), for growing breaks. */
  attempt: number;
}
