import type { ExecutionContext } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { catchError, from } from 'rxjs';
import type { CircuitBreaker, CircuitBreakerRegistry, FallbackInfo } from '../../index.js';
import type { RetryBackoffConfig } from '../../../operators/index.js';
import { isCallTimeoutError, isCircuitOpenError, isRetriesExhaustedError } from '../../index.js';
import { circuitBreaker, retryBackoff } from '../../../operators/index.js';
import { httpError } from './openCircuitException.js';
import type { UseCircuitBreakerMetadata } from './UseCircuitBreaker.js';

/**
 * @internal One request through the breaker: `handled$` (the rest of Nest's chain, which runs
 * the handler on each subscription) guarded by the breaker, retried outside it when a retry
 * is configured, then the fallback, or an open circuit turned into a 503.
 */
export function guardHandler(
  registry: CircuitBreakerRegistry,
  use: UseCircuitBreakerMetadata,
  context: ExecutionContext,
  handled$: Observable<unknown>,
): Observable<unknown> {
  const breaker = registry.get(use.name, use.breakerOptions);
  let call$ = handled$.pipe(circuitBreaker(breaker));
  const retry = use.retry ?? (breaker.options as { retry?: number | RetryBackoffConfig }).retry;
  if (retry !== undefined) {
    call$ = call$.pipe(retryBackoff({ scheduler: breaker.scheduler, ...(typeof retry === 'number' ? { initialInterval: retry } : retry) }));
  }
  const { fallback } = use;
  return call$.pipe(
    catchError((error: unknown) => {
      const reason = fallback === undefined ? undefined : fallbackReason(breaker, error);
      if (fallback !== undefined && reason !== undefined) return from(fallback(error, { breaker, reason }));
      throw httpError(error, context);
    }),
  );
}

// The fallback runs after the retries, so it tells the reason from the last error, as the
// operator would have: the breaker's own rejection or timeout, else what the breaker records.
function fallbackReason(breaker: CircuitBreaker, error: unknown): FallbackInfo['reason'] | undefined {
  const last = isRetriesExhaustedError(error) ? error.cause : error;
  if (isCircuitOpenError(last) && last.breakerName === breaker.name) return 'rejected';
  if (isCallTimeoutError(last) && last.breakerName === breaker.name) return 'timeout';
  return breaker.classify(last) === 'failure' ? 'failure' : undefined;
}
