import type { Observable } from 'rxjs';
import { config } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { circuitBreaker } from '../../operators/circuitBreaker.js';
import { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import { testScheduler } from './helpers.js';

type Stream = 'state$' | 'events$' | 'stats$';

describe('CircuitBreaker with a listener that throws', () => {
  const previous = config.onUnhandledError;
  let reported: unknown[];

  beforeEach(() => {
    reported = [];
    config.onUnhandledError = (error) => reported.push(error);
  });

  afterEach(() => {
    config.onUnhandledError = previous;
  });

  function throwingFirst(breaker: CircuitBreaker, stream: Stream, seen: unknown[]): Error {
    const thrown = new Error(`listener of ${stream}`);
    (breaker[stream] as Observable<unknown>).subscribe(() => {
      throw thrown;
    });
    (breaker[stream] as Observable<unknown>).subscribe((value) => seen.push(value));
    return thrown;
  }

  it.each<Stream>(['state$', 'events$', 'stats$'])(
    'on %s never breaks the call, the transition or the next listener',
    (stream) => {
      const seen: unknown[] = [];
      let thrown: Error | undefined;
      const downstream: string[] = [];
      testScheduler().run(({ cold, expectSubscriptions }) => {
        const breaker = new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: 10 });
        thrown = throwingFirst(breaker, stream, seen);
        const source = cold('-#', undefined, new Error('boom'));
        source.pipe(circuitBreaker(breaker)).subscribe({ error: (e: Error) => downstream.push(e.message) });
        expectSubscriptions(source.subscriptions).toBe('^!');
      });
      // The call failed with its own error, the breaker opened and half-opened on time.
      expect(downstream).toEqual(['boom']);
      // state$: closed, open, half_open; events$: failure, two state_changes; stats$: now, open, half_open.
      expect(seen).toHaveLength(3);
      expect(reported).toEqual([thrown, thrown, thrown]);
    },
  );

  it('on state$ still sees the breaker half-open on time', () => {
    const states: unknown[] = [];
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const breaker = new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: 10 });
      throwingFirst(breaker, 'state$', states);
      const source = cold('-#');
      expectObservable(source.pipe(circuitBreaker(breaker))).toBe('-#');
      expectObservable(breaker.state$).toBe('co 9ms h', { c: 'closed', o: 'open', h: 'half_open' });
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
    expect(states).toEqual(['closed', 'open', 'half_open']);
    expect(reported).toHaveLength(3);
  });
});
