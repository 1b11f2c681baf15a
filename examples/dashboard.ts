// The live dashboard over breakers that guard a simulated flaky service.
//
//   npx tsx examples/dashboard.ts          # then open the URL it prints (PORT=... to choose)
//
// `startDashboardDemo(registry)` is also what `npm run demo -- --dashboard` calls.
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { Observable, Subscription } from 'rxjs';
import { catchError, EMPTY, interval, mergeMap, Subscription as RxSubscription, throwError, timer } from 'rxjs';
import { circuitBreaker, CircuitBreakerRegistry } from '../index.js';
import type { CircuitBreakerOptions } from '../index.js';
import { circuitBreakerDashboard } from '../src/integrations/dashboard/index.js';

/** What {@link startDashboardDemo} started: where to look, and how to stop it all. */
export interface DashboardDemo {
  url: string;
  close(): Promise<void>;
}

interface Service {
  name: string;
  callsPerSecond: number;
  latencyMs: number;
  /** Chance that a call fails, given the seconds since the demo started. */
  failureChance: (seconds: number) => number;
  options: CircuitBreakerOptions;
}

const services: Service[] = [
  // Healthy most of the time, then a 12-second outage every 40 seconds: open, half-open, closed.
  { name: 'payments', callsPerSecond: 8, latencyMs: 40, failureChance: (s) => (s % 40 >= 20 && s % 40 < 32 ? 1 : 0.02), options: { failureThreshold: 5, recoveryTimeout: 5000, halfOpenMaxCalls: 2 } },
  { name: 'catalog', callsPerSecond: 20, latencyMs: 15, failureChance: () => 0.01, options: { failureThreshold: 10, recoveryTimeout: 10_000 } },
  // Slow: some calls outlast the call timeout.
  { name: 'search', callsPerSecond: 5, latencyMs: 120, failureChance: () => 0.05, options: { failureThreshold: 4, recoveryTimeout: 4000, callTimeout: 400 } },
  // Flaky enough to trip again and again.
  { name: 'recommendations', callsPerSecond: 4, latencyMs: 60, failureChance: () => 0.55, options: { failureThreshold: 3, recoveryTimeout: 3000, halfOpenMaxCalls: 1 } },
];

/** One call to the simulated service: a value after some latency, or an error. */
function call(service: Service, seconds: number): Observable<string> {
  const latency = service.latencyMs * (0.5 + Math.random() * (service.name === 'search' ? 3.5 : 1));
  return Math.random() < service.failureChance(seconds)
    ? timer(latency).pipe(mergeMap(() => throwError(() => new Error(`${service.name} answered 503`))))
    : timer(latency).pipe(mergeMap(() => [`${service.name} ok`]));
}

function simulate(registry: CircuitBreakerRegistry): Subscription {
  const started = performance.now();
  const all = new RxSubscription();
  for (const service of services) {
    // The application's own breakers (e.g. the quickstart's) keep their own traffic.
    if (registry.has(service.name)) continue;
    const breaker = registry.get(service.name, service.options);
    all.add(
      interval(1000 / service.callsPerSecond)
        .pipe(mergeMap(() => call(service, (performance.now() - started) / 1000).pipe(circuitBreaker(breaker), catchError(() => EMPTY))))
        .subscribe(),
    );
  }
  // A breaker an operator took out of service by hand.
  if (!registry.has('legacy-export')) registry.get('legacy-export').forceOpen();
  return all;
}

/** Only requests from this machine may use the controls. */
const fromLoopback = (req: IncomingMessage) => ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');

/**
 * Starts simulated traffic on `registry` (breakers `payments`, `catalog`, `search`,
 * `recommendations` and a forced-open `legacy-export`, next to any the registry already has)
 * and serves its dashboard on `host:port` (port 0: any free port), with controls for
 * requests from this machine. Resolves with the dashboard's URL and a `close()` that stops
 * the traffic and the server (the registry stays the caller's).
 *
 * @example
 * ```ts
 * const demo = await startDashboardDemo(registry, { port: 4300 });
 * console.log(`dashboard: ${demo.url}`); // dashboard: http://127.0.0.1:4300/
 * await demo.close();
 * ```
 */
export async function startDashboardDemo(
  registry: CircuitBreakerRegistry = new CircuitBreakerRegistry(),
  { port = 0, host = '127.0.0.1' }: { port?: number; host?: string } = {},
): Promise<DashboardDemo> {
  const traffic = simulate(registry);
  const dashboard = circuitBreakerDashboard(registry, { title: 'Demo: circuit breakers', authorize: fromLoopback });
  const server = createServer((req, res) =>
    dashboard(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found: the dashboard is at /\n');
    }),
  );
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}/`,
    close: async () => {
      traffic.unsubscribe();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const registry = new CircuitBreakerRegistry();
  const demo = await startDashboardDemo(registry, { port: Number(process.env['PORT'] ?? 4300) });
  console.log(`Circuit breaker dashboard: ${demo.url} (Ctrl+C to stop)`);
  process.once('SIGINT', () => {
    void demo.close().then(() => registry.dispose());
  });
}
