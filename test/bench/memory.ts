/**
 * Memory figures with forced GC: bytes per breaker (1,000 created with the default
 * strategy) and bytes retained by one breaker after 1,000,000 calls, per strategy.
 */
import { of } from 'rxjs';
import type { TripStrategyFactory } from 'rxjs-circuit-breaker';
import { anyOf, CircuitBreaker, circuitBreaker, consecutiveFailures, countWindow, failureRate, slowCallRate, timeWindow } from 'rxjs-circuit-breaker';

export interface MemoryFigures {
  bytesPerBreaker: number;
  calls: number;
  retainedAfterCalls: Record<string, number>;
}

const settle = async (gc: () => void) => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  return process.memoryUsage().heapUsed;
};

export async function memory(gc: () => void, smoke: boolean): Promise<MemoryFigures> {
  // Names and the holding array exist before the baseline: only the breakers are measured.
  const names = Array.from({ length: 1_000 }, (_, i) => `mem-${i}`);
  const keep = new Array<CircuitBreaker>(names.length);
  const before = await settle(gc);
  for (let i = 0; i < names.length; i++) keep[i] = new CircuitBreaker(names[i]!);
  const after = await settle(gc);
  const bytesPerBreaker = (after - before) / keep.length;
  keep.length = 0;

  const calls = smoke ? 10_000 : 1_000_000;
  const strategies: Record<string, TripStrategyFactory> = {
    consecutiveFailures: consecutiveFailures(5),
    'failureRate/countWindow': failureRate({ threshold: 0.5, window: countWindow(100) }),
    'failureRate/timeWindow': failureRate({ threshold: 0.5, window: timeWindow(60_000, 6) }),
    'slowCallRate/countWindow': slowCallRate({ threshold: 0.5, slowerThan: 1_000 }),
    anyOf: anyOf(consecutiveFailures(5), failureRate({ threshold: 0.5 })),
  };
  const retainedAfterCalls: Record<string, number> = {};
  const noop = () => {};
  for (const [label, trip] of Object.entries(strategies)) {
    const breaker = new CircuitBreaker(`calls-${label}`, { trip });
    const guarded$ = of(1).pipe(circuitBreaker(breaker));
    for (let i = 0; i < 1_000; i++) guarded$.subscribe(noop); // warm up: lazy structures exist before the baseline
    const start = await settle(gc);
    for (let i = 0; i < calls; i++) guarded$.subscribe(noop);
    const end = await settle(gc);
    retainedAfterCalls[label] = Math.max(0, end - start);
    breaker.dispose();
  }
  return { bytesPerBreaker, calls, retainedAfterCalls };
}
