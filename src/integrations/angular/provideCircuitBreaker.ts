import type { EnvironmentProviders } from '@angular/core';
import { inject, makeEnvironmentProviders } from '@angular/core';
import type { CircuitBreakerProviderConfig } from './config.js';
import { resolveConfig } from './resolveConfig.js';
import { CIRCUIT_BREAKER_REGISTRY, createHttpCircuitBreakers, HTTP_CIRCUIT_BREAKERS } from './tokens.js';

/**
 * Configures the circuit breakers of {@link circuitBreakerInterceptor} and
 * {@link injectCircuitBreaker} for an environment injector (the application, or a lazy
 * route's providers, which then get breakers of their own).
 *
 * - `registry`: where the breakers live; by default a registry of the provider's own,
 *   disposed with its injector.
 * - `defaults`: options of every breaker the provider creates, over the core's
 *   `httpErrors` (5xx, status 0, timeouts and network errors count; other 4xx do not).
 * - `retry`: `retryBackoff` around the breaker for idempotent methods (none by default).
 * - `breakerFor`: a request's breaker name, or `null` for none; by default its URL's host.
 *
 * The configuration is validated here: a bad option throws `InvalidConfigError` at startup.
 *
 * @example
 * ```ts
 * import { bootstrapApplication } from '@angular/platform-browser';
 * import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
 * import { provideZonelessChangeDetection } from '@angular/core';
 * import { circuitBreakerInterceptor, provideCircuitBreaker } from 'rxjs-circuit-breaker/angular';
 *
 * bootstrapApplication(App, {
 *   providers: [
 *     provideZonelessChangeDetection(),
 *     provideHttpClient(withFetch(), withInterceptors([circuitBreakerInterceptor])),
 *     provideCircuitBreaker({ defaults: { failureThreshold: 3, recoveryTimeout: 10_000 }, retry: { maxRetries: 2 } }),
 *   ],
 * });
 * ```
 */
export function provideCircuitBreaker(config: CircuitBreakerProviderConfig = {}): EnvironmentProviders {
  const resolved = resolveConfig(config);
  return makeEnvironmentProviders([
    { provide: HTTP_CIRCUIT_BREAKERS, useFactory: () => createHttpCircuitBreakers(resolved) },
    { provide: CIRCUIT_BREAKER_REGISTRY, useFactory: () => inject(HTTP_CIRCUIT_BREAKERS).registry },
  ]);
}
