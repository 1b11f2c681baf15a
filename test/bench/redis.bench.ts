/**
 * The per-call cost of the closed path with and without the Redis store (issue 7: within
 * 10% of the local breaker). The store never touches a call on the closed path, so the two
 * should measure the same; this keeps it so.
 *
 * For the lead's runner (test/bench/run.ts):
 *   const redis = await redisBench();        // starts a throwaway redis-server when one is installed
 *   tasks.push(...redis.tasks);              // measured in the same interleaved rounds
 *   ratios.push(...redis.ratios(nsPerOp));   // 'shared / local' <= 1.10
 *   await redis.teardown();
 *
 * Standalone: `npx tsx test/bench/redis.bench.ts [--rounds 5]`.
 */
import { Redis } from 'ioredis';
import { measure } from 'mitata';
import { of } from 'rxjs';
import type { CircuitBreaker } from '../../index.js';
import { circuitBreaker, CircuitBreakerRegistry } from '../../index.js';
import { redisBreakerStore } from '../../src/integrations/redis/index.js';
import { findRedisServer, RedisServer } from '../integrations/redis/harness/redisServer.js';
import type { Task } from './tasks.js';

/** One ratio line of the report. */
export interface RedisRatio {
  label: string;
  value: number;
  target: string;
  met: boolean;
}

const PAIRS = [
  ['operator closed (sync source)', (b: CircuitBreaker) => {
    const one$ = of(1).pipe(circuitBreaker(b));
    const observer = { next: () => {}, error: () => {} };
    return () => one$.subscribe(observer);
  }],
  ['acquire() + success() closed', (b: CircuitBreaker) => () => {
    const permit = b.acquire();
    if (!(permit instanceof Error)) permit.success();
  }],
  ['execute() closed', (b: CircuitBreaker) => {
    const fn = async () => 1;
    return () => b.execute(fn);
  }],
] as const;

const local = (what: string) => `redis: ${what}, local breaker`;
const shared = (what: string) => `redis: ${what}, shared through Redis`;

/**
 * The tasks (each closed-path shape on a local breaker and on one attached to a connected
 * Redis store), the ratios to report, and a teardown. Without redis-server the store runs
 * degraded, which the closed path does not notice either; `connected` says which it was.
 */
export async function redisBench(): Promise<{ tasks: Task[]; ratios(ns: Record<string, number>): RedisRatio[]; connected: boolean; teardown(): Promise<void> }> {
  const bin = findRedisServer();
  const server = bin === null ? null : await RedisServer.start(bin);
  const client = new Redis(server?.port ?? 1, '127.0.0.1', { lazyConnect: server === null, maxRetriesPerRequest: 1 });
  client.on('error', () => {});
  const store = redisBreakerStore({ client });
  // Both sides live in a registry, so the only difference measured is the store.
  const registry = new CircuitBreakerRegistry({ store });
  const localRegistry = new CircuitBreakerRegistry();
  const connected = await new Promise<boolean>((resolve) => {
    if (server === null) return resolve(false);
    const sub = store.status$.subscribe((s) => s === 'connected' && resolve(true));
    setTimeout(() => (sub.unsubscribe(), resolve(false)), 5_000);
  });
  const tasks: Task[] = [];
  for (const [what, make] of PAIRS) {
    tasks.push({ name: local(what), fn: make(localRegistry.get(`local ${what}`)) });
    tasks.push({ name: shared(what), fn: make(registry.get(`shared ${what}`)) });
  }
  return {
    tasks,
    connected,
    ratios: (ns) =>
      PAIRS.map(([what]) => {
        const value = ns[shared(what)]! / ns[local(what)]!;
        return { label: `${what}: shared / local`, value, target: '<= 1.10', met: value <= 1.1 };
      }),
    async teardown() {
      registry.dispose();
      localRegistry.dispose();
      await store.dispose();
      client.disconnect();
      await server?.stop();
    },
  };
}

async function main(): Promise<void> {
  const roundsArg = process.argv.indexOf('--rounds');
  const rounds = roundsArg >= 0 ? Number(process.argv[roundsArg + 1]) : 5;
  const bench = await redisBench();
  const samples = new Map<string, number[]>(bench.tasks.map((t) => [t.name, []]));
  for (let round = 0; round < rounds; round++) {
    // Each pair measured A-B-B-A, so drift on a busy machine hits both sides alike.
    for (let i = 0; i < bench.tasks.length; i += 2) {
      const [a, b] = [bench.tasks[i]!, bench.tasks[i + 1]!];
      for (const task of [a, b, b, a]) samples.get(task.name)!.push((await measure(task.fn, { min_cpu_time: 50e6 })).p50);
    }
  }
  // The median p50 is what the lead's runner reports; the lowest p50 is the least disturbed by a busy machine.
  const median: Record<string, number> = {};
  const best: Record<string, number> = {};
  for (const [name, xs] of samples) {
    const sorted = [...xs].sort((a, b) => a - b);
    median[name] = sorted[sorted.length >> 1]!;
    best[name] = sorted[0]!;
  }
  console.log(`store ${bench.connected ? 'connected to a local redis-server' : 'degraded (no redis-server)'}; p50 over ${rounds} rounds of A-B-B-A (median / lowest)`);
  for (const name of Object.keys(median)) console.log(`${name.padEnd(60)} ${median[name]!.toFixed(1).padStart(8)} / ${best[name]!.toFixed(1).padStart(8)} ns/op`);
  const lowest = bench.ratios(best);
  for (const [i, r] of bench.ratios(median).entries()) {
    console.log(`${r.label.padEnd(60)} ${r.value.toFixed(3).padStart(8)} / ${lowest[i]!.value.toFixed(3).padStart(8)}   ${r.target}${r.met ? '  ok' : '  MISSED'}`);
  }
  await bench.teardown();
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await main();
