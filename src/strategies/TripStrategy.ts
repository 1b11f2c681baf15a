/**
 * A trip rule: it is told every outcome recorded while the breaker is `closed` and answers
 * whether the breaker must open. Pure: time arrives as data (`at`, in scheduler ms), it reads
 * no clock and starts no timer. Each breaker owns its instance (see {@link TripStrategyFactory}).
 */
export interface TripStrategy {
  /** A successful call that took `durationMs`, settled at `at`. Returns true to trip. */
  onSuccess(durationMs: number, at: number): boolean;
  /** A failed call (error or timeout) that took `durationMs`, settled at `at`. Returns true to trip. */
  onFailure(durationMs: number, at: number): boolean;
  /** Forgets everything (the breaker closed again or was reset). */
  reset(): void;
  /** Why the last `true` was returned, for logs: e.g. `5 consecutive failures`. */
  describe(at: number): string;
  /** A JSON-safe snapshot of the counters, for persistence. */
  snapshot(): unknown;
  /** Restores a snapshot taken by {@link TripStrategy.snapshot} of a strategy of the same shape. */
  restore(snapshot: unknown): void;
  /**
   * `false` when the strategy ignores `at`, `durationMs` or both: the breaker then skips
   * reading the clock for it (a clock read can cost as much as the rest of a call).
   * Left out means `true`.
   */
  readonly usesTime?: boolean;
  readonly usesDuration?: boolean;
}

/**
 * Creates a fresh {@link TripStrategy}. Options take factories, not instances, so that
 * every breaker created from the same options owns its own counters.
 *
 * @example
 * ```ts
 * new CircuitBreaker('api', { trip: failureRate({ threshold: 0.5, minimumCalls: 10, window: countWindow(20) }) });
 * ```
 */
export interface TripStrategyFactory {
  (): TripStrategy;
  /** A short name for docs and logs, e.g. `consecutiveFailures(5)`. */
  readonly label: string;
}
