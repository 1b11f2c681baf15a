import type { Observable } from 'rxjs';
import type { CircuitBreakerOptions } from '../breaker/options.js';
import { resolveOptions } from '../breaker/options.js';
import type { WrapOptions } from '../breaker/wrap.js';
import { wrapFunction } from '../breaker/wrap.js';
import { InvalidConfigError } from '../errors/InvalidConfigError.js';
import type { CircuitBreakerRegistry } from '../registry/CircuitBreakerRegistry.js';
import { defaultRegistry } from '../registry/defaultRegistry.js';

/**
 * An instance carrying a registry under this key has its decorated methods use it (the NestJS
 * module sets it on its providers); otherwise the decorator's `registry` option, else
 * `defaultRegistry`.
 */
export const DECORATOR_REGISTRY = Symbol.for('rxjs-circuit-breaker.registry');

/** Marks a method replaced by {@link WithCircuitBreaker}, with the breaker name it uses. */
export const DECORATED_METHOD = Symbol.for('rxjs-circuit-breaker.decorated');

/** Options of {@link WithCircuitBreaker}: breaker options (used when the breaker is created), retries, the registry. */
export interface WithCircuitBreakerOptions extends CircuitBreakerOptions, WrapOptions {
  /** The registry, or a function of the instance that gives it. Default: the instance's {@link DECORATOR_REGISTRY}, else `defaultRegistry`. */
  registry?: CircuitBreakerRegistry | ((instance: unknown) => CircuitBreakerRegistry);
}

type Guardable = PromiseLike<unknown> | Observable<unknown>;

/** A method decorator that works with TC39 standard decorators and with `experimentalDecorators`. */
export interface CircuitBreakerMethodDecorator {
  <This, Args extends unknown[], R extends Guardable>(
    method: (this: This, ...args: Args) => R,
    context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => R>,
  ): (this: This, ...args: Args) => R;
  <T extends (...args: never[]) => Guardable>(
    target: object,
    propertyKey: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): TypedPropertyDescriptor<T>;
}

/**
 * Guards a class method returning a Promise or an Observable with the breaker `name`: a
 * Promise-returning method makes one call per invocation, an Observable-returning one a call
 * per subscription. Works with standard decorators and with `experimentalDecorators`
 * (NestJS, Angular).
 *
 * @example
 * ```ts
 * class UsersClient {
 *   @WithCircuitBreaker('users-api', { failureThreshold: 3, retry: { maxRetries: 2, initialInterval: 200 } })
 *   async getUser(id: string): Promise<User> {
 *     return (await fetch(`https://users.example.com/${id}`)).json();
 *   }
 * }
 * ```
 */
export function WithCircuitBreaker(name: string, options: WithCircuitBreakerOptions = {}): CircuitBreakerMethodDecorator {
  if (typeof name !== 'string' || name.length === 0) throw new InvalidConfigError('name', name, 'a non-empty string');
  const { registry, retry, returns, ...breakerOptions } = options;
  // The retry config too: a bad one fails here, when the class is defined.
  resolveOptions(retry === undefined ? breakerOptions : { ...breakerOptions, retry });
  if (registry !== undefined && typeof registry !== 'function' && typeof (registry as CircuitBreakerRegistry).get !== 'function') {
    throw new InvalidConfigError('registry', registry, 'a CircuitBreakerRegistry or a function returning one');
  }
  const wrapOptions: WrapOptions = {
    ...(retry === undefined ? {} : { retry }),
    ...(returns === undefined ? {} : { returns }),
  };
  const registryOf = (instance: unknown): CircuitBreakerRegistry => {
    if (typeof registry === 'function') return registry(instance);
    if (registry !== undefined) return registry;
    const own = (instance as Record<symbol, CircuitBreakerRegistry | undefined> | null | undefined)?.[DECORATOR_REGISTRY];
    return own ?? defaultRegistry;
  };
  const guard = <F extends (...args: never[]) => unknown>(method: F): F => {
    if (typeof method !== 'function') throw new InvalidConfigError('@WithCircuitBreaker target', method, 'a method');
    const wrapped = wrapFunction((self) => registryOf(self).get(name, breakerOptions), method as never, wrapOptions);
    Object.defineProperty(wrapped, DECORATED_METHOD, { value: name });
    return wrapped as unknown as F;
  };
  return ((target: unknown, context: unknown, descriptor?: PropertyDescriptor) => {
    if (typeof context === 'object' && context !== null && 'kind' in context) {
      if ((context as { kind: string }).kind !== 'method') {
        throw new InvalidConfigError('@WithCircuitBreaker target', (context as { kind: string }).kind, 'a method');
      }
      return guard(target as (...args: never[]) => unknown);
    }
    if (descriptor === undefined) throw new InvalidConfigError('@WithCircuitBreaker target', context, 'a method');
    descriptor.value = guard(descriptor.value as (...args: never[]) => unknown);
    return descriptor;
  }) as CircuitBreakerMethodDecorator;
}
