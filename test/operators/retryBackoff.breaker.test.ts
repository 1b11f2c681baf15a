import { defer, of, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { CircuitBreaker, circuitBreaker, isInvalidConfigError, retryBackoff } from '../../index.js';
import type { CircuitEvent } from '../../index.js';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('retryBackoff with a real breaker', () => {
  it('waits out an open circuit for retryAfterMs, then succeeds through a half-open trial', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const breaker = new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: 100, halfOpenMaxCalls: 1 });
      let calls = 0;
      // The dependency fails once, then answers.
      const service = defer(() => (++calls === 1 ? cold('-#', {}, new Error('down')) : cold('-a|')));
      const result = service.pipe(circuitBreaker(breaker), retryBackoff({ initialInterval: 10, maxRetries: 5 }));
      // 1 ms: the call fails and opens the circuit for 100 ms. The retry after 10 ms is
      // rejected (90 ms left), so the next one waits the 90 ms hint rather than its 20 ms
      // backoff: at 101 ms the breaker is half-open and the trial succeeds 1 ms later.
      expectObservable(result).toBe('102ms a|');
    });
  });

  it('reaches the dependency only twice: the failure and the trial', () => {
    testScheduler().run(({ cold, flush }) => {
      const breaker = new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: 100, halfOpenMaxCalls: 1 });
      let calls = 0;
      const service = defer(() => (++calls === 1 ? cold('-#') : cold('-a|')));
      service.pipe(circuitBreaker(breaker), retryBackoff({ initialInterval: 10, maxRetries: 5 })).subscribe();
      flush();
      expect(calls).toBe(2);
      expect(breaker.stats()).toMatchObject({ failedCalls: 1, rejectedCalls: 1, successfulCalls: 1, state: 'closed' });
    });
  });

  it('reports each retry to the breaker given as `breaker`', () => {
    testScheduler().run(({ cold, flush }) => {
      const breaker = new CircuitBreaker('reporting');
      const events: CircuitEvent[] = [];
      breaker.events$.subscribe((e) => events.push(e));
      let calls = 0;
      defer(() => (++calls < 3 ? cold('#', {}, new Error(`fail ${calls}`)) : of(1)))
        .pipe(retryBackoff({ initialInterval: 5, maxRetries: 3, breaker }))
        .subscribe();
      flush();
      expect(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && [e.attempt, e.delayMs, (e.error as Error).message])).toEqual([
        [1, 5, 'fail 1'],
        [2, 10, 'fail 2'],
      ]);
    });
  });

  it('reports retries of execute() to its own breaker', async () => {
    const breaker = new CircuitBreaker('execute-retries');
    const retries: number[] = [];
    breaker.events$.subscribe((e) => e.type === 'retry' && retries.push(e.attempt));
    let calls = 0;
    await breaker.execute(() => (++calls < 3 ? Promise.reject(new Error('flaky')) : Promise.resolve(calls)), { retry: { initialInterval: 0, maxRetries: 3 } });
    expect(retries).toEqual([1, 2]);
  });

  it('refuses a `breaker` that cannot take reports', () => {
    const error = (() => {
      try {
        retryBackoff({ breaker: {} as never });
      } catch (e) {
        return e;
      }
    })();
    expect(isInvalidConfigError(error) && [error.option, error.message]).toEqual([
      'retryBackoff.breaker',
      'retryBackoff.breaker must be a CircuitBreaker (an object with recordRetry()), got an object',
    ]);
  });

  it('passes an error through unchanged when the breaker gives no hint and retries are out', () => {
    testScheduler().run(({ expectObservable }) => {
      const error = new Error('down');
      expectObservable(throwError(() => error).pipe(retryBackoff({ initialInterval: 1, maxRetries: 1 }))).toBe('-#', undefined, error);
    });
  });
});
