// The Lua scripts against a real redis-server: generations, leases, quorum, TTLs, and
// replies that are identical whichever client and protocol carried them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { breakerKeys } from '../../../src/integrations/redis/internal/keys.js';
import type { Script } from '../../../src/integrations/redis/internal/Script.js';
import { scripts } from '../../../src/integrations/redis/internal/scripts.js';
import { parseSnapshot } from '../../../src/integrations/redis/internal/sharedState.js';
import type { TestClient } from './harness/clients.js';
import { connect, FLAVOURS } from './harness/clients.js';
import { RedisServer } from './harness/redisServer.js';
import { redisSuite } from './harness/redisSuite.js';

const CHANNEL = 'rxcb:changes';
const TTL = 60_000;

redisSuite('redis store scripts', (bin) => {
  let server: RedisServer;
  let clients: TestClient[];
  let redis: TestClient;
  let n = 0;

  beforeAll(async () => {
    server = await RedisServer.start(bin);
    clients = await Promise.all(FLAVOURS.map((f) => connect(f, server.port)));
    redis = clients[0]!;
  }, 30_000);

  afterAll(async () => {
    await Promise.all(clients?.map((c) => c.close()) ?? []);
    await server?.stop();
  });

  const fresh = () => breakerKeys('rxcb', `b${n++}`);
  const name = (keys: ReturnType<typeof fresh>) => keys.state.slice(6, keys.state.indexOf('}'));

  async function run(script: Script, keys: string[], args: (string | number)[], client = redis): Promise<unknown> {
    try {
      return await client.connection.send(script.evalsha(keys, args));
    } catch (error) {
      if (!String(error).includes('NOSCRIPT')) throw error;
      return client.connection.send(script.eval(keys, args));
    }
  }

  /** ARGV of the propose script; see luaScripts.ts. */
  function propose(keys: ReturnType<typeof fresh>, kind: string, baseGen: number, to: string, o: { remaining?: number; by?: string; quorum?: number; windowMs?: number; threshold?: number } = {}) {
    const args = [kind, baseGen, to, o.remaining ?? 0, o.remaining ?? 0, 1, kind === 'manual' ? 'manual' : 'failure_threshold', o.by ?? 'A', TTL, o.quorum ?? 0, o.windowMs ?? 60_000, o.threshold ?? 2, CHANNEL, name(keys), 0];
    return run(scripts.propose, [keys.state, keys.leases, keys.trips], args).then(parseSnapshot);
  }

  const read = (keys: ReturnType<typeof fresh>, earlyMs = 0) =>
    run(scripts.read, [keys.state, keys.leases], [CHANNEL, name(keys), TTL, earlyMs, 'R']).then(parseSnapshot);

  const lease = (keys: ReturnType<typeof fresh>, member: string, max = 2, leaseMs = 10_000) =>
    run(scripts.lease, [keys.state, keys.leases], [member, max, leaseMs, 0, CHANNEL, name(keys), TTL, 'A']).then(parseSnapshot);

  const hash = (key: string) => redis.connection.send(['HGETALL', key]);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('replies the same values of the same types over ioredis, node-redis RESP2 and RESP3', async () => {
    const keys = fresh();
    await propose(keys, 'manual', 0, 'forced_open');
    const replies = await Promise.all(clients.map((c) => run(scripts.read, [keys.state, keys.leases], [CHANNEL, name(keys), TTL, 0, 'R'], c)));
    const leaseReplies = await Promise.all(clients.map((c) => run(scripts.lease, [keys.state, keys.leases], ['m', 1, 1_000, 0, CHANNEL, name(keys), TTL, 'A'], c)));
    expect(replies[1]).toStrictEqual(replies[0]);
    expect(replies[2]).toStrictEqual(replies[0]);
    expect(leaseReplies[1]).toStrictEqual(leaseReplies[0]);
    expect(leaseReplies[2]).toStrictEqual(leaseReplies[0]);
    expect((replies[0] as unknown[]).map((v) => typeof v)).toEqual(['number', 'string', 'number', 'number', 'number', 'number', 'string', 'string', 'number']);
  });

  it('reads no shared state for a breaker never written, and creates no key', async () => {
    const keys = fresh();
    expect((await read(keys)).state).toBe('none');
    expect(await redis.connection.send(['EXISTS', keys.state])).toBe(0);
  });

  it('opens on a trip, starting generations at the Redis clock', async () => {
    const keys = fresh();
    const before = Date.now();
    const s = await propose(keys, 'trip', 0, 'open', { remaining: 5_000 });
    expect(s).toMatchObject({ code: 1, state: 'open', by: 'A', reason: 'failure_threshold' });
    expect(s.gen).toBeGreaterThanOrEqual(before - 5_000);
    expect(s.remainingMs).toBeGreaterThan(4_900);
  });

  it('announces every shared change on the channel', async () => {
    const keys = fresh();
    const listener = await connect('node-redis RESP2', server.port);
    const subscriber = (listener.client as import('redis').RedisClientType).duplicate();
    subscriber.on('error', () => undefined);
    await subscriber.connect();
    const messages: string[] = [];
    await subscriber.subscribe(CHANNEL, (m) => messages.push(m));
    await propose(keys, 'trip', 0, 'open', { remaining: 1_000 });
    for (let i = 0; i < 100 && messages.length === 0; i++) await sleep(10);
    expect((JSON.parse(messages[0]!) as unknown[]).slice(0, 2)).toEqual([name(keys), 'open']);
    subscriber.destroy();
    await listener.close();
  });

  it('keeps the key alive for the TTL plus the break in progress', async () => {
    const keys = fresh();
    await propose(keys, 'trip', 0, 'open', { remaining: 30_000 });
    const pttl = Number(await redis.connection.send(['PTTL', keys.state]));
    expect(pttl).toBeGreaterThan(TTL + 29_000);
    expect(pttl).toBeLessThanOrEqual(TTL + 30_000);
  });

  it('never lets a stale trial result change the shared state', async () => {
    const keys = fresh();
    const opened = await propose(keys, 'trip', 0, 'open', { remaining: 0 });
    const halfOpen = await read(keys);
    expect(halfOpen).toMatchObject({ state: 'half_open', gen: opened.gen + 1 });
    const before = await hash(keys.state);
    const stale = await propose(keys, 'reopen', opened.gen, 'open', { remaining: 5_000 });
    expect(stale).toMatchObject({ code: 0, state: 'half_open', gen: halfOpen.gen });
    expect(await hash(keys.state)).toStrictEqual(before);
  });

  it('refuses a trip based on a generation the fleet has moved past', async () => {
    const keys = fresh();
    const first = await propose(keys, 'manual', 0, 'closed');
    await propose(keys, 'manual', first.gen, 'closed');
    expect(await propose(keys, 'trip', first.gen, 'open', { remaining: 1_000 })).toMatchObject({ code: 0, state: 'closed' });
  });

  it('applies every manual transition, each in a new generation', async () => {
    const keys = fresh();
    const opened = await propose(keys, 'trip', 0, 'open', { remaining: 60_000 });
    const forced = await propose(keys, 'manual', 12345, 'disabled');
    expect(forced).toMatchObject({ code: 1, state: 'disabled', gen: opened.gen + 1, reason: 'manual' });
  });

  it('restores a shared state only where none exists', async () => {
    const keys = fresh();
    expect(await propose(keys, 'restore', 0, 'forced_open')).toMatchObject({ code: 1, state: 'forced_open', reason: 'restored' });
    expect(await propose(keys, 'restore', 0, 'disabled')).toMatchObject({ code: 0, state: 'forced_open' });
  });

  it('closes a half-open round once the fleet counted enough successes', async () => {
    const keys = fresh();
    await propose(keys, 'trip', 0, 'open', { remaining: 0 });
    const round = await read(keys);
    expect(await propose(keys, 'success', round.gen, 'half_open', { by: 'A' })).toMatchObject({ code: 1, state: 'half_open', successes: 1 });
    expect(await propose(keys, 'success', round.gen, 'half_open', { by: 'B' })).toMatchObject({ code: 1, state: 'closed', reason: 'trials_succeeded' });
  });

  it('grants at most halfOpenMaxCalls leases per round', async () => {
    const keys = fresh();
    await propose(keys, 'trip', 0, 'open', { remaining: 0 });
    const granted = await Promise.all(['a', 'b', 'c', 'd'].map((m) => lease(keys, m, 2)));
    expect(granted.map((g) => g.code).sort()).toEqual([0, 0, 1, 1]);
  });

  it('grants no lease while the breaker is not half-open', async () => {
    const keys = fresh();
    await propose(keys, 'trip', 0, 'open', { remaining: 60_000 });
    expect(await lease(keys, 'a')).toMatchObject({ code: 0, state: 'open' });
  });

  it('frees the slot of an expired lease', async () => {
    const keys = fresh();
    await propose(keys, 'trip', 0, 'open', { remaining: 0 });
    expect((await lease(keys, 'crashed', 1, 100)).code).toBe(1);
    expect((await lease(keys, 'b', 1, 100)).code).toBe(0);
    await sleep(150);
    expect((await lease(keys, 'b', 1, 100)).code).toBe(1);
  });

  it('starts a new round without the leases of the last one', async () => {
    const keys = fresh();
    await propose(keys, 'trip', 0, 'open', { remaining: 0 });
    const round = await lease(keys, 'a', 1);
    await propose(keys, 'reopen', round.gen, 'open', { remaining: 0 });
    expect(await lease(keys, 'b', 1)).toMatchObject({ code: 1, gen: round.gen + 2 });
  });

  it('gives a lease back', async () => {
    const keys = fresh();
    await propose(keys, 'trip', 0, 'open', { remaining: 0 });
    await lease(keys, 'a', 1);
    expect(await run(scripts.release, [keys.leases], ['a'])).toBe(1);
    expect((await lease(keys, 'b', 1)).code).toBe(1);
  });

  it('opens on quorum only once enough instances tripped', async () => {
    const keys = fresh();
    expect(await propose(keys, 'trip', 0, 'open', { remaining: 1_000, quorum: 2, by: 'A' })).toMatchObject({ code: 2, state: 'none' });
    expect(await propose(keys, 'trip', 0, 'open', { remaining: 1_000, quorum: 2, by: 'A' })).toMatchObject({ code: 2 });
    expect(await propose(keys, 'trip', 0, 'open', { remaining: 1_000, quorum: 2, by: 'B' })).toMatchObject({ code: 1, state: 'open' });
  });

  it('forgets trip reports older than the quorum window', async () => {
    const keys = fresh();
    await propose(keys, 'trip', 0, 'open', { remaining: 1_000, quorum: 2, windowMs: 100, by: 'A' });
    await sleep(150);
    expect(await propose(keys, 'trip', 0, 'open', { remaining: 1_000, quorum: 2, windowMs: 100, by: 'B' })).toMatchObject({ code: 2 });
  });

  it('stores outcome counts as absolute totals per instance and sums them', async () => {
    const bucket = `${fresh().countsPrefix}1`;
    await run(scripts.countsWrite, [bucket], ['A', 3, 1, 10_000]);
    await run(scripts.countsWrite, [bucket], ['A', 3, 1, 10_000]);
    await run(scripts.countsWrite, [bucket], ['B', 2, 0, 10_000]);
    expect(await run(scripts.countsRead, [bucket, `${bucket}x`], [])).toEqual([5, 1, 2]);
  });
});
