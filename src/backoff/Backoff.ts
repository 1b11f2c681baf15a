/**
 * A delay schedule shared by retries and by a breaker's growing recovery breaks:
 * `attempt` is 1-based (the first retry, or the first break), `error` is the error that
 * caused it when there is one. Returns milliseconds: finite and >= 0.
 *
 * @example
 * ```ts
 * const schedule: Backoff = (attempt) => Math.min(1_000 * 2 ** (attempt - 1), 30_000);
 * new CircuitBreaker('api', { recoveryTimeout: schedule }); // breaks of 1 s, 2 s, 4 s, ... 30 s
 * ```
 */
export type Backoff = (attempt: number, error?: unknown) => number;
