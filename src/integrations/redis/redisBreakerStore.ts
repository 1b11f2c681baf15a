import { InvalidConfigError } from '../../index.js';
import { ioredisChannel, ioredisConnection, isIoredis } from './internal/ioredisAdapter.js';
import { isNodeRedis, nodeRedisChannel, nodeRedisConnection } from './internal/nodeRedisAdapter.js';
import type { RedisChannel, RedisConnection } from './internal/RedisConnection.js';
import { RedisStore } from './internal/RedisStore.js';
import { resolveStoreOptions } from './internal/resolveOptions.js';
import type { RedisBreakerStoreOptions } from './options.js';
import type { RedisBreakerStore } from './types.js';

/**
 * Shares the state of every breaker of a registry across the instances of a service
 * through Redis, without ever making a call wait on Redis:
 *
 * - permission is decided from the local breaker; transitions travel asynchronously (Lua
 *   scripts on one hash per breaker, with generations, announced by pub/sub and re-read on
 *   reconnect and every `syncIntervalMs`);
 * - a trip opens the breaker of every instance (`tripOn: 'any-instance'`, the default) or
 *   once `quorum` instances tripped; manual transitions are always shared;
 * - half-open trials are limited fleet-wide to `halfOpenMaxCalls` by leases that expire
 *   after `leaseMs`;
 * - when Redis is slow or down, each breaker keeps working locally (`status$` says
 *   `'degraded'`), its latest transition is delivered when Redis returns, and it resyncs.
 *
 * Returns at once; the store connects in the background (`status$` starts `'degraded'`).
 * Given no `subscriber`, it duplicates `client` for pub/sub and closes that copy on
 * `dispose()`; it never closes `client` or a `subscriber` it was given.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { CircuitBreakerRegistry } from 'rxjs-circuit-breaker';
 * import { redisBreakerStore } from 'rxjs-circuit-breaker/redis';
 *
 * const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
 * const store = redisBreakerStore({ client: redis, tripOn: { quorum: 2, windowMs: 30_000 } });
 * const registry = new CircuitBreakerRegistry({ store, defaults: { failureThreshold: 5 } });
 * store.status$.subscribe((status) => console.log('shared breakers:', status)); // degraded, then connected
 * // ... on shutdown: registry.dispose(); await store.dispose(); await redis.quit();
 * ```
 */
export function redisBreakerStore(options: RedisBreakerStoreOptions): RedisBreakerStore {
  const resolved = resolveStoreOptions(options);
  const { client, subscriber } = options;
  let connection: RedisConnection;
  let channel: RedisChannel;
  if (isIoredis(client)) {
    if (subscriber !== undefined && !isIoredis(subscriber)) throw new InvalidConfigError('subscriber', subscriber, 'an ioredis client, as client is');
    connection = ioredisConnection(client);
    channel = ioredisChannel(client, subscriber);
  } else if (isNodeRedis(client)) {
    if (subscriber !== undefined && !isNodeRedis(subscriber)) throw new InvalidConfigError('subscriber', subscriber, 'a node-redis client, as client is');
    connection = nodeRedisConnection(client);
    channel = nodeRedisChannel(client, subscriber);
  } else {
    throw new InvalidConfigError('client', client, 'an ioredis client or a node-redis v5 client');
  }
  return new RedisStore(resolved, connection, channel);
}
