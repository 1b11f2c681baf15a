/**
 * Attribute keys of every metric point and span event of `rxjs-circuit-breaker/otel`.
 *
 * @example
 * ```ts
 * // e.g. in a test of your own instrumentation, or a view that drops a high-cardinality key
 * new View({ instrumentName: 'rxcb.calls', attributesProcessors: [createDenyListAttributesProcessor([OtelAttributes.errorType])] });
 * ```
 */
export const OtelAttributes = Object.freeze({
  /** The breaker's name. */
  breakerName: 'rxcb.breaker.name',
  /** A `CircuitState` value: the state observed (`rxcb.state`), the new state (`rxcb.state_change`), or the rejecting state. */
  breakerState: 'rxcb.breaker.state',
  /** The state before a transition (`rxcb.state_change`). */
  previousState: 'rxcb.breaker.previous_state',
  /** The transition's `reason`, e.g. `failure_threshold`. */
  transitionReason: 'rxcb.transition.reason',
  /** What decided the transition, e.g. `5 consecutive failures`, when known. */
  transitionDetail: 'rxcb.transition.detail',
  /** success, failure, timeout, ignored, cancelled or rejected. */
  outcome: 'rxcb.outcome',
  /** How long until the break ends, when a rejection knows it (milliseconds). */
  retryAfterMs: 'rxcb.retry_after_ms',
  /** The error's class, semantic conventions' `error.type`. */
  errorType: 'error.type',
} as const);

/**
 * @internal `error.type` of an error: its `name` (`CallTimeoutError`, `TypeError`), else
 * the class name of an `Error` subclass that kept the name `Error`, else `_OTHER` (the
 * semantic conventions' value for an unknown type, e.g. a thrown string).
 */
export function errorType(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '_OTHER';
  const name = (error as { name?: unknown }).name;
  if (typeof name === 'string' && name !== '' && name !== 'Error') return name;
  const className = (error as object).constructor?.name;
  if (className !== undefined && className !== '' && className !== 'Object') return className;
  return typeof name === 'string' && name !== '' ? name : '_OTHER';
}
