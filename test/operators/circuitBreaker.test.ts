import type { Observable } from 'rxjs';
import { catchError, map, mergeMap, of, range, take, tap, throwError } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { circuitBreaker } from '../../operators/circuitBreaker.js';
import { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import type { CircuitBreakerOptions } from '../../src/breaker/options.js';
import type { FallbackInfo } from '../../src/breaker/subscribeGuarded.js';
import { CallTimeoutError, isCallTimeoutError } from '../../src/errors/CallTimeoutError.js';
import { CircuitOpenError, isCircuitOpenError } from '../../src/errors/CircuitOpenError.js';
import { InvalidConfigError } from '../../src/errors/InvalidConfigError.js';
import { CircuitBreakerRegistry } from '../../src/registry/CircuitBreakerRegistry.js';
import { defaultRegistry } from '../../src/registry/defaultRegistry.js';
import { collectEvents, failCalls, IgnoredError, testScheduler, thrown } from '../breaker/helpers.js';

function breakerWith(options: CircuitBreakerOptions = {}): CircuitBreaker {
  return new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: 100, ...options });
}

/** What the fallback was called with, as `reason:error`. */
function recordingFallback(calls: string[], value = 'fb') {
  return (error: unknown, info: FallbackInfo): Observable<string> => {
    calls.push(`${info.reason}:${error instanceof Error ? error.name : String(error)}`);
    return of(value);
  };
}

