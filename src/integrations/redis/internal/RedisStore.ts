import type { Observable, SchedulerLike, Subscription } from 'rxjs';
import type { CircuitBreaker } from '../../../index.js';
import { InvalidConfigError } from '../../../index.js';
import type { FleetCounts, RedisBreakerStore, RedisStoreEvent, RedisStoreStatus } from '../types.js';
import type { SyncContext } from './BreakerSync.js';
import { BreakerSync } from './BreakerSync.js';
import { GuardedRedis } from './GuardedRedis.js';
import { breakerKeys, changesChannel } from './keys.js';
import type { RedisChannel, RedisConnection } from './RedisConnection.js';
import type { ResolvedStoreOptions } from './resolveOptions.js';
import { scheduleUnref } from './scheduleUnref.js';
import type { Script } from './Script.js';
import { scripts } from './scripts.js';
import { parseAnnouncement } from './sharedState.js';
import { StoreStatus } from './StoreStatus.js';

const SUBSCRIBE_RETRY_MS = 1_000;

/**
 * @internal The store behind {@link redisBreakerStore}: one {@link BreakerSync} per attached
 * breaker, one guarded command connection, one announcement channel, and the timers that
 * re-read the shared state and write outcome counts.
 */
export class RedisStore implements RedisBreakerStore, SyncContext {
  readonly channel: string;
  readonly status$: Observable<RedisStoreStatus>;
  readonly events$: Observable<RedisStoreEvent>;
  private readonly state: StoreStatus;
  private readonly syncs = new Map<string, Set<BreakerSync>>();
  private readonly redis: GuardedRedis;
  private readonly scheduler: SchedulerLike;
  private readonly cleanup: (() => void)[] = [];
  private subscribeRetry: Subscription | null = null;
  private disposed = false;

  constructor(
    readonly options: ResolvedStoreOptions,
    connection: RedisConnection,
    private readonly announcements: RedisChannel,
  ) {
    this.scheduler = options.scheduler;
    this.channel = changesChannel(options.keyPrefix);
    // Announcements made while a link was down are lost: on every return, read everything again.
    this.state = new StoreStatus(this.scheduler, options.logger, connection.isReady(), () => this.sync());
    this.status$ = this.state.status$;
    this.events$ = this.state.events$;
    this.redis = new GuardedRedis(connection, options.commandTimeoutMs, this.scheduler);
    this.cleanup.push(
      connection.watch({ up: () => this.state.set('main', true, ''), down: (reason) => this.state.set('main', false, `client ${reason}`) }),
      announcements.watch({
        up: () => this.state.set('channel', announcements.isReady(), ''),
        down: (reason) => this.state.set('channel', false, `subscriber ${reason}`),
      }),
    );
    const guard = this.redis.state$.subscribe((state) => {
      // Half-open: one probe finds out whether Redis is back (after the guard's transition has finished).
      if (state === 'half_open') void Promise.resolve().then(() => this.redis.ping()).catch(() => undefined);
      this.state.set('guard', state === 'closed', 'Redis does not answer');
    });
    this.cleanup.push(() => guard.unsubscribe(), () => this.subscribeRetry?.unsubscribe());
    this.subscribeAnnouncements();
    this.every(options.syncIntervalMs, () => {
      if (this.redis.healthy) this.sync();
    });
    if (options.counts !== null) this.every(options.counts.flushIntervalMs, () => void this.flushCounts());
  }

  get status(): RedisStoreStatus {
    return this.state.value;
  }

  get connected(): boolean {
    return this.state.value === 'connected';
  }

  get instanceId(): string {
    return this.options.instanceId;
  }

  attach(breaker: CircuitBreaker): () => void {
    if (this.disposed) return () => undefined;
    const sync = new BreakerSync(breaker, this);
    let set = this.syncs.get(breaker.name);
    if (set === undefined) this.syncs.set(breaker.name, (set = new Set()));
    set.add(sync);
    breaker.setSharedLink(sync);
    sync.resync();
    return () => {
      breaker.setSharedLink(null);
      sync.detach();
      this.syncs.get(breaker.name)?.delete(sync);
      if (this.syncs.get(breaker.name)?.size === 0) this.syncs.delete(breaker.name);
    };
  }

