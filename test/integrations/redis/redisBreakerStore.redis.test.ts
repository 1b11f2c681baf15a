// redisBreakerStore in one process against a real redis-server: status, connections it
// owns or not, keys, degraded mode, outcome counts.
import { Redis } from 'ioredis';
import type { RedisClientType } from 'redis';
import { createClient } from 'redis';
import { firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CircuitBreakerRegistry, isInvalidConfigError } from '../../../src/index.js';
import type { RedisBreakerStore, RedisStoreEvent, RedisStoreStatus } from '../../../src/integrations/redis/index.js';
import { redisBreakerStore } from '../../../src/integrations/redis/index.js';
import { eventually } from './harness/fleet.js';
import { RedisServer } from './harness/redisServer.js';
import { redisSuite } from './harness/redisSuite.js';

redisSuite('redisBreakerStore against redis-server', (bin) => {
  let server: RedisServer;
  let admin: Redis;
  const cleanup: (() => Promise<unknown> | unknown)[] = [];

  beforeAll(async () => {
    server = await RedisServer.start(bin);
    admin = new Redis(server.port, '127.0.0.1', { maxRetriesPerRequest: 1, lazyConnect: false });
    admin.on('error', () => undefined);
  }, 30_000);

  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
    await server.ensureRunning();
    await admin.flushall();
  });

  afterAll(async () => {
    admin?.disconnect();
    await server?.stop();
  });

  function ioredis(): Redis {
    const client = new Redis(server.port, '127.0.0.1', { maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    cleanup.push(() => client.disconnect());
    return client;
  }

  async function nodeRedis(RESP: 2 | 3 = 2): Promise<RedisClientType> {
    const client = createClient({ url: server.url, RESP }) as RedisClientType;
    client.on('error', () => undefined);
    await client.connect();
    cleanup.push(() => client.isOpen && client.destroy());
    return client;
  }

  function store(options: Parameters<typeof redisBreakerStore>[0]): RedisBreakerStore {
    const s = redisBreakerStore(options);
    cleanup.push(() => s.dispose());
    return s;
  }

  const connected = (s: RedisBreakerStore) => eventually(() => s.status === 'connected', 5_000, 'the store to connect');
  const clientCount = async () => (await admin.client('LIST') as string).trim().split('\n').length;

  describe('status', () => {
    it('gives its current status on subscribe, then connects', async () => {
      const s = store({ client: ioredis() });
      const seen: RedisStoreStatus[] = [];
      s.status$.subscribe((status) => seen.push(status));
      await connected(s);
      expect(seen).toEqual(['degraded', 'connected']);
      expect(await firstValueFrom(s.status$)).toBe('connected');
    });

    it('reports degraded while redis-server is down, and connected once it is back', async () => {
      const warnings: string[] = [];
      const s = store({ client: await nodeRedis(), commandTimeoutMs: 100, logger: { warn: (m) => warnings.push(m) } });
      const events: RedisStoreEvent['type'][] = [];
      s.events$.subscribe((e) => events.push(e.type));
      await connected(s);
      await server.kill();
      await eventually(() => s.status === 'degraded', 3_000, 'degraded');
      await server.restart();
      await connected(s);
      expect(events).toEqual(['connected', 'degraded', 'connected']);
      expect(warnings.some((w) => w.includes('degraded'))).toBe(true);
    });
  });

  describe('starting while Redis is down', () => {
    it.each(['ioredis', 'node-redis'] as const)('connects once redis-server comes up (%s)', async (kind) => {
      await server.kill();
      let client: Redis | RedisClientType;
      if (kind === 'ioredis') {
        client = ioredis();
      } else {
        client = createClient({ url: server.url }) as RedisClientType;
        client.on('error', () => undefined);
        const c = client;
        void c.connect().catch(() => undefined);
        cleanup.push(() => c.isOpen && c.destroy());
      }
      const s = store({ client });
      await new Promise((r) => setTimeout(r, 300));
      expect(s.status).toBe('degraded');
      await server.restart();
      await connected(s);
    });
  });

  describe('connections', () => {
    it('closes the subscriber it opened and leaves the application client open (ioredis)', async () => {
      const client = ioredis();
      const before = await clientCount();
      const s = redisBreakerStore({ client });
      await connected(s);
      expect(await clientCount()).toBe(before + 2);
      await s.dispose();
      await eventually(async () => (await clientCount()) === before + 1, 3_000, 'the subscriber to close');
      expect(await client.ping()).toBe('PONG');
    });

    it('closes the subscriber it opened and leaves the application client open (node-redis)', async () => {
      const client = await nodeRedis(3);
      const before = await clientCount();
      const s = redisBreakerStore({ client });
      await connected(s);
      expect(await clientCount()).toBe(before + 1);
      await s.dispose();
      await eventually(async () => (await clientCount()) === before, 3_000, 'the subscriber to close');
      expect(await client.ping()).toBe('PONG');
    });

    it('never closes a subscriber it was given', async () => {
      const subscriber = ioredis();
      const s = redisBreakerStore({ client: ioredis(), subscriber });
      await connected(s);
      await s.dispose();
      expect(subscriber.status).toBe('ready');
      expect(await subscriber.ping()).toBe('PONG');
    });
  });

  describe('sharing', () => {
    it('opens the breaker of another instance on a trip', async () => {
      const a = store({ client: ioredis() });
      const b = store({ client: await nodeRedis(3) });
      const ra = new CircuitBreakerRegistry({ store: a, defaults: { failureThreshold: 1 } });
      const rb = new CircuitBreakerRegistry({ store: b, defaults: { failureThreshold: 1 } });
      cleanup.push(() => ra.dispose(), () => rb.dispose());
      await Promise.all([connected(a), connected(b)]);
      const remote = rb.get('orders');
      const permit = ra.get('orders').acquire();
      if (!(permit instanceof Error)) permit.failure(new Error('down'));
      await eventually(() => remote.state === 'open', 2_000, 'the other instance to open');
    });

    it('shares a manual transition', async () => {
      const a = store({ client: ioredis() });
      const b = store({ client: ioredis() });
      const ra = new CircuitBreakerRegistry({ store: a });
      const rb = new CircuitBreakerRegistry({ store: b });
      cleanup.push(() => ra.dispose(), () => rb.dispose());
      await Promise.all([connected(a), connected(b)]);
      const remote = rb.get('search');
      ra.get('search').forceOpen();
      await eventually(() => remote.state === 'forced_open', 2_000, 'forced_open to reach the other instance');
    });

    it('joins an open fleet when a breaker is created later', async () => {
      const a = store({ client: ioredis() });
      const ra = new CircuitBreakerRegistry({ store: a });
      cleanup.push(() => ra.dispose());
      await connected(a);
      ra.get('late').disable();
      await eventually(async () => (await admin.hget('{rxcb:late}:state', 'state')) === 'disabled', 2_000, 'the shared state');
      const b = store({ client: ioredis() });
      const rb = new CircuitBreakerRegistry({ store: b });
      cleanup.push(() => rb.dispose());
      const joined = rb.get('late');
      await eventually(() => joined.state === 'disabled', 2_000, 'the new breaker to follow');
    });

    it('keys every breaker under its own hash tag with the key prefix', async () => {
      const s = store({ client: ioredis(), keyPrefix: 'shop' });
      const r = new CircuitBreakerRegistry({ store: s });
      cleanup.push(() => r.dispose());
      await connected(s);
      r.get('db').forceOpen();
      await eventually(async () => (await admin.keys('*')).length > 0, 2_000, 'a key');
      expect(await admin.keys('*')).toEqual(['{shop:db}:state']);
    });
  });

  describe('outcome counts', () => {
    it('sums the outcomes of every instance, written in batches', async () => {
      const a = store({ client: ioredis(), countOutcomes: { flushIntervalMs: 100 } });
      const b = store({ client: ioredis(), countOutcomes: { flushIntervalMs: 100 } });
      const ra = new CircuitBreakerRegistry({ store: a, defaults: { failureThreshold: 1_000 } });
      const rb = new CircuitBreakerRegistry({ store: b, defaults: { failureThreshold: 1_000 } });
      cleanup.push(() => ra.dispose(), () => rb.dispose());
      await Promise.all([connected(a), connected(b)]);
      const evalshaBefore = await evalshaCalls(admin);
      for (let i = 0; i < 100; i++) {
        const permit = ra.get('pay').acquire();
        if (!(permit instanceof Error)) permit.success();
      }
      for (let i = 0; i < 30; i++) {
        const permit = rb.get('pay').acquire();
        if (!(permit instanceof Error)) permit.failure(new Error('x'));
      }
      await eventually(async () => (await a.fleetCounts('pay')).successes === 100 && (await a.fleetCounts('pay')).failures === 30, 3_000, 'the counts');
      expect(await b.fleetCounts('pay')).toEqual({ successes: 100, failures: 30, instances: 2 });
      expect((await evalshaCalls(admin)) - evalshaBefore).toBeLessThan(30);
    });

    it('refuses to read fleet counts it does not keep', async () => {
      const s = store({ client: ioredis() });
      await expect(s.fleetCounts('x')).rejects.toSatisfy(isInvalidConfigError);
    });
  });

  describe('options', () => {
    it('refuses something that is not a Redis client', () => {
      expect(() => redisBreakerStore({ client: { get() {} } })).toThrow(expect.objectContaining({ option: 'client' }));
    });

    it('refuses a subscriber of the other client library', () => {
      expect(() => redisBreakerStore({ client: ioredis(), subscriber: createClient() })).toThrow(expect.objectContaining({ option: 'subscriber' }));
    });

    it('opens no connection when an option is invalid', () => {
      let duplicated = 0;
      const fake = { status: 'ready', call: () => Promise.resolve(), duplicate: () => (duplicated++, fake), on() {}, off() {} };
      expect(() => redisBreakerStore({ client: fake, leaseMs: -1 })).toThrow(expect.objectContaining({ option: 'leaseMs' }));
      expect(duplicated).toBe(0);
    });
  });
});

async function evalshaCalls(admin: Redis): Promise<number> {
  const info = await admin.info('commandstats');
  return Number(/cmdstat_evalsha:calls=(\d+)/.exec(info)?.[1] ?? 0);
}
