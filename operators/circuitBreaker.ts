import type { MonoTypeOperatorFunction } from 'rxjs';
import { Observable } from 'rxjs';
import type { CircuitBreaker } from '../src/breaker/CircuitBreaker.js';
import type { CircuitBreakerOptions } from '../src/breaker/options.js';
import { resolveOptions } from '../src/breaker/options.js';
import type { Fallback } from '../src/breaker/subscribeGuarded.js';
import { guardCall, subscribeGuarded } from '../src/breaker/subscribeGuarded.js';
import { InvalidConfigError } from '../src/errors/InvalidConfigError.js';
import type { CircuitBreakerRegistry } from '../src/registry/CircuitBreakerRegistry.js';
import { defaultRegistry } from '../src/registry/defaultRegistry.js';

/**
 * Options of the {@link circuitBreaker} operator: where to find the breaker, a fallback, and
 * the breaker options used only when the named breaker does not exist yet.
 */
export interface CircuitBreakerOperatorOptions<T> extends CircuitBreakerOptions {
  /** The registry that holds the named breaker. Default: `defaultRegistry`. */
  registry?: CircuitBreakerRegistry;
  /**
   * Replaces the result of a call that was rejected, failed with a recorded error, or timed
   * out (never an ignored error). `info.reason` says which.
   */
  fallback?: Fallback<T>;
}

/**
 * Guards a source with a circuit breaker: each subscription is one call. Permission is taken
 * at subscribe time; a rejected call errors with `CircuitOpenError` (or uses the fallback)
 * and never subscribes to the source. Each call has exactly one outcome, recorded before the
 * value or error reaches downstream.
 *
 * With a name, the breaker comes from the registry (created on first use with `options`),
 * looked up on each subscription.
 *
 * @example
 * ```ts
 * import { defer, of } from 'rxjs';
 * import { circuitBreaker } from 'rxjs-circuit-breaker';
 *
 * defer(() => fetch('https://api.example.com/items'))
 *   .pipe(circuitBreaker('api', { failureThreshold: 3, fallback: () => of(cachedItems) }))
 *   .subscribe(render);
 * ```
 */
export function circuitBreaker<T>(
  nameOrBreaker: string | CircuitBreaker,
  options: CircuitBreakerOperatorOptions<T> = {},
): MonoTypeOperatorFunction<T> {
  const { registry = defaultRegistry, fallback, ...breakerOptions } = options;
  if (fallback !== undefined && typeof fallback !== 'function') {
    throw new InvalidConfigError('fallback', fallback, 'a function returning an ObservableInput');
  }
  // Validated with a breaker instance too: a bad option is a mistake even where it has no use.
  // The operator is often made per call (`pipe(circuitBreaker('api'))` in a method): with no
  // options there is nothing to validate.
  if (hasKeys(breakerOptions)) resolveOptions(breakerOptions);
  if (isBreaker(nameOrBreaker)) {
    return (source) => guardCall(nameOrBreaker, source, fallback);
  }
  if (typeof nameOrBreaker !== 'string' || nameOrBreaker.length === 0) {
    throw new InvalidConfigError('nameOrBreaker', nameOrBreaker, 'a breaker name or a CircuitBreaker');
  }
  if (typeof registry?.get !== 'function') throw new InvalidConfigError('registry', registry, 'a CircuitBreakerRegistry');
  const name = nameOrBreaker;
  return (source) =>
    new Observable<T>((subscriber) => subscribeGuarded(registry.get(name, breakerOptions), source, subscriber, fallback));
}

// Duck-typed so that a breaker from another loaded copy of the package (ESM and CJS) works too.
function isBreaker(value: unknown): value is CircuitBreaker {
  return typeof value === 'object' && value !== null && typeof (value as CircuitBreaker).acquire === 'function';
}

function hasKeys(options: object): boolean {
  for (const _ in options) return true;
  return false;
}
