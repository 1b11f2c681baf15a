import { CircuitBreakerError, hasErrorName } from './CircuitBreakerError.js';

/**
 * An option had a value this library cannot use. Thrown when a breaker, operator or helper
 * is created, never during a call. `option` names the option by its path
 * (`failureRate.threshold`, or an environment variable), `value` is what was given.
 *
 * @example
 * ```ts
 * try { new CircuitBreaker('api', { failureThreshold: 0 }); }
 * catch (e) { if (isInvalidConfigError(e)) console.log(e.message); }
 * // failureThreshold must be a positive integer, got 0
 * ```
 */
export class InvalidConfigError extends CircuitBreakerError {
  override readonly name = 'InvalidConfigError' as const;

  constructor(
    /** The option's name or path. */
    readonly option: string,
    /** The value that was given. */
    readonly value: unknown,
    /** What the option needs, e.g. `a positive integer`. */
    readonly expected: string,
  ) {
    super(`${option} must be ${expected}, got ${describeValue(value)}`);
  }
}

/** @internal Renders a bad value for an error message. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `a function`;
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

/** True for an {@link InvalidConfigError} from any loaded copy of this package. */
export function isInvalidConfigError(value: unknown): value is InvalidConfigError {
  return hasErrorName(value, 'InvalidConfigError');
}
