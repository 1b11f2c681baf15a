// `rxjs-circuit-breaker/redis`: breaker state shared across instances through Redis (ioredis or node-redis).
export { redisBreakerStore } from './redisBreakerStore.js';
export type { CountOutcomesOptions, RedisBreakerStoreOptions, RedisClientLike, RedisStoreLogger, TripOn } from './options.js';
export type { FleetCounts, RedisBreakerStore, RedisStoreEvent, RedisStoreStatus } from './types.js';
