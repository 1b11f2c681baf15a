/**
 * The benchmark's tasks: baselines, ours and the peers on the same shapes. Each task is a
 * function measured by mitata; `setup` runs once before the rounds.
 */
import CircuitBreakerOpossum from 'opossum';
import { circuitBreaker as cockatielBreaker, ConsecutiveBreaker, handleAll } from 'cockatiel';
import { retryBackoff as backoffRxjsRetry } from 'backoff-rxjs';
import { defer, firstValueFrom, map, of, retry } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import {
  anyOf,
  CircuitBreaker,
  circuitBreaker,
  consecutiveFailures,
  countWindow,
  failureRate,
  retryBackoff,
  slowCallRate,
  timeWindow,
} from 'rxjs-circuit-breaker';
import type { TripStrategyFactory } from 'rxjs-circuit-breaker';

export interface Task {
  name: string;
  /** Measured: sync, or returning a Promise that mitata awaits. */
  fn: () => unknown;
}

const noop = () => {};
const resolved = async () => 1;
const preallocated = new Error('preallocated');
const swallow = () => {};

/** A scheduler whose clock stands still: the failure-path tasks keep every outcome in one time bucket. */
const frozen: SchedulerLike = { now: () => 1_000, schedule: () => ({ unsubscribe: noop, closed: false }) as never };

export function baselines(): Task[] {
  const one$ = of(1);
  const mapped$ = one$.pipe(map((x) => x));
  return [
    { name: 'baseline: await async fn', fn: () => resolved() },
    { name: 'baseline: of(1).subscribe', fn: () => one$.subscribe(noop) },
    // RxJS's simplest operator: what any operator costs on top of a subscription.
    { name: 'baseline: of(1).pipe(map(x => x)).subscribe', fn: () => mapped$.subscribe(noop) },
    { name: 'baseline: firstValueFrom(defer(Promise))', fn: () => firstValueFrom(defer(() => Promise.resolve(1))) },
    { name: 'baseline: caught Promise.reject', fn: () => Promise.reject(preallocated).catch(swallow) },
  ];
}

export function ours(): Task[] {
  const closed = new CircuitBreaker('closed');
  const closed$ = of(1).pipe(circuitBreaker(closed));
  const open = new CircuitBreaker('open');
  open.forceOpen();
  const open$ = of(1).pipe(circuitBreaker(open));
  const halfOpen = new CircuitBreaker('half-open', { failureThreshold: 1, recoveryTimeout: 0, halfOpenMaxCalls: 1 });
  // A trip with a zero break half-opens at the next call; a hung trial then holds the only slot.
  halfOpen.acquire();
  const trip = halfOpen.acquire();
  if (!(trip instanceof Error)) trip.failure(new Error('trip'));
  const hung = halfOpen.acquire();
  if (hung instanceof Error) throw new Error('setup: expected a trial permit');
  const halfOpen$ = of(1).pipe(circuitBreaker(halfOpen));
  const observer = { next: noop, error: noop };
  const retry$ = of(1).pipe(retryBackoff({ initialInterval: 1, maxRetries: 3 }));
  return [
    { name: 'ours: operator closed (sync source)', fn: () => closed$.subscribe(observer) },
    { name: 'ours: operator open (sync source)', fn: () => open$.subscribe(observer) },
    { name: 'ours: operator half-open-full (sync source)', fn: () => halfOpen$.subscribe(observer) },
    { name: 'ours: operator closed via firstValueFrom', fn: () => firstValueFrom(defer(() => Promise.resolve(1)).pipe(circuitBreaker(closed))) },
    { name: 'ours: execute() closed', fn: () => closed.execute(resolved) },
    { name: 'ours: execute() open', fn: () => open.execute(resolved).catch(swallow) },
    { name: 'ours: retryBackoff success path', fn: () => retry$.subscribe(noop) },
  ];
}

/** Per strategy: the cost of one more failure with 100 and with 20,000 failures in the window. */
export function failurePaths(): Task[] {
  const strategies: [string, (size: number) => TripStrategyFactory][] = [
    ['consecutiveFailures', () => consecutiveFailures(1e9)],
    ['failureRate/countWindow', (size) => failureRate({ threshold: 1, minimumCalls: 1e9, window: countWindow(size) })],
    ['failureRate/timeWindow', () => failureRate({ threshold: 1, minimumCalls: 1e9, window: timeWindow(60_000, 6) })],
    ['slowCallRate/timeWindow', () => slowCallRate({ threshold: 1, slowerThan: 1e9, minimumCalls: 1e9, window: timeWindow(60_000, 6) })],
    ['anyOf', (size) => anyOf(consecutiveFailures(1e9), failureRate({ threshold: 1, minimumCalls: 1e9, window: countWindow(size) }))],
  ];
  const tasks: Task[] = [];
  for (const [label, make] of strategies) {
    for (const size of [100, 20_000]) {
      const breaker = new CircuitBreaker(`fail-${label}-${size}`, { trip: make(size), scheduler: frozen });
      const error = new Error('down');
      const fail = () => {
        const permit = breaker.acquire();
        if (!(permit instanceof Error)) permit.failure(error);
      };
      for (let i = 0; i < size; i++) fail();
      tasks.push({ name: `ours: failure path ${label}, ${size} in window`, fn: fail });
    }
  }
  return tasks;
}

export function peers(): Task[] {
  const opossumDefault = new CircuitBreakerOpossum(resolved, {});
  const opossumNoTimeout = new CircuitBreakerOpossum(resolved, { timeout: false });
  const opossumOpen = new CircuitBreakerOpossum(resolved, { timeout: false });
  opossumOpen.open();
  const cockatiel = cockatielBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });
  const cockatielOpen = cockatielBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });
  cockatielOpen.isolate();
  const backoffRxjs$ = of(1).pipe(backoffRxjsRetry({ initialInterval: 1, maxRetries: 3 }));
  const rxjsRetry$ = of(1).pipe(retry({ count: 3, delay: 1 }));
  return [
    { name: 'opossum: fire() closed (defaults)', fn: () => opossumDefault.fire() },
    { name: 'opossum: fire() closed (timeout: false)', fn: () => opossumNoTimeout.fire() },
    { name: 'opossum: fire() open', fn: () => opossumOpen.fire().catch(swallow) },
    { name: 'cockatiel: execute() closed', fn: () => cockatiel.execute(resolved) },
    { name: 'cockatiel: execute() open', fn: () => cockatielOpen.execute(resolved).catch(swallow) },
    { name: 'backoff-rxjs: retryBackoff success path', fn: () => backoffRxjs$.subscribe(noop) },
    { name: 'rxjs: retry({ count, delay }) success path', fn: () => rxjsRetry$.subscribe(noop) },
  ];
}
