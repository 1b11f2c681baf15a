import type { CircuitState } from './CircuitState.js';
import type { CountersJSON } from './persistence.js';
import type { CircuitStats } from './types.js';
import { Outcome } from './CallPermit.js';

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/** @internal The running totals behind `stats()`; plain numbers, updated per call. */
export class BreakerCounters {
  totalCalls = 0;
  successfulCalls = 0;
  failedCalls = 0;
  rejectedCalls = 0;
  ignoredCalls = 0;
  cancelledCalls = 0;
  timeouts = 0;
  openedCount = 0;
  consecutiveFailures = 0;
  consecutiveSuccesses = 0;
  lastFailureAt: number | null = null;
  lastSuccessAt: number | null = null;

  record(outcome: Outcome, at: number): void {
    this.totalCalls++;
    switch (outcome) {
      case Outcome.Success:
        this.successfulCalls++;
        this.consecutiveSuccesses++;
        this.consecutiveFailures = 0;
        // NaN: the breaker stamps this success at its next clock read.
        if (at === at) this.lastSuccessAt = at;
        break;
      case Outcome.Timeout:
      case Outcome.Failure:
        // A timeout is a failure too, and also counted on its own.
        if (outcome === Outcome.Timeout) this.timeouts++;
        this.failedCalls++;
        this.consecutiveFailures++;
        this.consecutiveSuccesses = 0;
        this.lastFailureAt = at;
        break;
      case Outcome.Ignored:
        this.ignoredCalls++;
        break;
      case Outcome.Cancelled:
        this.cancelledCalls++;
        break;
    }
  }

  rejected(): void {
    this.totalCalls++;
    this.rejectedCalls++;
  }

  clearStreaks(): void {
    this.consecutiveFailures = 0;
    this.consecutiveSuccesses = 0;
  }

  toJSON(): CountersJSON {
    const { totalCalls, successfulCalls, failedCalls, rejectedCalls, ignoredCalls, cancelledCalls, timeouts } = this;
    const { openedCount, consecutiveFailures, consecutiveSuccesses, lastFailureAt, lastSuccessAt } = this;
    return {
      totalCalls, successfulCalls, failedCalls, rejectedCalls, ignoredCalls, cancelledCalls, timeouts,
      openedCount, consecutiveFailures, consecutiveSuccesses, lastFailureAt, lastSuccessAt,
    };
  }

  restore(json: CountersJSON): void {
    for (const key of Object.keys(this.toJSON()) as (keyof CountersJSON)[]) {
      (this as Record<keyof CountersJSON, number | null>)[key] = json[key];
    }
  }

  snapshot(
    name: string,
    state: CircuitState,
    lastStateChangeAt: number,
    retryAfterMs: number | null,
    halfOpenTrials: number,
  ): CircuitStats {
    const decided = this.successfulCalls + this.failedCalls;
    return {
      name,
      state,
      totalCalls: this.totalCalls,
      successfulCalls: this.successfulCalls,
      failedCalls: this.failedCalls,
      rejectedCalls: this.rejectedCalls,
      ignoredCalls: this.ignoredCalls,
      cancelledCalls: this.cancelledCalls,
      timeouts: this.timeouts,
      successRate: decided === 0 ? 100 : (this.successfulCalls / decided) * 100,
      failureRate: decided === 0 ? 0 : (this.failedCalls / decided) * 100,
      openedCount: this.openedCount,
      consecutiveFailures: this.consecutiveFailures,
      consecutiveSuccesses: this.consecutiveSuccesses,
      lastFailureTime: iso(this.lastFailureAt),
      lastSuccessTime: iso(this.lastSuccessAt),
      lastStateChange: iso(lastStateChangeAt),
      retryAfterMs,
      halfOpenTrials,
    };
  }
}
