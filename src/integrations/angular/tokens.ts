import { DestroyRef, DOCUMENT, inject, InjectionToken } from '@angular/core';
import type { CircuitBreakerRegistry } from '../../index.js';
import { CircuitBreakerRegistry as Registry } from '../../index.js';
import { HttpCircuitBreakers } from './HttpCircuitBreakers.js';
import type { ResolvedConfig } from './resolveConfig.js';
import { resolveConfig } from './resolveConfig.js';

/**
 * @internal Builds the breakers of an injector; runs in an injection context. A registry the
 * provider made is disposed with the injector; a registry that was passed in belongs to the
 * caller and is left alone.
 */
export function createHttpCircuitBreakers(config: ResolvedConfig): HttpCircuitBreakers {
  let registry = config.registry;
  if (registry === undefined) {
    const own = new Registry({ defaults: config.defaults });
    inject(DestroyRef).onDestroy(() => own.dispose());
    registry = own;
  }
  const document = inject(DOCUMENT, { optional: true });
  return new HttpCircuitBreakers(registry, config, () => document?.baseURI ?? document?.location?.href);
}

/**
 * @internal The breakers the interceptor and `injectCircuitBreaker` use. Without
 * `provideCircuitBreaker()`, the root injector gets breakers with the default configuration.
 */
export const HTTP_CIRCUIT_BREAKERS = new InjectionToken<HttpCircuitBreakers>('rxjs-circuit-breaker: HTTP breakers', {
  providedIn: 'root',
  factory: () => createHttpCircuitBreakers(resolveConfig()),
});

/**
 * The registry that holds the breakers of the nearest `provideCircuitBreaker()`: watch all
 * of them at once with `states$`, `health$` or `events$`.
 *
 * @example
 * ```ts
 * @Component({ template: `{{ health()?.status }}` })
 * export class HealthBadge {
 *   readonly health = toSignal(inject(CIRCUIT_BREAKER_REGISTRY).health$);
 * }
 * ```
 */
export const CIRCUIT_BREAKER_REGISTRY = new InjectionToken<CircuitBreakerRegistry>('rxjs-circuit-breaker: registry', {
  providedIn: 'root',
  factory: () => inject(HTTP_CIRCUIT_BREAKERS).registry,
});
