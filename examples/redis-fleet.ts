/**
 * Three instances of a service share one breaker through Redis (`npx tsx examples/redis-fleet.ts`).
 *
 * Uses `REDIS_URL` when set; otherwise starts a throwaway `redis-server` on a free port
 * (persisting nothing) and stops it at the end. Each instance is a child process of this
 * script with its own ioredis client, `redisBreakerStore` and registry. Instance A's
 * dependency fails three times: A opens at once and B and C follow within milliseconds.
 * After the 2 s break the fleet half-opens; B and C keep calling, but the fleet admits a
 * single trial (`halfOpenMaxCalls: 1`) to whichever instance holds the lease; it succeeds
 * and every instance closes.
 */
import type { ChildProcess } from 'node:child_process';
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { firstValueFrom, of, throwError } from 'rxjs';
import { circuitBreaker, CircuitBreakerRegistry } from '../index.js';
import { redisBreakerStore } from '../src/integrations/redis/index.js';

const BREAKER = 'payments';
type Command = { call: 'ok' | 'fail'; times: number } | { quit: true };

// ---------------------------------------------------------------- one instance (a child process)
async function instance(label: string, url: string): Promise<void> {
  const redis = new Redis(url);
  const store = redisBreakerStore({ client: redis, instanceId: `instance-${label}` });
  const registry = new CircuitBreakerRegistry({ store, defaults: { failureThreshold: 3, recoveryTimeout: 2_000, halfOpenMaxCalls: 1 } });
  const breaker = registry.get(BREAKER);
  const tell = (line: string) => process.send?.(line);
  store.status$.subscribe((status) => tell(`store ${status}`));
  breaker.events$.subscribe((e) => {
    if (e.type === 'state_change') tell(`${e.from} -> ${e.to} (${e.reason}${e.detail ? `: ${e.detail}` : ''})`);
    if (e.type === 'rejected') tell(`call rejected (${e.state})`);
  });
  process.on('message', async (command: Command) => {
    if ('quit' in command) {
      registry.dispose();
      await store.dispose();
      redis.disconnect();
      process.exit(0);
    }
    for (let i = 0; i < command.times; i++) {
      const call = command.call === 'ok' ? of('paid') : throwError(() => new Error('card processor down'));
      const result = await firstValueFrom(call.pipe(circuitBreaker(breaker))).then(
        (value) => `ok (${value})`,
        (error: Error) => `${error.name}: ${error.message}`,
      );
      tell(`call -> ${result}`);
    }
  });
  tell('ready');
}

// ---------------------------------------------------------------- the demo (the parent process)
async function main(): Promise<void> {
  const started = Date.now();
  const log = (who: string, line: string) => console.log(`${String(Date.now() - started).padStart(6)} ms  ${who.padEnd(6)} ${line}`);
  const redis = process.env.REDIS_URL === undefined ? await startRedis() : null;
  const url = process.env.REDIS_URL ?? redis!.url;
  log('demo', `Redis at ${url}${redis === null ? '' : ' (a throwaway redis-server)'}`);

  const self = fileURLToPath(import.meta.url);
  const children = new Map<string, ChildProcess>();
  const waiters: { test: (who: string, line: string) => boolean; resolve: () => void }[] = [];
  const until = (test: (who: string, line: string) => boolean) => new Promise<void>((resolve) => waiters.push({ test, resolve }));
  for (const label of ['A', 'B', 'C']) {
    const child = fork(self, [], { env: { ...process.env, FLEET_INSTANCE: label, FLEET_REDIS_URL: url } });
    child.on('message', (line: string) => {
      log(label, line);
      for (const w of waiters.splice(0)) if (w.test(label, line)) w.resolve(); else waiters.push(w);
    });
    children.set(label, child);
  }
  const send = (label: string, command: Command) => children.get(label)!.send(command);
  const connected = new Set<string>();
  await until((who, line) => (line === 'store connected' && connected.add(who).size === 3) || false);

  log('demo', "A's dependency fails three times");
  send('A', { call: 'fail', times: 3 });
  const opened = new Set<string>();
  await until((who, line) => (line.includes('-> open') && opened.add(who).size === 3) || false);

  log('demo', 'C tries a call during the break');
  send('C', { call: 'ok', times: 1 });
  await until((who, line) => who === 'C' && line.startsWith('call'));

  const halfOpen = new Set<string>();
  await until((who, line) => (line.includes('-> half_open') && halfOpen.add(who).size === 3) || false);
  log('demo', 'the dependency is back: B and C keep calling; the fleet admits one trial at a time');
  const closed = new Set<string>();
  const allClosed = until((who, line) => (line.includes('-> closed') && closed.add(who).size === 3) || false);
  // A call that finds no lease is rejected at once (the instance asks for one in the background): callers retry.
  const calling = setInterval(() => ['B', 'C'].forEach((who) => send(who, { call: 'ok', times: 1 })), 100);
  await allClosed;
  clearInterval(calling);

  log('demo', 'every instance is closed again; stopping');
  for (const [label, child] of children) {
    send(label, { quit: true });
    await new Promise((resolve) => child.once('exit', resolve));
  }
  await redis?.stop();
}

async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  const dir = mkdtempSync(join(tmpdir(), 'redis-fleet-'));
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir]);
  await new Promise<void>((resolve, reject) => {
    server.once('error', () => reject(new Error('redis-server not found: install it (apt-get install redis-server) or set REDIS_URL')));
    server.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('Ready to accept connections') && resolve());
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      server.kill();
      await new Promise((resolve) => server.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const label = process.env.FLEET_INSTANCE;
if (label !== undefined) await instance(label, process.env.FLEET_REDIS_URL!);
else await main();
