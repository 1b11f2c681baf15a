const BRAND = Symbol.for('rxjs-circuit-breaker.error');

/**
 * Base class of every error this library creates. Use the `isXxx()` guards rather than
 * `instanceof` when two copies of the package may be loaded (ESM and CJS, or two versions):
 * the guards read a brand that survives that.
 *
 * @example
 * ```ts
 * import { isCircuitBreakerError } from 'rxjs-circuit-breaker';
 * try { await breaker.execute(callApi); } catch (e) { if (isCircuitBreakerError(e)) console.log(e.name); }
 * ```
 */
export class CircuitBreakerError extends Error {
  override readonly name: string = 'CircuitBreakerError';
  /** @internal */
  declare readonly [BRAND]: true;
}

// On the prototype, so that errors made without running a constructor (fast rejections) carry it too.
Object.defineProperty(CircuitBreakerError.prototype, BRAND, { value: true });

/** @internal Marks a value as one of our errors of the given name. */
export function hasErrorName(value: unknown, name: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<PropertyKey, unknown>)[BRAND] === true &&
    (value as { name?: unknown }).name === name
  );
}

/** True for any error created by this library, from any loaded copy of it. */
export function isCircuitBreakerError(value: unknown): value is CircuitBreakerError {
  return typeof value === 'object' && value !== null && (value as Record<PropertyKey, unknown>)[BRAND] === true;
}
