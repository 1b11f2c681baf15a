/**
 * The five states of a breaker, with the seeds' string values.
 *
 * @example
 * ```ts
 * breaker.state$.pipe(filter((s) => s === CircuitState.Open)).subscribe(() => alert('api is down'));
 * ```
 */
export const CircuitState = {
  Closed: 'closed',
  Open: 'open',
  HalfOpen: 'half_open',
  ForcedOpen: 'forced_open',
  Disabled: 'disabled',
} as const;

/** One of `'closed' | 'open' | 'half_open' | 'forced_open' | 'disabled'`. */
export type CircuitState = (typeof CircuitState)[keyof typeof CircuitState];

/** @internal */
export const CIRCUIT_STATES: readonly CircuitState[] = Object.values(CircuitState);
