import type { Observable, TeardownLogic } from 'rxjs';
import type { CircuitBreaker } from '../breaker/CircuitBreaker.js';

/**
 * Shares breaker state between processes (see `rxjs-circuit-breaker/redis`). A registry
 * created with a store attaches every breaker it creates; the store must never make a call
 * wait on it.
 */
export interface BreakerStore {
  /** Starts sharing `breaker`'s state; the returned teardown stops it. */
  attach(breaker: CircuitBreaker): TeardownLogic;
  /** `'connected'`, or `'degraded'` while the shared state cannot be reached. */
  readonly status$?: Observable<'connected' | 'degraded'>;
  /** Releases what the store opened (called by `registry.dispose()`). */
  dispose?(): void | Promise<void>;
}
