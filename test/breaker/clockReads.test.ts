import { of } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CircuitBreaker, circuitBreaker, failureRate, timeWindow } from '../../index.js';

// A clock read costs as much as the rest of a call on some machines: the closed success path
// reads it only when something uses the time.
describe('clock reads on the success path', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads the clock at most once for a synchronous run of successes with the default strategy', () => {
    const breaker = new CircuitBreaker('sync-run');
    const guarded$ = of(1).pipe(circuitBreaker(breaker));
    const now = vi.spyOn(Date, 'now');
    for (let i = 0; i < 1_000; i++) guarded$.subscribe();
    expect(now.mock.calls.length).toBeLessThanOrEqual(1);
    expect(breaker.stats().successfulCalls).toBe(1_000);
  });

  it('still stamps the last success: stats() reads the time of the run', () => {
    const breaker = new CircuitBreaker('stamp-on-stats');
    vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 0, 2, 3, 4, 5));
    of(1).pipe(circuitBreaker(breaker)).subscribe();
    expect(breaker.stats().lastSuccessTime).toBe('2026-01-02T03:04:05.000Z');
  });

  it('stamps the last success in a microtask when nothing reads the stats', async () => {
    const breaker = new CircuitBreaker('stamp-later');
    vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 5, 6, 7, 8, 9));
    of(1).pipe(circuitBreaker(breaker)).subscribe();
    await Promise.resolve();
    expect(breaker.toJSON().counters.lastSuccessAt).toBe(Date.UTC(2026, 5, 6, 7, 8, 9));
  });

  it('reads the clock for every success when the strategy uses time', () => {
    const breaker = new CircuitBreaker('time-window', { trip: failureRate({ window: timeWindow(10_000, 10) }) });
    const guarded$ = of(1).pipe(circuitBreaker(breaker));
    const now = vi.spyOn(Date, 'now');
    for (let i = 0; i < 10; i++) guarded$.subscribe();
    expect(now.mock.calls.length).toBeGreaterThanOrEqual(10);
  });

  it('reads the clock for every call while events$ is watched, so durations are known', () => {
    const breaker = new CircuitBreaker('watched');
    const durations: number[] = [];
    breaker.events$.subscribe((e) => e.type === 'success' && durations.push(e.durationMs));
    let t = 1_000;
    vi.spyOn(Date, 'now').mockImplementation(() => (t += 5));
    of(1).pipe(circuitBreaker(breaker)).subscribe();
    expect(durations).toEqual([5]);
  });
});
