import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import type { CircuitEvent } from '../../src/breaker/types.js';

describe('CircuitBreaker.recordRetry', () => {
  it('emits a retry event with the scheduler time', () => {
    new TestScheduler(() => undefined).run(({ flush }) => {
      const breaker = new CircuitBreaker('api');
      const events: CircuitEvent[] = [];
      breaker.events$.subscribe((e) => events.push(e));
      const error = new Error('ECONNRESET');
      breaker.scheduler.schedule(() => breaker.recordRetry(2, 400, error), 250);
      flush();
      expect(events).toEqual([{ type: 'retry', breaker: 'api', at: 250, attempt: 2, delayMs: 400, error }]);
    });
  });

  it('changes neither the state nor the stats', () => {
    const breaker = new CircuitBreaker('api');
    breaker.events$.subscribe();
    const before = breaker.stats();
    breaker.recordRetry(1, 100, new Error('x'));
    expect(breaker.stats()).toEqual(before);
  });

  it('emits nothing once the breaker is disposed', () => {
    const breaker = new CircuitBreaker('api');
    const events: CircuitEvent[] = [];
    breaker.events$.subscribe({ next: (e) => events.push(e), complete: () => undefined });
    breaker.dispose();
    breaker.recordRetry(1, 100, new Error('x'));
    expect(events).toEqual([]);
  });
});

