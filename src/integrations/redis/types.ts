import type { Observable } from 'rxjs';
import type { BreakerStore } from '../../index.js';

/**
 * `'connected'` while shared decisions apply; `'degraded'` while every breaker is on its own
 * (Redis slow or unreachable, or the announcement subscription down; also at start-up, until
 * the subscription is up).
 *
 * @example
 * ```ts
 * store.status$.subscribe((status) => health.set('shared-breakers', status === 'connected'));
 * ```
 */
export type RedisStoreStatus = 'connected' | 'degraded';

/**
 * What the store reports on `events$` (and to its `logger`): `connected` and `degraded`
 * (with why) on every status change, `dropped` when outcome counts waited so long for Redis
 * that their bucket aged out, `error` for a failure that is not Redis being away (e.g. a
 * script reply it cannot read). `at` is the store scheduler's time.
 *
 * @example
 * ```ts
 * store.events$.subscribe((e) => { if (e.type === 'degraded') alerts.warn(`breakers decide locally: ${e.reason}`); });
 * ```
 */
export type RedisStoreEvent =
  | { type: 'connected'; at: number }
  | { type: 'degraded'; at: number; reason: string }
  | { type: 'dropped'; at: number; breaker: string; outcomes: number }
  | { type: 'error'; at: number; breaker: string | null; error: unknown };

/**
 * Outcomes of one breaker counted by the whole fleet (see `countOutcomes`).
 *
 * @example
 * ```ts
 * const { successes, failures, instances } = await store.fleetCounts('payments');
 * ```
 */
export interface FleetCounts {
  successes: number;
  failures: number;
  /** Instances that reported in the window. */
  instances: number;
}

/**
 * A {@link BreakerStore} that shares breaker state through Redis (see {@link redisBreakerStore}).
 *
 * @example
 * ```ts
 * const store = redisBreakerStore({ client: redis });
 * store.status$.subscribe((s) => console.log('breaker store', s)); // breaker store degraded, then connected
 * const registry = new CircuitBreakerRegistry({ store });
 * ```
 */
export interface RedisBreakerStore extends BreakerStore {
  /** The current status on subscribe, then every change. */
  readonly status$: Observable<RedisStoreStatus>;
  /** The current status. */
  readonly status: RedisStoreStatus;
  /** Status changes, dropped counts and unexpected errors. */
  readonly events$: Observable<RedisStoreEvent>;
  /** This instance's name in Redis. */
  readonly instanceId: string;
  /** Re-reads every attached breaker's shared state now (it also happens every `syncIntervalMs`). */
  sync(): void;
  /**
   * The fleet's outcome counts of breaker `name` over the kept buckets (needs `countOutcomes`).
   * Counts reach Redis in batches, so the newest second or so may be missing.
   */
  fleetCounts(name: string): Promise<FleetCounts>;
  /** Stops sharing, gives unused trial leases back, closes the subscriber connection it opened. Never closes `client`. */
  dispose(): Promise<void>;
}
