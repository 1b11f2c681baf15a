import type { HttpRequest } from '@angular/common/http';
import type { MonoTypeOperatorFunction, SchedulerLike } from 'rxjs';
import type { RetryBackoffConfig } from '../../../operators/index.js';
import { retryBackoff } from '../../../operators/index.js';
import type { CircuitBreaker, CircuitBreakerOptions, CircuitBreakerRegistry } from '../../index.js';
import { hostOf } from './hostOf.js';
import { layerOptions } from './layerOptions.js';
import type { ResolvedConfig } from './resolveConfig.js';
import { retryConfig } from './resolveConfig.js';

/**
 * @internal The breakers of one `provideCircuitBreaker()` (or of the root injector without
 * one): which breaker guards a request, how it is created, and how it is retried.
 */
export class HttpCircuitBreakers {
  constructor(
    readonly registry: CircuitBreakerRegistry,
    private readonly config: ResolvedConfig,
    /** Resolves relative request URLs (the browser does the same with the document's base URI). */
    private readonly baseUri: () => string | undefined,
  ) {}

  /** The breaker `name`, created with the provider's defaults under `options` if new. */
  get(name: string, options?: CircuitBreakerOptions | null): CircuitBreaker {
    return this.registry.get(name, layerOptions(this.config.defaults, options));
  }

  /** The breaker name of a request (the provider's `breakerFor`, else the URL's host), or null. */
  nameFor(request: HttpRequest<unknown>): string | null {
    if (this.config.breakerFor !== undefined) return this.config.breakerFor(request);
    return hostOf(request.urlWithParams, this.baseUri());
  }

  /**
   * The retry operator of a request, or null: a per-request config (any method) over the
   * provider's, else the provider's for its methods. Delays run on the breaker's scheduler
   * unless the config names one.
   */
  retryFor(
    request: HttpRequest<unknown>,
    requestRetry: RetryBackoffConfig | false | undefined,
    scheduler: SchedulerLike,
  ): MonoTypeOperatorFunction<unknown> | null {
    if (requestRetry === false) return null;
    const provider = this.config.retry;
    if (requestRetry === undefined && (provider === null || !this.config.retryMethods.has(request.method.toUpperCase()))) {
      return null;
    }
    return retryBackoff(retryConfig({ scheduler }, provider ?? {}, requestRetry ?? {}));
  }
}