  sync(): void {
    for (const set of this.syncs.values()) for (const sync of set) sync.resync();
  }

  async fleetCounts(name: string): Promise<FleetCounts> {
    const counts = this.options.counts;
    if (counts === null) throw new InvalidConfigError('countOutcomes', undefined, 'enabled to read fleet counts');
    const { countsPrefix } = breakerKeys(this.options.keyPrefix, name);
    const newest = Math.floor(this.now() / counts.bucketMs);
    const keys = Array.from({ length: counts.buckets }, (_, i) => `${countsPrefix}${newest - i}`);
    const reply = await this.redis.run(scripts.countsRead, keys, []);
    const [successes, failures, instances] = Array.isArray(reply) ? reply.map(Number) : [];
    return { successes: successes ?? 0, failures: failures ?? 0, instances: instances ?? 0 };
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const flushed = this.flushCounts();
    for (const set of this.syncs.values()) {
      for (const sync of set) {
        sync.breaker.setSharedLink(null);
        sync.detach();
      }
    }
    this.syncs.clear();
    this.cleanup.forEach((stop) => stop());
    await Promise.all([flushed, this.announcements.close().catch(() => undefined)]);
    this.redis.dispose();
    this.state.complete();
  }

  // --- SyncContext ---

  run(script: Script, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    return this.redis.run(script, keys, args);
  }

  now(): number {
    return this.scheduler.now();
  }

  fail(error: unknown, breaker: string): void {
    this.state.emit({ type: 'error', at: this.now(), breaker, error });
  }

  // --- internals ---

  /** Subscribes to the announcements; a client that gives up while Redis is away (ioredis' `maxRetriesPerRequest`) is asked again. */
  private subscribeAnnouncements(): void {
    this.announcements.subscribe(this.channel, (message) => this.onAnnouncement(message)).then(
      () => this.state.set('channel', this.announcements.isReady(), ''),
      () => {
        if (!this.disposed) this.subscribeRetry = scheduleUnref(this.scheduler, SUBSCRIBE_RETRY_MS, () => this.subscribeAnnouncements());
      },
    );
  }

  private onAnnouncement(message: string): void {
    const parsed = parseAnnouncement(message);
    if (parsed === null) return;
    const set = this.syncs.get(parsed.name);
    if (set !== undefined) for (const sync of set) sync.announced(parsed.snapshot);
  }

  /** Writes every breaker's changed outcome buckets (one command per bucket, never one per call). */
  private flushCounts(): Promise<void> {
    const counts = this.options.counts;
    if (counts === null) return Promise.resolve();
    const writes: Promise<unknown>[] = [];
    const ttl = counts.bucketMs * (counts.buckets + 1);
    for (const set of this.syncs.values()) {
      for (const { counts: buckets, breaker, keys } of set) {
        if (buckets === null) continue;
        if (buckets.dropped > 0) {
          this.state.emit({ type: 'dropped', at: this.now(), breaker: breaker.name, outcomes: buckets.dropped });
          buckets.dropped = 0;
        }
        for (const b of buckets.drain()) {
          const write = this.redis.run(scripts.countsWrite, [`${keys.countsPrefix}${b.bucket}`], [this.options.instanceId, b.successes, b.failures, ttl]);
          writes.push(write.catch(() => buckets.retry(b.bucket)));
        }
      }
    }
    return Promise.all(writes).then(() => undefined);
  }

  /** Runs `work` every `periodMs` until disposed. */
  private every(periodMs: number, work: () => void): void {
    let timer: Subscription | null = null;
    const loop = () => {
      if (this.disposed) return;
      work();
      timer = scheduleUnref(this.scheduler, periodMs, loop);
    };
    timer = scheduleUnref(this.scheduler, periodMs, loop);
    this.cleanup.push(() => timer?.unsubscribe());
  }
}
