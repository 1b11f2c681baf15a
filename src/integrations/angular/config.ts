import type { HttpRequest } from '@angular/common/http';
import type { RetryBackoffConfig } from '../../../operators/index.js';
import type { CircuitBreakerOptions, CircuitBreakerRegistry } from '../../index.js';

/**
 * The interceptor's retries: a `retryBackoff` config with HTTP defaults, plus the methods
 * it applies to.
 *
 * Defaults differ from a bare `retryBackoff` config object (which retries forever, as
 * backoff-rxjs does): 3 retries after 1 s, 2 s and 4 s, at most 10 s per wait, and
 * `shouldRetry: isHttpRetryable` (5xx, status 0, 408, 429, timeouts, network errors and
 * `CircuitOpenError`). The scheduler defaults to the breaker's.
 *
 * @example
 * ```ts
 * provideCircuitBreaker({ retry: { maxRetries: 2, initialInterval: 500, methods: ['GET', 'POST'] } });
 * ```
 */
export interface HttpRetryConfig extends RetryBackoffConfig {
  /** Methods that are retried. Default the idempotent ones: GET, HEAD, OPTIONS, PUT, DELETE. */
  methods?: readonly string[];
}

/**
 * Configuration of {@link provideCircuitBreaker}.
 *
 * @example
 * ```ts
 * provideCircuitBreaker({
 *   defaults: { failureThreshold: 3, recoveryTimeout: 10_000 },
 *   retry: {},
 *   breakerFor: (request) => (request.url.startsWith('/assets/') ? null : new URL(request.urlWithParams, document.baseURI).host),
 * });
 * ```
 */
export interface CircuitBreakerProviderConfig {
  /** Where the breakers live. Default: a registry of this provider's own, disposed with its injector. */
  registry?: CircuitBreakerRegistry;
  /**
   * Options of every breaker this provider creates (the interceptor's and
   * `injectCircuitBreaker`'s), layered over the core's `httpErrors` classification and over
   * the registry's own defaults and per-name configs.
   */
  defaults?: CircuitBreakerOptions;
  /** Retries around the breaker, for idempotent methods. Default: none. `{}` turns them on with the defaults. */
  retry?: HttpRetryConfig;
  /**
   * The breaker name of a request, or `null` to let it through unguarded. Default: the host
   * of its URL (`URL.host`: `api.example.com`, `127.0.0.1:4000`), relative URLs resolved
   * against the document's base URI (a relative URL with no document to resolve it against
   * goes unguarded). A function that throws fails the request with its error.
   */
  breakerFor?: (request: HttpRequest<unknown>) => string | null;
}
