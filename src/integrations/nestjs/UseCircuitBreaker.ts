import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import type { RetryBackoffConfig } from '../../../operators/index.js';
import { retryBackoff } from '../../../operators/index.js';
import type { CircuitBreakerOptions, Fallback } from '../../index.js';
import { CircuitBreaker, InvalidConfigError } from '../../index.js';
import { CircuitBreakerInterceptor } from './CircuitBreakerInterceptor.js';
import { USE_CIRCUIT_BREAKER } from './tokens.js';

/**
 * Options of {@link UseCircuitBreaker}: breaker options (used when the module's registry
 * creates the breaker), retries, and a fallback.
 *
 * @example
 * ```ts
 * @UseCircuitBreaker<Quote>('quotes-api', {
 *   failureThreshold: 3,
 *   retry: { maxRetries: 2, initialInterval: 200 },
 *   fallback: (_error, { reason }) => of({ ...cachedQuote, stale: true }), // reason: 'rejected' | 'failure' | 'timeout'
 * })
 * ```
 */
export interface UseCircuitBreakerOptions<T = unknown> extends Omit<CircuitBreakerOptions, 'retry'> {
  /**
   * Retries of the handler (a `retryBackoff` config), outside the breaker: each attempt runs
   * the handler again and is a call of its own. Default: the breaker's `retry` option, else none.
   */
  retry?: number | RetryBackoffConfig;
  /**
   * The response instead of an error, for a call the breaker rejected, a recorded failure or
   * a timeout (after the retries): `info.reason` says which. Ignored errors pass through.
   */
  fallback?: Fallback<T>;
}

/** @internal What {@link UseCircuitBreaker} stores on the class or handler. */
export interface UseCircuitBreakerMetadata {
  readonly name: string;
  readonly breakerOptions: CircuitBreakerOptions;
  readonly retry: number | RetryBackoffConfig | undefined;
  readonly fallback: Fallback<unknown> | undefined;
}

/**
 * Guards a route handler (or every handler of a controller) with the breaker `name` from the
 * module's registry. Each request is one call; when the circuit is open the handler is not
 * run and the answer is `503 Service Unavailable` with `Retry-After` (seconds) and a JSON body
 * naming the breaker, unless `fallback` gives the response. Works for handlers returning
 * values, Promises and Observables, and for `@Sse()` handlers. A handler's decorator wins
 * over its controller's.
 *
 * @throws InvalidConfigError at decoration time, for an unusable name or option.
 *
 * @example
 * ```ts
 * @Controller('quotes')
 * export class QuotesController {
 *   constructor(@Inject(QuotesClient) private readonly quotes: QuotesClient) {}
 *
 *   @Get(':id')
 *   @UseCircuitBreaker('quotes-api', { failureThreshold: 3, recoveryTimeout: 10_000, retry: { maxRetries: 2, initialInterval: 100 } })
 *   get(@Param('id') id: string): Promise<Quote> {
 *     return this.quotes.fetch(id); // 503 + Retry-After while 'quotes-api' is open
 *   }
 * }
 * ```
 */
export function UseCircuitBreaker<T = unknown>(name: string, options: UseCircuitBreakerOptions<T> = {}): ClassDecorator & MethodDecorator {
  if (typeof name !== 'string' || name.length === 0) throw new InvalidConfigError('name', name, 'a non-empty string');
  if (typeof options !== 'object' || options === null) throw new InvalidConfigError('options', options, 'an object');
  const { fallback, retry, ...breakerOptions } = options;
  if ('registry' in breakerOptions) {
    throw new InvalidConfigError('registry', (breakerOptions as { registry: unknown }).registry, "left out: @UseCircuitBreaker uses the CircuitBreakerModule's registry");
  }
  if (fallback !== undefined && typeof fallback !== 'function') {
    throw new InvalidConfigError('fallback', fallback, 'a function (error, info) => ObservableInput');
  }
  // Creating them validates them now, at decoration time, rather than on the first request.
  new CircuitBreaker(name, breakerOptions).dispose();
  if (retry !== undefined) retryBackoff(typeof retry === 'number' ? { initialInterval: retry } : retry);
  const metadata: UseCircuitBreakerMetadata = { name, breakerOptions, retry, fallback: fallback as Fallback<unknown> | undefined };
  return applyDecorators(SetMetadata(USE_CIRCUIT_BREAKER, metadata), UseInterceptors(CircuitBreakerInterceptor));
}
