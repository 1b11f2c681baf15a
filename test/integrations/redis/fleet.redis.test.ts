// Several real Node processes (fixtures/worker.ts) sharing breakers through one real
// redis-server: the scenarios of issue 7. Every wait is bounded; measured figures are
// printed (propagation delay, time to degrade and to converge).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { InitRequest } from './fixtures/worker.js';
import { Dependency } from './harness/dependency.js';
import type { Worker } from './harness/fleet.js';
import { eventually, Worker as WorkerProcess } from './harness/fleet.js';
import { RedisServer } from './harness/redisServer.js';
import { redisSuite } from './harness/redisSuite.js';

const CLIENTS = ['ioredis', 'node-redis', 'node-redis-resp3'] as const;
const LABELS = ['A', 'B', 'C'];

redisSuite(
  'redis store across processes',
  (bin) => {
    let server: RedisServer;
    let dependency: Dependency;
    let admin: Redis;
    let workers: Worker[] = [];

    beforeAll(async () => {
      [server, dependency] = await Promise.all([RedisServer.start(bin), Dependency.start()]);
      admin = new Redis(server.port, '127.0.0.1', { maxRetriesPerRequest: 1 });
      admin.on('error', () => undefined);
      workers = await Promise.all(LABELS.map((label) => WorkerProcess.spawn(label)));
    }, 90_000);

    afterAll(async () => {
      await Promise.all(workers.map((w) => w.stop()));
      admin?.disconnect();
      await dependency?.close();
      await server?.stop();
    }, 30_000);

    /**
     * The three processes (one per client flavour: ioredis, node-redis RESP2 and RESP3) with
     * a fresh store and registry each, sharing `store` options and breaker `defaults`, connected.
     */
    async function fleet(store: InitRequest['store'], defaults: InitRequest['defaults'], watch = true, direct = false): Promise<Worker[]> {
      workers = await Promise.all(workers.map((w) => (w.alive ? w : WorkerProcess.spawn(w.label))));
      await server.ensureRunning();
      await admin.flushall();
      dependency.mode = 'ok';
      dependency.delayMs = 0;
      await Promise.all(workers.map((w, i) => w.init({ client: CLIENTS[i]!, port: server.port, store, defaults, watch, direct })));
      await Promise.all(workers.map((w) => w.waitForStatus('connected', 5_000)));
      return workers;
    }

    async function stopAll(fleetWorkers: Worker[]): Promise<void> {
      await Promise.all(fleetWorkers.filter((w) => w.alive).map((w) => w.request({ op: 'dispose' })));
    }

    it('opens the breaker in every process within the propagation bound when one process fails', async () => {
      const workers = await fleet({ syncIntervalMs: 1_000 }, { failureThreshold: 3, recoveryTimeout: 30_000 });
      const [a, b, c] = workers as [Worker, Worker, Worker];
      const delays: number[] = [];
      for (let i = 0; i < 20; i++) {
        const name = `propagate-${i}`;
        await Promise.all(workers.map((w) => w.create([name])));
        await a.call(name, 'fail', 3);
        const opened = await Promise.all(workers.map((w) => w.waitForState(name, 'open', 2_000)));
        const [atA, atB, atC] = opened.map((e) => e.at) as [number, number, number];
        delays.push(Math.max(atB, atC) - atA);
        for (const e of opened.slice(1)) expect(e).toMatchObject({ reason: 'failure_threshold', detail: `shared by ${a.instanceId}` });
      }
      delays.sort((x, y) => x - y);
      console.log(`[redis] propagation delay over 20 trips: median ${delays[10]} ms, max ${delays[19]} ms`);
      expect(delays[19]).toBeLessThan(500);
      expect(await b.state('propagate-0')).toBe('open');
      expect(await c.state('propagate-0')).toBe('open');
      await stopAll(workers);
    });

    it('lets at most halfOpenMaxCalls trial calls reach a recovering dependency per half-open round', async () => {
      const halfOpenMaxCalls = 2;
      // A generous command timeout: on a loaded machine a slow reply would degrade the store,
      // and a degraded store rightly falls back to each instance's own budget.
      const workers = await fleet(
        { leaseMs: 3_000, commandTimeoutMs: 2_000 },
        { failureThreshold: 2, recoveryTimeout: 500, halfOpenMaxCalls, successThreshold: 2, callTimeout: 2_000 },
      );
      dependency.mode = 'fail';
      dependency.delayMs = 30;
      const name = 'budget';
      await Promise.all(workers.map((w) => w.hammer(name, 'http', 5, dependency.url(w.label))));
      await Promise.all(workers.map((w) => w.waitForState(name, 'open', 5_000)));
      const from = dependency.arrivals.length;
      const markAt = Date.now();
      const failingUntil = Date.now() + 1_800;
      await new Promise((r) => setTimeout(r, failingUntil - Date.now()));
      dependency.mode = 'ok';
      const closed = await Promise.all(workers.map((w) => w.waitForState(name, 'closed', 5_000, failingUntil)));
      const summaries = await Promise.all(workers.map((w) => w.stopHammer()));
      const closedAt = Math.min(...closed.map((e) => e.at));
      // Calls let through while closed that were still on the wire when the breakers opened are not trials.
      const trials = dependency.arrivals.slice(from).filter((a) => a.at < closedAt && a.admittedIn !== 'closed');
      const rounds = groupByGap(trials.map((t) => t.at), 250);
      console.log(`[redis] trial calls per half-open round (3 processes, limit ${halfOpenMaxCalls}): ${rounds.map((r) => r.length).join(', ')}`);
      for (const w of workers) expect(w.events.filter((e) => e.event === 'status' && e.status === 'degraded' && e.at > markAt)).toEqual([]);
      expect(rounds.length).toBeGreaterThanOrEqual(3);
      for (const round of rounds) expect(round.length).toBeLessThanOrEqual(halfOpenMaxCalls);
      for (const s of summaries) expect(s.other).toEqual([]);
      await stopAll(workers);
    });

    it('recovers within the lease TTL when the process holding the trial lease is killed', async () => {
      const leaseMs = 1_500;
      const workers = await fleet({ leaseMs }, { failureThreshold: 1, recoveryTimeout: 300, halfOpenMaxCalls: 1, successThreshold: 1, halfOpenMaxWait: 60_000 });
      const [a, b, c] = workers as [Worker, Worker, Worker];
      const name = 'lease';
      await Promise.all(workers.map((w) => w.create([name])));
      await a.call(name, 'fail', 1);
      await Promise.all(workers.map((w) => w.waitForState(name, 'open', 2_000)));
      dependency.mode = 'hang';
      const from = dependency.arrivals.length;
      await a.hammer(name, 'http', 10, dependency.url('A'));
      await eventually(() => dependency.arrivals.length > from, 3_000, "A's trial to reach the dependency");
      const heldSince = dependency.arrivals[from]!.at;
      expect(dependency.arrivals[from]!.from).toBe('A');
      await a.kill('SIGKILL');
      dependency.release(503);
      dependency.mode = 'ok';
      await Promise.all([b, c].map((w) => w.hammer(name, 'http', 10, dependency.url(w.label))));
      await Promise.all([b, c].map((w) => w.waitForState(name, 'closed', leaseMs + 3_000)));
      const next = dependency.arrivals.slice(from + 1).find((x) => x.from !== 'A')!;
      const waited = next.at - heldSince;
      console.log(`[redis] next trial after the lease holder was killed: ${waited} ms (leaseMs ${leaseMs})`);
      expect(waited).toBeGreaterThanOrEqual(leaseMs - 100);
      expect(waited).toBeLessThan(leaseMs + 1_500);
      await Promise.all([b, c].map((w) => w.stopHammer()));
      await stopAll(workers);
    });

    it('keeps every process serving on its local breaker while redis-server is down, then converges', async () => {
      const workers = await fleet({ commandTimeoutMs: 200, syncIntervalMs: 500 }, { failureThreshold: 3, recoveryTimeout: 20_000 });
      const [a, b, c] = workers as [Worker, Worker, Worker];
      await Promise.all(workers.map((w) => w.create(['sick-during-outage', 'serving'])));
      await Promise.all(workers.map((w) => w.hammer('serving', 'http', 20, dependency.url(w.label))));
      await new Promise((r) => setTimeout(r, 300));
      const killedAt = Date.now();
      await server.kill();
      const degraded = await Promise.all(workers.map((w) => w.waitForStatus('degraded', 3_000, killedAt)));
      console.log(`[redis] degraded ${Math.max(...degraded.map((e) => e.at)) - killedAt} ms after redis-server was killed`);
      // Calls during the outage are decided locally: none waits on Redis, none fails because of it.
      const during = await Promise.all(workers.map((w) => w.call('serving', 'http', 10, dependency.url(w.label))));
      for (const s of during) expect(s).toEqual({ ok: 10, failed: 0, rejected: 0, other: [] });
      // Its own trip takes effect at once, Redis or not; the others cannot hear of it yet.
      await a.call('sick-during-outage', 'fail', 3);
      expect(await a.state('sick-during-outage')).toBe('open');
      expect(await b.state('sick-during-outage')).toBe('closed');
      const hammered = await Promise.all(workers.map((w) => w.stopHammer()));
      for (const s of hammered) expect(s).toMatchObject({ failed: 0, rejected: 0, other: [] });
      const restartedAt = Date.now();
      await server.restart();
      await Promise.all(workers.map((w) => w.waitForStatus('connected', 5_000, restartedAt)));
      await eventually(
        async () => (await Promise.all(workers.map((w) => w.state('sick-during-outage')))).every((s) => s === 'open'),
        3_000,
        'the fleet to converge on open',
      );
      console.log(`[redis] fleet converged ${Date.now() - restartedAt} ms after redis-server restarted`);
      expect(await c.state('serving')).toBe('closed');
      await stopAll(workers);
    });

    it('opens only the sick process below the quorum, and every process once the quorum trips', async () => {
      const workers = await fleet({ tripOn: { quorum: 2, windowMs: 10_000 } }, { failureThreshold: 3, recoveryTimeout: 20_000 });
      const [a, b, c] = workers as [Worker, Worker, Worker];
      const name = 'quorum';
      await Promise.all(workers.map((w) => w.create([name])));
      await a.call(name, 'fail', 3);
      expect(await a.state(name)).toBe('open');
      await new Promise((r) => setTimeout(r, 500));
      expect(await b.state(name)).toBe('closed');
      expect(await c.state(name)).toBe('closed');
      const before = Date.now();
      await b.call(name, 'fail', 3);
      const opened = await c.waitForState(name, 'open', 1_000, before);
      expect(opened).toMatchObject({ reason: 'failure_threshold', detail: `shared by ${b.instanceId}` });
      expect(await a.state(name)).toBe('open');
      await stopAll(workers);
    });

    it('keeps Redis keys and memory bounded with 1,000 breakers in 3 processes, and expired breakers vanish', async () => {
      const keyTtlMs = 4_000;
      const recoveryTimeout = 1_000;
      const workers = await fleet({ keyTtlMs, syncIntervalMs: 60_000 }, { failureThreshold: 1, recoveryTimeout }, false, true);
      const baseline = await usedMemory(admin);
      const peak = { keys: 0, memory: 0 };
      const sampler = setInterval(() => {
        void Promise.all([admin.dbsize(), usedMemory(admin)]).then(([keys, memory]) => {
          peak.keys = Math.max(peak.keys, keys);
          peak.memory = Math.max(peak.memory, memory - baseline);
        }, () => undefined);
      }, 100);
      const names = Array.from({ length: 1_000 }, (_, i) => `bulk-${i}`);
      await Promise.all(workers.map((w) => w.create(names)));
      await Promise.all(workers.map((w) => w.request({ op: 'tripAll', names }, 30_000)));
      const states = await Promise.all(workers.map((w) => w.request<Record<string, string>>({ op: 'states' }, 30_000)));
      for (const s of states) expect(Object.values(s).filter((x) => x === 'closed')).toEqual([]);
      await stopAll(workers);
      const stoppedAt = Date.now();
      await eventually(async () => (await admin.dbsize()) === 0, keyTtlMs + recoveryTimeout + 5_000, 'every key to expire', 100);
      clearInterval(sampler);
      console.log(
        `[redis] 1,000 breakers x 3 processes: at most ${peak.keys} keys and +${(peak.memory / 1024 / 1024).toFixed(2)} MB used_memory; ` +
          `every key expired ${Date.now() - stoppedAt} ms after the processes let go (TTL ${keyTtlMs} ms + break)`,
      );
      expect(peak.keys).toBeGreaterThanOrEqual(names.length);
      expect(peak.keys).toBeLessThanOrEqual(3 * names.length);
      expect(peak.memory).toBeLessThan(16 * 1024 * 1024);
      expect(await usedMemory(admin)).toBeLessThan(baseline + 1024 * 1024);
    });
  },
  { timeout: 30_000 },
);

/** Splits sorted times into groups separated by more than `gapMs`. */
function groupByGap(times: number[], gapMs: number): number[][] {
  const groups: number[][] = [];
  for (const t of [...times].sort((x, y) => x - y)) {
    const last = groups.at(-1);
    if (last !== undefined && t - last.at(-1)! <= gapMs) last.push(t);
    else groups.push([t]);
  }
  return groups;
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

