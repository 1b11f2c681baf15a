import type { SchedulerLike } from 'rxjs';

/**
 * An ioredis client (`new Redis()`) or a node-redis v5 client (`createClient()`, connected);
 * the application owns it. Typed loosely so that neither library's types are needed.
 *
 * @example
 * ```ts
 * const client: RedisClientLike = await createClient({ url: process.env.REDIS_URL }).on('error', console.error).connect();
 * ```
 */
export type RedisClientLike = object;

/**
 * When one instance's trip opens the breaker of the whole fleet: at once (`'any-instance'`),
 * or once `quorum` instances have tripped within `windowMs` (default 60_000), so one sick
 * instance cannot poison the others. Either way the tripping instance opens locally at once.
 *
 * @example
 * ```ts
 * redisBreakerStore({ client, tripOn: { quorum: 2, windowMs: 30_000 } }); // two instances within 30 s open all
 * ```
 */
export type TripOn = 'any-instance' | { quorum: number; windowMs?: number };

/**
 * Optional fleet-wide outcome counts, written in batches (see `RedisBreakerStore.fleetCounts`).
 *
 * @example
 * ```ts
 * const store = redisBreakerStore({ client, countOutcomes: { bucketMs: 5_000, buckets: 12 } }); // the last minute
 * console.log(await store.fleetCounts('payments')); // { successes: 1834, failures: 12, instances: 3 }
 * ```
 */
export interface CountOutcomesOptions {
  /** Width of one time bucket, in ms. Default 10_000. */
  bucketMs?: number;
  /** Buckets kept (locally until written, and in Redis). Default 6 (one minute with the default width). */
  buckets?: number;
  /** How often the counts are written, in ms. Default 1_000. */
  flushIntervalMs?: number;
}

/**
 * Receives the store's warnings (degraded, connected again, dropped data). `console` works.
 *
 * @example
 * ```ts
 * redisBreakerStore({ client, logger: { warn: (message) => log.warn({ component: 'breakers' }, message) } });
 * ```
 */
export interface RedisStoreLogger {
  warn(message: string): void;
}

/**
 * Options of {@link redisBreakerStore}. Every duration is in milliseconds.
 *
 * @example
 * ```ts
 * const store = redisBreakerStore({ client: new Redis(process.env.REDIS_URL), tripOn: { quorum: 2 }, leaseMs: 5_000 });
 * ```
 */
export interface RedisBreakerStoreOptions {
  /** An ioredis or node-redis v5 client the application owns: the store never closes it. */
  client: RedisClientLike;
  /**
   * The connection to receive announcements on (subscriber mode). Default: one duplicated
   * from `client`, which the store opens and closes itself.
   */
  subscriber?: RedisClientLike;
  /** Goes into every key's hash tag: `{<keyPrefix>:<name>}:state`. Default `'rxcb'`. */
  keyPrefix?: string;
  /** Default `'any-instance'`. */
  tripOn?: TripOn;
  /** Time to live of a half-open trial lease: how long a crashed instance can hold one. Default 10_000. Keep it above `callTimeout`. */
  leaseMs?: number;
  /** Every instance re-reads the shared state this often (announcements can be lost on a reconnect). Default 5_000. */
  syncIntervalMs?: number;
  /** A Redis command without a reply after this long counts as failed. Default 500. */
  commandTimeoutMs?: number;
  /** Keys live this long after their last write, plus any break in progress. Default 3_600_000 (one hour). */
  keyTtlMs?: number;
  /** This instance's name in Redis (trip reports, leases, who decided a transition). Default: `<pid>-<random>`. */
  instanceId?: string;
  /** Count outcomes fleet-wide in time buckets (costs an event per call). Default false. */
  countOutcomes?: boolean | CountOutcomesOptions;
  /** The scheduler of every timer and timestamp of the store. Default `asyncScheduler`. */
  scheduler?: SchedulerLike;
  /** Where to log degraded/connected/dropped warnings. Default: nowhere (watch `events$`). */
  logger?: RedisStoreLogger;
}
