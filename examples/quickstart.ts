/**
 * The main demo (`npm run demo`): a breaker guards calls to a simulated flaky service for a
 * few seconds and prints a timeline of every call's outcome and every state change.
 *
 * The service answers in 20-60 ms; it is down from 0.6 s to 2.4 s. Calls start every 100 ms.
 * Watch the breaker open after 3 failures, reject calls without touching the service,
 * half-open after its 1 s break, fail a trial while the service is still down, open again,
 * and close once 2 trials succeed.
 *
 * `npm run demo -- --dashboard` also serves the live dashboard (port 4300, or $PORT) and
 * keeps running until Ctrl+C.
 */
import { defer, delay, filter, mergeMap, of, throwError, timer } from 'rxjs';
import { circuitBreaker, CircuitBreakerRegistry, isCircuitOpenError } from '../index.js';

const registry = new CircuitBreakerRegistry();
const breaker = registry.get('inventory', {
  failureThreshold: 3,
  recoveryTimeout: 1_000,
  halfOpenMaxCalls: 2,
  successThreshold: 2,
  callTimeout: 500,
});

const started = Date.now();
const t = () => `${((Date.now() - started) / 1000).toFixed(2).padStart(5)}s`;
const isDown = () => {
  const elapsed = Date.now() - started;
  return elapsed >= 600 && elapsed < 2_400;
};

let serviceHits = 0;
/** The flaky dependency: each subscription is one request. */
const inventoryService = defer(() => {
  serviceHits++;
  const latency = 20 + Math.round(Math.random() * 40);
  return isDown()
    ? timer(latency).pipe(mergeMap(() => throwError(() => new Error('503 Service Unavailable'))))
    : of({ sku: 'A-1', stock: 7 }).pipe(delay(latency));
});

// An alert hook: state$ is a BehaviorSubject-backed stream of the breaker's state.
breaker.state$.pipe(filter((state) => state === 'open')).subscribe(() => console.log(`${t()}  🔔 alert: inventory circuit is open`));
breaker.events$.subscribe((event) => {
  if (event.type === 'state_change') console.log(`${t()}  ── ${event.from} → ${event.to} (${event.reason}${event.detail ? `: ${event.detail}` : ''})`);
});

let callNo = 0;
const calls = setInterval(() => {
  const n = ++callNo;
  inventoryService.pipe(circuitBreaker('inventory', { registry })).subscribe({
    next: () => console.log(`${t()}  call ${String(n).padStart(2)}  ✓ success`),
    error: (error: unknown) =>
      console.log(
        isCircuitOpenError(error)
          ? `${t()}  call ${String(n).padStart(2)}  ⊘ rejected (${error.state}, retry in ${error.retryAfterMs ?? '?'} ms)`
          : `${t()}  call ${String(n).padStart(2)}  ✗ failed: ${(error as Error).message}`,
      ),
  });
  if (n === 45) finish();
}, 100);

function finish(): void {
  clearInterval(calls);
  setTimeout(() => {
    const s = breaker.stats();
    console.log('\nstats:', {
      totalCalls: s.totalCalls,
      successfulCalls: s.successfulCalls,
      failedCalls: s.failedCalls,
      rejectedCalls: s.rejectedCalls,
      openedCount: s.openedCount,
      state: s.state,
    });
    console.log(`the service saw ${serviceHits} requests for ${s.totalCalls} calls`);
    if (!process.argv.includes('--dashboard')) registry.dispose();
  }, 200);
}

if (process.argv.includes('--dashboard')) {
  const { startDashboardDemo } = await import('./dashboard.js');
  const demo = await startDashboardDemo(registry, { port: Number(process.env['PORT'] ?? 4300) });
  console.log(`Live dashboard: ${demo.url} (Ctrl+C to stop)`);
  process.once('SIGINT', () => void demo.close().then(() => registry.dispose()));
}
