import { randomBytes } from 'node:crypto';
import type { SchedulerLike } from 'rxjs';
import { asyncScheduler } from 'rxjs';
import { InvalidConfigError } from '../../../index.js';
import type { RedisBreakerStoreOptions, RedisStoreLogger } from '../options.js';

/** @internal {@link RedisBreakerStoreOptions} after validation, with defaults. */
export interface ResolvedStoreOptions {
  readonly keyPrefix: string;
  /** 0 for `'any-instance'`. */
  readonly quorum: number;
  readonly quorumWindowMs: number;
  readonly leaseMs: number;
  readonly syncIntervalMs: number;
  readonly commandTimeoutMs: number;
  readonly keyTtlMs: number;
  readonly instanceId: string;
  readonly counts: { readonly bucketMs: number; readonly buckets: number; readonly flushIntervalMs: number } | null;
  readonly scheduler: SchedulerLike;
  readonly logger: RedisStoreLogger | null;
}

const KNOWN = new Set([
  'client', 'subscriber', 'keyPrefix', 'tripOn', 'leaseMs', 'syncIntervalMs', 'commandTimeoutMs', 'keyTtlMs',
  'instanceId', 'countOutcomes', 'scheduler', 'logger',
]);

/** @internal Validates the store's options (not the clients) and applies defaults. */
export function resolveStoreOptions(options: RedisBreakerStoreOptions): ResolvedStoreOptions {
  if (typeof options !== 'object' || options === null) throw new InvalidConfigError('options', options, 'an object');
  const o = options as unknown as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) throw new InvalidConfigError(key, o[key], 'a known option (no such option)');
  }
  const keyPrefix = o.keyPrefix === undefined ? 'rxcb' : requireName('keyPrefix', o.keyPrefix);
  const { quorum, windowMs } = resolveTripOn(o.tripOn);
  return {
    keyPrefix,
    quorum,
    quorumWindowMs: windowMs,
    leaseMs: duration('leaseMs', o.leaseMs, 10_000),
    syncIntervalMs: duration('syncIntervalMs', o.syncIntervalMs, 5_000),
    commandTimeoutMs: duration('commandTimeoutMs', o.commandTimeoutMs, 500),
    keyTtlMs: duration('keyTtlMs', o.keyTtlMs, 3_600_000),
    instanceId: o.instanceId === undefined ? `${process.pid}-${randomBytes(4).toString('hex')}` : requireName('instanceId', o.instanceId),
    counts: resolveCounts(o.countOutcomes),
    scheduler: o.scheduler === undefined ? asyncScheduler : requireScheduler(o.scheduler),
    logger: o.logger === undefined ? null : requireLogger(o.logger),
  };
}

function resolveTripOn(value: unknown): { quorum: number; windowMs: number } {
  if (value === undefined || value === 'any-instance') return { quorum: 0, windowMs: 0 };
  if (typeof value !== 'object' || value === null) {
    throw new InvalidConfigError('tripOn', value, "'any-instance' or { quorum: n, windowMs? }");
  }
  const { quorum, windowMs, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw new InvalidConfigError(`tripOn.${extra}`, rest[extra], 'a known option (no such option)');
  if (typeof quorum !== 'number' || !Number.isInteger(quorum) || quorum < 1) {
    throw new InvalidConfigError('tripOn.quorum', quorum, 'a positive integer');
  }
  return { quorum, windowMs: duration('tripOn.windowMs', windowMs, 60_000) };
}

function resolveCounts(value: unknown): ResolvedStoreOptions['counts'] {
  if (value === undefined || value === false) return null;
  if (value === true) return { bucketMs: 10_000, buckets: 6, flushIntervalMs: 1_000 };
  if (typeof value !== 'object' || value === null) {
    throw new InvalidConfigError('countOutcomes', value, 'a boolean or { bucketMs?, buckets?, flushIntervalMs? }');
  }
  const { bucketMs, buckets, flushIntervalMs, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw new InvalidConfigError(`countOutcomes.${extra}`, rest[extra], 'a known option (no such option)');
  if (buckets !== undefined && (typeof buckets !== 'number' || !Number.isInteger(buckets) || buckets < 1 || buckets > 1000)) {
    throw new InvalidConfigError('countOutcomes.buckets', buckets, 'an integer from 1 to 1000');
  }
  return {
    bucketMs: duration('countOutcomes.bucketMs', bucketMs, 10_000),
    buckets: buckets ?? 6,
    flushIntervalMs: duration('countOutcomes.flushIntervalMs', flushIntervalMs, 1_000),
  };
}

/** A positive whole number of milliseconds (Redis expiries are integers). */
function duration(option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidConfigError(option, value, 'a positive integer (milliseconds)');
  }
  return value;
}

function requireName(option: string, value: unknown): string {
  // Braces would break the hash tag; whitespace and separators make keys hard to read in redis-cli.
  if (typeof value !== 'string' || !/^[^\s{}:]+$/.test(value)) {
    throw new InvalidConfigError(option, value, 'a non-empty string without spaces, braces or colons');
  }
  return value;
}

function requireScheduler(value: unknown): SchedulerLike {
  const s = value as Partial<SchedulerLike> | null;
  if (typeof s !== 'object' || s === null || typeof s.now !== 'function' || typeof s.schedule !== 'function') {
    throw new InvalidConfigError('scheduler', value, 'an RxJS SchedulerLike (with now() and schedule())');
  }
  return s as SchedulerLike;
}

function requireLogger(value: unknown): RedisStoreLogger {
  if (typeof value !== 'object' || value === null || typeof (value as RedisStoreLogger).warn !== 'function') {
    throw new InvalidConfigError('logger', value, 'an object with a warn(message) method, e.g. console');
  }
  return value as RedisStoreLogger;
}
