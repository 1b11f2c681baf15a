import type { CircuitState } from '../../index.js';

/**
 * The value of `circuit_breaker_state` for each state: the seeds' numbering (0 closed,
 * 1 half-open, 2 open), which says how much traffic gets through. `forced_open` rejects
 * every call, so it is 2 like `open`; `disabled` lets every call through, so it is 0 like
 * `closed`. `circuit_breaker_state_info{state}` tells them apart.
 *
 * @example
 * ```ts
 * console.log(prometheusStateValue.forced_open); // 2
 * ```
 */
export const prometheusStateValue: Readonly<Record<CircuitState, 0 | 1 | 2>> = Object.freeze({
  closed: 0,
  half_open: 1,
  open: 2,
  forced_open: 2,
  disabled: 0,
});
