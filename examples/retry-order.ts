/**
 * Operator order: where `retryBackoff()` sits relative to `circuitBreaker()` decides what the
 * breaker counts. Run with `npx tsx examples/retry-order.ts` (about 3 s).
 *
 * The same flaky service (down for its first second, then fine) is called twice:
 *
 * A. `service$.pipe(circuitBreaker(breaker), retryBackoff(...))`: the retry is outside, so
 *    every attempt is a call through the breaker. Three failures open it; the next attempt is
 *    rejected with a `CircuitOpenError`, and the retry waits out the break (its
 *    `retryAfterMs`) instead of hammering, then succeeds through the half-open trial.
 * B. `service$.pipe(retryBackoff(...), circuitBreaker(breaker))`: the breaker is outside, so
 *    it sees one call for the whole operation, however many attempts it took: it stays closed
 *    and records one success.
 */
import { defer, delay, firstValueFrom, of, throwError, timer, mergeMap } from 'rxjs';
import { CircuitBreaker, circuitBreaker, retryBackoff, type RetryInfo } from '../index.js';

const DOWN_FOR_MS = 1_000;

async function scenario(title: string, build: (service$: ReturnType<typeof flakyService>, breaker: CircuitBreaker, onRetry: (info: RetryInfo) => void) => Promise<unknown>): Promise<void> {
  const started = Date.now();
  const t = () => `${((Date.now() - started) / 1_000).toFixed(1)}s`;
  const service = flakyService(started);
  const breaker = new CircuitBreaker('inventory', { failureThreshold: 3, recoveryTimeout: 2_000, halfOpenMaxCalls: 1, successThreshold: 1 });
  breaker.events$.subscribe((event) => {
    if (event.type === 'state_change') console.log(`  ${t()}  breaker: ${event.from} → ${event.to}`);
  });
  const onRetry = ({ attempt, error, delayMs }: RetryInfo) =>
    console.log(`  ${t()}  attempt ${attempt} failed (${(error as Error).name}: ${(error as Error).message}); next attempt in ${Math.round(delayMs)} ms`);

  console.log(title);
  const value = await build(service, breaker, onRetry);
  const stats = breaker.stats();
  console.log(`  ${t()}  result: ${JSON.stringify(value)}`);
  console.log(
    `  the service saw ${service.requests()} requests; the breaker counted ${stats.successfulCalls + stats.failedCalls} call(s) ` +
      `(${stats.failedCalls} failed, ${stats.successfulCalls} succeeded) and rejected ${stats.rejectedCalls}; it is ${stats.state}\n`,
  );
  breaker.dispose();
}

/** A dependency that answers 503 for its first second, then `{ stock: 7 }`: one request per subscription. */
function flakyService(started: number) {
  let requests = 0;
  const service$ = defer(() => {
    requests++;
    return Date.now() - started < DOWN_FOR_MS
      ? timer(10).pipe(mergeMap(() => throwError(() => new Error('503 Service Unavailable'))))
      : of({ stock: 7 }).pipe(delay(10));
  });
  return Object.assign(service$, { requests: () => requests });
}

await scenario("A. service$.pipe(circuitBreaker(breaker), retryBackoff(...)): every attempt is a call", (service$, breaker, onRetry) =>
  firstValueFrom(service$.pipe(circuitBreaker(breaker), retryBackoff({ initialInterval: 100, maxRetries: 6, onRetry }))),
);

await scenario('B. service$.pipe(retryBackoff(...), circuitBreaker(breaker)): one call per operation', (service$, breaker, onRetry) =>
  firstValueFrom(service$.pipe(retryBackoff({ initialInterval: 100, maxRetries: 6, onRetry }), circuitBreaker(breaker))),
);
