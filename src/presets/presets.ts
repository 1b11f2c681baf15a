import type { CircuitBreakerOptions } from '../breaker/options.js';
import { httpErrors } from '../http/httpErrors.js';
import { isHttpRetryable } from '../http/isHttpRetryable.js';
import { isConstraintViolation, isTransientDatabaseError } from './databaseErrors.js';

/**
 * Ready-made options with the seeds' numbers. They are plain options objects: pass them as
 * they are, or spread and override.
 *
 * - `database` (seed 000): opens after 3 failures, closes after 2 successful trials, 30 s
 *   breaks; retries 3 times from 0.5 s up to 10 s (±25% jitter), only lock/busy/serialization
 *   errors; constraint and integrity errors never trip it.
 * - `externalService` (seed 000): 5 failures, 3 successful trials, 60 s breaks; retries 3
 *   times from 2 s up to 60 s (±25% jitter) on 5xx, 429, timeouts and network errors; other
 *   4xx neither trip nor retry (the `httpErrors` rules).
 * - `cache` (seed 003): 2 failures, 15 s breaks, no retries (a cache miss is cheaper).
 *
 * @example
 * ```ts
 * const db = new CircuitBreaker('db', presets.database);
 * const payments = registry.get('payments', { ...presets.externalService, callTimeout: 5_000 });
 * ```
 */
export const presets = Object.freeze({
  database: Object.freeze({
    failureThreshold: 3,
    successThreshold: 2,
    recoveryTimeout: 30_000,
    ignoreErrors: isConstraintViolation,
    retry: Object.freeze({ maxRetries: 3, initialInterval: 500, maxInterval: 10_000, jitter: 0.25, shouldRetry: isTransientDatabaseError }),
  }),
  externalService: Object.freeze({
    failureThreshold: 5,
    successThreshold: 3,
    recoveryTimeout: 60_000,
    ...httpErrors,
    retry: Object.freeze({ maxRetries: 3, initialInterval: 2_000, maxInterval: 60_000, jitter: 0.25, shouldRetry: isHttpRetryable }),
  }),
  cache: Object.freeze({
    failureThreshold: 2,
    recoveryTimeout: 15_000,
  }),
} satisfies Record<string, CircuitBreakerOptions>);