describe('circuitBreaker', () => {
  describe('calls', () => {
    it('makes one call per subscription', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const breaker = breakerWith();
        const source = cold('-a|');
        const guarded = source.pipe(circuitBreaker(breaker));
        expectObservable(guarded).toBe('-a|');
        expectObservable(guarded, '5ms ^').toBe('5ms -a|');
        expectSubscriptions(source.subscriptions).toBe(['^-!', '5ms ^-!']);
      });
    });

    it('records one outcome however many values and errors follow', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const breaker = breakerWith();
        const source = cold('abc#');
        expectObservable(source.pipe(circuitBreaker(breaker))).toBe('abc#');
        expectSubscriptions(source.subscriptions).toBe('^--!');
        flush();
        expect(breaker.stats()).toMatchObject({ totalCalls: 1, successfulCalls: 1, failedCalls: 0, state: 'closed' });
      });
    });

    it('rejects synchronously at subscribe time without subscribing upstream', () => {
      testScheduler().run(({ cold, expectSubscriptions }) => {
        const breaker = breakerWith();
        failCalls(breaker);
        const source = cold('a|');
        const seen: unknown[] = [];
        source.pipe(circuitBreaker(breaker)).subscribe({ error: (e: unknown) => seen.push(e) });
        expect(seen).toHaveLength(1);
        expect(isCircuitOpenError(seen[0])).toBe(true);
        expectSubscriptions(source.subscriptions).toBe([]);
      });
    });

    it('counts an unsubscription before any outcome as cancelled', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const breaker = breakerWith();
        const source = cold('---a|');
        expectObservable(source.pipe(circuitBreaker(breaker)), '^-!').toBe('');
        expectSubscriptions(source.subscriptions).toBe('^-!');
        flush();
        expect(breaker.stats()).toMatchObject({ cancelledCalls: 1, successfulCalls: 0, totalCalls: 1 });
      });
    });

    it('counts completion without a value as success', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const breaker = breakerWith();
        const source = cold('--|');
        expectObservable(source.pipe(circuitBreaker(breaker))).toBe('--|');
        expectSubscriptions(source.subscriptions).toBe('^-!');
        flush();
        expect(breaker.stats().successfulCalls).toBe(1);
      });
    });

    it('passes an ignored error downstream and counts it as ignored', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const breaker = breakerWith({ ignoreErrors: IgnoredError });
        const error = new IgnoredError('busy');
        const source = cold('-#', undefined, error);
        expectObservable(source.pipe(circuitBreaker(breaker))).toBe('-#', undefined, error);
        expectSubscriptions(source.subscriptions).toBe('^!');
        flush();
        expect(breaker.stats()).toMatchObject({ ignoredCalls: 1, state: 'closed' });
      });
    });
  });

  describe('successOn', () => {
    it("counts the first value as success by default, before the source completes", () => {
      const events = testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const breaker = breakerWith();
        const collected = collectEvents(breaker);
        const source = cold('-a--|');
        expectObservable(source.pipe(circuitBreaker(breaker))).toBe('-a--|');
        expectSubscriptions(source.subscriptions).toBe('^---!');
        return collected;
      });
      expect(events).toEqual([{ type: 'success', breaker: 'api', at: 1, durationMs: 1, late: false }]);
    });

    it("counts only completion as success under 'complete'", () => {
      const events = testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const breaker = breakerWith({ successOn: 'complete' });
        const collected = collectEvents(breaker);
        const source = cold('-a--|');
        expectObservable(source.pipe(circuitBreaker(breaker))).toBe('-a--|');
        expectSubscriptions(source.subscriptions).toBe('^---!');
        return collected;
      });
      expect(events).toEqual([{ type: 'success', breaker: 'api', at: 4, durationMs: 4, late: false }]);
    });

    it("counts an error after values as a failure under 'complete'", () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const breaker = breakerWith({ successOn: 'complete' });
        const source = cold('-a-#');
        expectObservable(source.pipe(circuitBreaker(breaker))).toBe('-a-#');
        expectSubscriptions(source.subscriptions).toBe('^--!');
        flush();
        expect(breaker.stats()).toMatchObject({ failedCalls: 1, successfulCalls: 0, openedCount: 1 });
      });
    });

    it("counts an unsubscription after a value as success under 'complete'", () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const breaker = breakerWith({ successOn: 'complete' });
        const source = cold('-a---b|');
        expectObservable(source.pipe(circuitBreaker(breaker), take(1))).toBe('-(a|)');
        expectSubscriptions(source.subscriptions).toBe('^!');
        flush();
        expect(breaker.stats()).toMatchObject({ successfulCalls: 1, cancelledCalls: 0 });
      });
    });
  });

  describe('synchronous sources', () => {
    it('stops a synchronous source as soon as downstream has taken what it wants', () => {
      const breaker = breakerWith();
      const emitted: number[] = [];
      range(1, 100)
        .pipe(
          tap((n) => emitted.push(n)),
          circuitBreaker(breaker),
          take(2),
        )
        .subscribe();
      expect(emitted).toEqual([1, 2]);
      expect(breaker.stats()).toMatchObject({ successfulCalls: 1, cancelledCalls: 0, totalCalls: 1 });
    });

    it("counts a synchronous source cut short after a value as success under 'complete'", () => {
      const breaker = breakerWith({ successOn: 'complete' });
      range(1, 100).pipe(circuitBreaker(breaker), take(1)).subscribe();
      expect(breaker.stats()).toMatchObject({ successfulCalls: 1, cancelledCalls: 0 });
    });
  });

  describe('callTimeout', () => {
    it('fails a slow call with CallTimeoutError and unsubscribes the source', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const breaker = breakerWith({ failureThreshold: 2, callTimeout: 3 });
        const source = cold('-----a|');
        expectObservable(source.pipe(circuitBreaker(breaker))).toBe('---#', undefined, new CallTimeoutError('api', 3));
        expectSubscriptions(source.subscriptions).toBe('^--!');
      });
    });

    it('counts a timeout as a failure and a timeout, with a timeout event', () => {
      const { stats, events } = testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const breaker = breakerWith({ failureThreshold: 2, callTimeout: 3 });
        const collected = collectEvents(breaker);
        const source = cold('-----a|');
        expectObservable(source.pipe(circuitBreaker(breaker))).toBe('---#', undefined, new CallTimeoutError('api', 3));
        expectSubscriptions(source.subscriptions).toBe('^--!');
        return { stats: () => breaker.stats(), events: collected };
      });
      expect(stats()).toMatchObject({ failedCalls: 1, timeouts: 1, consecutiveFailures: 1 });
      expect(events.map((e) => e.type)).toEqual(['timeout']);
      expect(events[0]).toMatchObject({ at: 3, durationMs: 3 });
    });

    it('stops at the first value by default', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const breaker = breakerWith({ callTimeout: 3 });
        const source = cold('-a----|');
        expectObservable(source.pipe(circuitBreaker(breaker))).toBe('-a----|');
        expectSubscriptions(source.subscriptions).toBe('^-----!');
      });
    });

    it("runs until completion under successOn 'complete'", () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const breaker = breakerWith({ callTimeout: 3, successOn: 'complete' });
        const source = cold('a-----|');
        expectObservable(source.pipe(circuitBreaker(breaker))).toBe('a--#', undefined, new CallTimeoutError('api', 3));
        expectSubscriptions(source.subscriptions).toBe('^--!');
      });
    });

    it('leaves no timer behind when the call is cancelled', () => {
      const scheduler = testScheduler();
      scheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const breaker = breakerWith({ callTimeout: 50 });
        const source = cold('------');
        expectObservable(source.pipe(circuitBreaker(breaker)), '^-!').toBe('');
        expectSubscriptions(source.subscriptions).toBe('^-!');
        flush();
        // Nothing ran at 50: the clock stopped where the unsubscription happened.
        expect(scheduler.actions).toHaveLength(0);
        expect(scheduler.now()).toBe(2);
      });
    });
  });

  describe('fallback', () => {
    it("replaces a rejected call, with reason 'rejected', without subscribing the source", () => {
      const calls: string[] = [];
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const breaker = breakerWith();
        failCalls(breaker);
        const source = cold('-a|');
        expectObservable(source.pipe(circuitBreaker(breaker, { fallback: recordingFallback(calls) }))).toBe('(f|)', { f: 'fb' });
        expectSubscriptions(source.subscriptions).toBe([]);
      });
      expect(calls).toEqual(['rejected:CircuitOpenError']);
    });

    it("replaces a recorded failure, with reason 'failure'", () => {
      const calls: string[] = [];
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const breaker = breakerWith();
        const source = cold('-#', undefined, new TypeError('down'));
        expectObservable(source.pipe(circuitBreaker(breaker, { fallback: recordingFallback(calls) }))).toBe('-(f|)', { f: 'fb' });
        expectSubscriptions(source.subscriptions).toBe('^!');
      });
      expect(calls).toEqual(['failure:TypeError']);
    });

    it("replaces a timeout, with reason 'timeout'", () => {
      const calls: string[] = [];
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const breaker = breakerWith({ callTimeout: 2 });
        const source = cold('-----a|');
        expectObservable(source.pipe(circuitBreaker(breaker, { fallback: recordingFallback(calls) }))).toBe('--(f|)', { f: 'fb' });
        expectSubscriptions(source.subscriptions).toBe('^-!');
      });
      expect(calls).toEqual(['timeout:CallTimeoutError']);
    });

    it('is not used for an ignored error', () => {
      const calls: string[] = [];
      const error = new IgnoredError('busy');
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const breaker = breakerWith({ ignoreErrors: IgnoredError });
        const source = cold('-#', undefined, error);
        expectObservable(source.pipe(circuitBreaker(breaker, { fallback: recordingFallback(calls) }))).toBe('-#', undefined, error);
        expectSubscriptions(source.subscriptions).toBe('^!');
      });
      expect(calls).toEqual([]);
    });

    it('is not used for an error that recordErrors does not match', () => {
      const calls: string[] = [];
      const error = new TypeError('answered');
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const breaker = breakerWith({ recordErrors: RangeError });
        const source = cold('-#', undefined, error);
        expectObservable(source.pipe(circuitBreaker(breaker, { fallback: recordingFallback(calls) }))).toBe('-#', undefined, error);
        expectSubscriptions(source.subscriptions).toBe('^!');
      });
      expect(calls).toEqual([]);
    });

    it('errors downstream with what a throwing fallback throws', () => {
      const problem = new Error('fallback broke');
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const breaker = breakerWith();
        const source = cold('-#');
        const fallback = () => {
          throw problem;
        };
        expectObservable(source.pipe(circuitBreaker(breaker, { fallback }))).toBe('-#', undefined, problem);
        expectSubscriptions(source.subscriptions).toBe('^!');
      });
    });

    it('errors downstream with what a throwing fallback throws for a rejected call', () => {
      const problem = new Error('fallback broke');
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const breaker = breakerWith();
        failCalls(breaker);
        const source = cold('-a|');
        const fallback = () => {
          throw problem;
        };
        expectObservable(source.pipe(circuitBreaker(breaker, { fallback }))).toBe('#', undefined, problem);
        expectSubscriptions(source.subscriptions).toBe([]);
      });
    });

    it('gets the breaker in its info and may return any ObservableInput', async () => {
      const breaker = breakerWith();
      let seen: CircuitBreaker | undefined;
      const result = await new Promise((resolve) =>
        throwError(() => new Error('down'))
          .pipe(
            circuitBreaker<string>(breaker, {
              fallback: (_error, info) => {
                seen = info.breaker;
                return Promise.resolve('cached');
              },
            }),
          )
          .subscribe(resolve),
      );
      expect(result).toBe('cached');
      expect(seen).toBe(breaker);
    });
  });

  describe('recording before downstream', () => {
    it('records a success before the value reaches downstream', () => {
      const seen: number[] = [];
      testScheduler().run(({ cold, expectSubscriptions }) => {
        const breaker = breakerWith();
        const source = cold('-a|');
        source.pipe(circuitBreaker(breaker)).subscribe(() => seen.push(breaker.stats().successfulCalls));
        expectSubscriptions(source.subscriptions).toBe('^-!');
      });
      expect(seen).toEqual([1]);
    });

    it('records a failure, and the trip it causes, before the error reaches downstream', () => {
      const seen: unknown[] = [];
      testScheduler().run(({ cold, expectSubscriptions }) => {
        const breaker = breakerWith();
        const source = cold('-#');
        source.pipe(circuitBreaker(breaker)).subscribe({ error: () => seen.push(breaker.stats().failedCalls, breaker.state) });
        expectSubscriptions(source.subscriptions).toBe('^!');
      });
      expect(seen).toEqual([1, 'open']);
    });

    it('records a timeout before the CallTimeoutError reaches downstream', () => {
      const seen: unknown[] = [];
      testScheduler().run(({ cold, expectSubscriptions }) => {
        const breaker = breakerWith({ callTimeout: 2 });
        const source = cold('-----a|');
        source.pipe(circuitBreaker(breaker)).subscribe({
          error: (e: unknown) => seen.push(isCallTimeoutError(e), breaker.stats().timeouts),
        });
        expectSubscriptions(source.subscriptions).toBe('^-!');
      });
      expect(seen).toEqual([true, 1]);
    });

    it('closes a half-open breaker before the successful trial value reaches downstream', () => {
      const seen: string[] = [];
      testScheduler().run(({ cold, hot, expectSubscriptions }) => {
        const breaker = breakerWith({ recoveryTimeout: 10, halfOpenMaxCalls: 1 });
        failCalls(breaker);
        const source = cold('-a|');
        hot('11ms x')
          .pipe(mergeMap(() => source.pipe(circuitBreaker(breaker))))
          .subscribe(() => seen.push(breaker.state));
        expectSubscriptions(source.subscriptions).toBe('11ms ^-!');
      });
      expect(seen).toEqual(['closed']);
    });
  });

  describe('by name', () => {
    let registry: CircuitBreakerRegistry;

    afterEach(() => {
      registry?.dispose();
    });

    it('creates the named breaker in the registry with the options on first use', () => {
      registry = new CircuitBreakerRegistry();
      const guarded = throwError(() => new Error('down')).pipe(circuitBreaker('api', { registry, failureThreshold: 1 }));
      expect(registry.has('api')).toBe(false);
      guarded.subscribe({ error: () => undefined });
      expect(registry.get('api').state).toBe('open');
    });

    it('uses an existing breaker as it is, ignoring the options', () => {
      registry = new CircuitBreakerRegistry();
      const existing = registry.get('api', { failureThreshold: 3 });
      throwError(() => new Error('down'))
        .pipe(circuitBreaker('api', { registry, failureThreshold: 1 }))
        .subscribe({ error: () => undefined });
      expect(registry.get('api')).toBe(existing);
      expect(existing.state).toBe('closed');
    });

    it('resolves the breaker on each subscription, so a removed breaker is replaced by a fresh one', () => {
      registry = new CircuitBreakerRegistry();
      const guarded = throwError(() => new Error('down')).pipe(
        circuitBreaker('api', { registry, failureThreshold: 1 }),
        catchError((e: unknown) => of(isCircuitOpenError(e) ? 'rejected' : 'failed')),
      );
      const outcomes: string[] = [];
      guarded.subscribe((o) => outcomes.push(o));
      const first = registry.get('api');
      guarded.subscribe((o) => outcomes.push(o));
      registry.remove('api');
      guarded.subscribe((o) => outcomes.push(o));
      expect(outcomes).toEqual(['failed', 'rejected', 'failed']);
      expect(registry.get('api')).not.toBe(first);
    });

    it('uses the default registry when none is given', () => {
      const name = 'circuitBreaker.test default';
      try {
        of(1).pipe(circuitBreaker(name)).subscribe();
        expect(defaultRegistry.get(name).stats().successfulCalls).toBe(1);
      } finally {
        defaultRegistry.remove(name);
      }
    });
  });

  describe('validation', () => {
    function configError(fn: () => unknown): InvalidConfigError {
      const error = thrown(fn);
      expect(error).toBeInstanceOf(InvalidConfigError);
      return error as InvalidConfigError;
    }

    it.each([5, 'fb', {}])('rejects a fallback that is not a function (%s)', (fallback) => {
      const error = configError(() => circuitBreaker('api', { fallback: fallback as never }));
      expect(error).toMatchObject({ option: 'fallback', value: fallback });
      expect(error.message).toMatch(/^fallback must be a function returning an ObservableInput, got /);
    });

    it.each(['', 42, null, undefined])('rejects %s as the breaker', (nameOrBreaker) => {
      const error = configError(() => circuitBreaker(nameOrBreaker as never));
      expect(error).toMatchObject({ option: 'nameOrBreaker', value: nameOrBreaker });
      expect(error.message).toMatch(/^nameOrBreaker must be a breaker name or a CircuitBreaker, got /);
    });

    it.each([{}, null, 'registry'])('rejects a registry without get() (%s)', (registry) => {
      const error = configError(() => circuitBreaker('api', { registry: registry as never }));
      expect(error).toMatchObject({ option: 'registry', value: registry });
      expect(error.message).toMatch(/^registry must be a CircuitBreakerRegistry, got /);
    });

    it('rejects bad breaker options when the operator is created, not when it is subscribed', () => {
      const registry = new CircuitBreakerRegistry();
      const error = configError(() => circuitBreaker('api', { registry, callTimeout: -1 }));
      expect(error).toMatchObject({ option: 'callTimeout', value: -1 });
      expect(error.message).toBe('callTimeout must be a finite number > 0, got -1');
      expect(registry.has('api')).toBe(false);
    });

    it('rejects trip together with failureThreshold', () => {
      const error = configError(() => circuitBreaker('api', { trip: () => ({}) as never, failureThreshold: 2 } as never));
      expect(error.option).toBe('trip');
    });

    it('rejects an unknown option', () => {
      const error = configError(() => circuitBreaker('api', { timeout: 5 } as never));
      expect(error).toMatchObject({ option: 'timeout', value: 5 });
    });

    it('rejects bad breaker options given with a breaker instance too', () => {
      const error = configError(() => circuitBreaker(breakerWith(), { halfOpenMaxCalls: 0 }));
      expect(error).toMatchObject({ option: 'halfOpenMaxCalls', value: 0 });
    });
  });

  it('maps a rejection to CircuitOpenError with the breaker name', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const breaker = breakerWith();
      failCalls(breaker);
      const source = cold('-a|');
      const guarded = source.pipe(
        circuitBreaker(breaker),
        catchError((e: unknown) => of(e instanceof CircuitOpenError ? e.breakerName : 'other')),
        map(String),
      );
      expectObservable(guarded).toBe('(n|)', { n: 'api' });
      expectSubscriptions(source.subscriptions).toBe([]);
    });
  });
});
