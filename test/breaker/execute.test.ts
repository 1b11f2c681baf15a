import { getEventListeners } from 'node:events';
import { EMPTY, NEVER, Observable, of, Subject, throwError } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import {
  CallTimeoutError,
  CircuitBreaker,
  CircuitOpenError,
  isCallTimeoutError,
  isCircuitOpenError,
  isInvalidConfigError,
} from '../../index.js';
import type { CircuitBreakerOptions } from '../../index.js';
import { advance, deferred, flushMicrotasks, track } from './async.js';
import { collectEvents, failCalls, IgnoredError, thrown, transitions, VirtualClock } from './helpers.js';

const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

/** A breaker on a virtual clock. */
function breakerOn(clock: VirtualClock, options: CircuitBreakerOptions = {}): CircuitBreaker {
  return new CircuitBreaker('api', { scheduler: clock, ...options });
}

/** A breaker on `clock` that is half-open with one trial slot (opened by one failure, 1 s break). */
function halfOpenBreaker(clock: VirtualClock, options: CircuitBreakerOptions = {}): CircuitBreaker {
  const breaker = breakerOn(clock, { failureThreshold: 1, recoveryTimeout: 1_000, halfOpenMaxCalls: 1, ...options });
  failCalls(breaker);
  clock.advance(1_000);
  expect(breaker.state).toBe('half_open');
  return breaker;
}

describe('execute() with an AbortSignal', () => {
  it('never calls fn when the signal is already aborted, rejects with its reason and counts nothing', async () => {
    const breaker = new CircuitBreaker('api');
    const controller = new AbortController();
    const reason = new Error('user left');
    controller.abort(reason);
    const fn = vi.fn(() => 'value');
    await expect(breaker.execute(fn, { signal: controller.signal })).rejects.toBe(reason);
    expect(fn).not.toHaveBeenCalled();
    expect(breaker.stats()).toMatchObject({ totalCalls: 0, rejectedCalls: 0 });
  });

  it('never calls fn for an already-aborted signal when the call has retries', async () => {
    const breaker = new CircuitBreaker('api');
    const controller = new AbortController();
    controller.abort();
    const fn = vi.fn(() => 'value');
    const error = await breaker.execute(fn, { signal: controller.signal, retry: { maxRetries: 2 } }).catch((e: unknown) => e);
    expect((error as DOMException).name).toBe('AbortError');
    expect(fn).not.toHaveBeenCalled();
    expect(breaker.stats().totalCalls).toBe(0);
  });

  it('rejects at once with the reason when the signal aborts during the call, counts it cancelled and aborts fn’s signal', async () => {
    const breaker = new CircuitBreaker('api');
    const events = collectEvents(breaker);
    const controller = new AbortController();
    let inner: AbortSignal | undefined;
    const call = track(
      breaker.execute(
        (signal) => {
          inner = signal;
          return new Promise<never>(() => {});
        },
        { signal: controller.signal },
      ),
    );
    await flushMicrotasks();
    expect(call.result).toEqual(['pending']);
    const reason = new Error('navigated away');
    controller.abort(reason);
    await flushMicrotasks();
    expect(call.result).toEqual(['rejected', reason]);
    expect(inner?.aborted).toBe(true);
    expect(breaker.stats()).toMatchObject({ cancelledCalls: 1, failedCalls: 0, successfulCalls: 0 });
    expect(events.map((e) => e.type)).toEqual(['cancelled']);
  });

  it('aborts an Observable call: the source is unsubscribed, fn’s signal aborted, the call cancelled', async () => {
    const breaker = new CircuitBreaker('api');
    const controller = new AbortController();
    let inner: AbortSignal | undefined;
    let unsubscribed = false;
    const call = breaker.execute(
      (signal) => {
        inner = signal;
        return new Observable<number>(() => () => (unsubscribed = true));
      },
      { signal: controller.signal },
    );
    controller.abort('stop');
    await expect(call).rejects.toBe('stop');
    expect(unsubscribed).toBe(true);
    expect(inner?.aborted).toBe(true);
    expect(breaker.stats()).toMatchObject({ cancelledCalls: 1, failedCalls: 0 });
  });

  it('gives the half-open slot back when the caller aborts', async () => {
    const clock = new VirtualClock();
    const breaker = halfOpenBreaker(clock);
    const controller = new AbortController();
    const hung = breaker.execute(() => new Promise<never>(() => {}), { signal: controller.signal });
    const second = vi.fn(() => 'second');
    await expect(breaker.execute(second)).rejects.toBeInstanceOf(CircuitOpenError);
    controller.abort();
    await expect(hung).rejects.toMatchObject({ name: 'AbortError' });
    await expect(breaker.execute(() => 'third')).resolves.toBe('third');
    expect(second).not.toHaveBeenCalled();
    expect(breaker.state).toBe('closed');
  });

  it('stops retrying when the caller aborts during a retry delay', async () => {
    const clock = new VirtualClock();
    const breaker = breakerOn(clock);
    const controller = new AbortController();
    const fn = vi.fn(() => Promise.reject(new Error('down')));
    const call = track(breaker.execute(fn, { signal: controller.signal, retry: { initialInterval: 100, maxRetries: 5 } }));
    await advance(clock, 0);
    expect(fn).toHaveBeenCalledTimes(1);
    controller.abort('bye');
    await advance(clock, 1_000);
    expect(call.result).toEqual(['rejected', 'bye']);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(clock.pending).toBe(0);
    expect(listeners(controller.signal)).toBe(0);
  });

  it('ignores an abort after the call settled: same counts, fn’s signal untouched', async () => {
    const breaker = new CircuitBreaker('api');
    const controller = new AbortController();
    let inner: AbortSignal | undefined;
    const value = await breaker.execute(
      async (signal) => {
        inner = signal;
        return 42;
      },
      { signal: controller.signal },
    );
    controller.abort();
    await flushMicrotasks();
    expect(value).toBe(42);
    expect(inner?.aborted).toBe(false);
    expect(breaker.stats()).toMatchObject({ successfulCalls: 1, cancelledCalls: 0, totalCalls: 1 });
  });

  it('holds one listener on the caller’s signal while the call runs', async () => {
    const breaker = new CircuitBreaker('api');
    const controller = new AbortController();
    const answer = deferred<string>();
    const call = breaker.execute(() => answer.promise, { signal: controller.signal });
    expect(listeners(controller.signal)).toBe(1);
    answer.resolve('ok');
    await call;
    expect(listeners(controller.signal)).toBe(0);
  });

  const outcomes: [string, (breaker: CircuitBreaker) => (signal: AbortSignal) => unknown][] = [
    ['a value', () => () => 1],
    ['a resolved Promise', () => async () => 1],
    ['a rejected Promise', () => () => Promise.reject(new Error('down'))],
    ['a synchronous throw', () => () => {
      throw new Error('down');
    }],
    ['an Observable value', () => () => of(1, 2)],
    ['an Observable error', () => () => throwError(() => new Error('down'))],
    ['an empty Observable', () => () => EMPTY],
    ['a rejection by the open circuit', (breaker) => {
      breaker.forceOpen();
      return () => 1;
    }],
  ];

  it.each(outcomes)('leaves no listener on the caller’s signal after %s', async (_, setup) => {
    const breaker = new CircuitBreaker('api');
    const fn = setup(breaker);
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    await breaker.execute(fn, { signal: controller.signal }).catch(() => undefined);
    expect(listeners(controller.signal)).toBe(0);
    expect(remove).toHaveBeenCalledTimes(add.mock.calls.length);
  });

  it('leaves no listener on the caller’s signal after a call with retries', async () => {
    const breaker = new CircuitBreaker('api');
    const controller = new AbortController();
    let attempts = 0;
    const value = await breaker.execute(() => (++attempts < 2 ? Promise.reject(new Error('down')) : 'ok'), {
      signal: controller.signal,
      retry: { initialInterval: 0, maxRetries: 2 },
    });
    expect(value).toBe('ok');
    expect(listeners(controller.signal)).toBe(0);
  });

  it('leaves no listener on the caller’s signal after a timeout', async () => {
    const clock = new VirtualClock();
    const breaker = breakerOn(clock, { callTimeout: 100 });
    const controller = new AbortController();
    const call = breaker.execute(() => new Promise<never>(() => {}), { signal: controller.signal });
    clock.advance(100);
    await expect(call).rejects.toBeInstanceOf(CallTimeoutError);
    expect(listeners(controller.signal)).toBe(0);
  });
});

describe('execute() with callTimeout', () => {
  it('aborts fn’s signal and rejects with CallTimeoutError when the Promise outlives callTimeout', async () => {
    const clock = new VirtualClock();
    const breaker = breakerOn(clock, { callTimeout: 100 });
    let inner: AbortSignal | undefined;
    const call = track(
      breaker.execute((signal) => {
        inner = signal;
        return new Promise<never>(() => {});
      }),
    );
    await advance(clock, 99);
    expect(inner?.aborted).toBe(false);
    expect(call.result).toEqual(['pending']);
    await advance(clock, 1);
    expect(inner?.aborted).toBe(true);
    expect(isCallTimeoutError(inner?.reason)).toBe(true);
    expect(call.result[0]).toBe('rejected');
    expect(call.result[1]).toMatchObject({ name: 'CallTimeoutError', breakerName: 'api', timeoutMs: 100 });
    expect(breaker.stats()).toMatchObject({ timeouts: 1, failedCalls: 1 });
  });

  it('aborts fn’s signal and rejects with CallTimeoutError when an Observable outlives callTimeout', async () => {
    const clock = new VirtualClock();
    const breaker = breakerOn(clock, { callTimeout: 100 });
    let inner: AbortSignal | undefined;
    const call = breaker.execute((signal) => {
      inner = signal;
      return NEVER;
    });
    clock.advance(100);
    await expect(call).rejects.toBeInstanceOf(CallTimeoutError);
    expect(inner?.aborted).toBe(true);
    expect(breaker.stats().timeouts).toBe(1);
  });

  it('ignores a Promise that settles after its timeout: the timeout is the outcome', async () => {
    const clock = new VirtualClock();
    const breaker = breakerOn(clock, { callTimeout: 100 });
    const late = deferred<string>();
    const call = track(breaker.execute(() => late.promise));
    await advance(clock, 100);
    late.resolve('too late');
    await flushMicrotasks();
    expect(call.result[1]).toBeInstanceOf(CallTimeoutError);
    expect(breaker.stats()).toMatchObject({ timeouts: 1, successfulCalls: 0, totalCalls: 1 });
  });

  it('ignores a Promise that rejects after the caller aborted: the cancellation is the outcome', async () => {
    const breaker = new CircuitBreaker('api');
    const controller = new AbortController();
    const late = deferred<string>();
    const call = breaker.execute(() => late.promise, { signal: controller.signal });
    controller.abort('gone');
    late.reject(new Error('down'));
    await expect(call).rejects.toBe('gone');
    await flushMicrotasks();
    expect(breaker.stats()).toMatchObject({ cancelledCalls: 1, failedCalls: 0, totalCalls: 1 });
  });

  it('cancels its timer when the call answers in time', async () => {
    const clock = new VirtualClock();
    const breaker = breakerOn(clock, { callTimeout: 100 });
    await expect(breaker.execute(async () => 'fast')).resolves.toBe('fast');
    expect(clock.pending).toBe(0);
  });

  it('frees the permit of a hung call: a half-open round of one trial re-opens on the timeout, and the next round decides', async () => {
    const clock = new VirtualClock();
    const breaker = halfOpenBreaker(clock, { callTimeout: 100 });
    const events = collectEvents(breaker);
    const hung = track(breaker.execute(() => new Promise<never>(() => {})));
    await expect(breaker.execute(() => 'extra')).rejects.toSatisfy(isCircuitOpenError);
    await advance(clock, 100);
    expect(hung.result[1]).toBeInstanceOf(CallTimeoutError);
    expect(breaker.state).toBe('open');
    await advance(clock, 1_000);
    expect(breaker.state).toBe('half_open');
    await expect(breaker.execute(async () => 'recovered')).resolves.toBe('recovered');
    expect(breaker.state).toBe('closed');
    expect(transitions(events)).toEqual(['half_open>open:trial_failed', 'open>half_open:recovery_timeout', 'half_open>closed:trials_succeeded']);
  });
});

describe('execute() and what fn returns', () => {
  it('resolves with a plain value and counts a success', async () => {
    const breaker = new CircuitBreaker('api');
    await expect(breaker.execute(() => 7)).resolves.toBe(7);
    expect(breaker.stats()).toMatchObject({ successfulCalls: 1, totalCalls: 1 });
  });

  it('resolves arrays and strings as values, not as streams', async () => {
    const breaker = new CircuitBreaker('api');
    await expect(breaker.execute(() => [1, 2, 3])).resolves.toEqual([1, 2, 3]);
    await expect(breaker.execute(() => 'abc')).resolves.toBe('abc');
  });

  it('resolves with what a Promise resolves to, counted when it settles', async () => {
    const breaker = new CircuitBreaker('api');
    const answer = deferred<{ id: number }>();
    const call = breaker.execute(() => answer.promise);
    await flushMicrotasks();
    expect(breaker.stats().successfulCalls).toBe(0);
    answer.resolve({ id: 1 });
    await expect(call).resolves.toEqual({ id: 1 });
    expect(breaker.stats().successfulCalls).toBe(1);
  });

  it('returns a native Promise for a foreign thenable', async () => {
    const breaker = new CircuitBreaker('api');
    const thenable: PromiseLike<number> = { then: (resolve) => Promise.resolve(resolve?.(5)) as never };
    const call = breaker.execute(() => thenable);
    expect(call).toBeInstanceOf(Promise);
    await expect(call).resolves.toBe(5);
  });

  it('rejects with the error of a rejected Promise and counts a failure', async () => {
    const breaker = new CircuitBreaker('api');
    const error = new Error('down');
    await expect(breaker.execute(() => Promise.reject(error))).rejects.toBe(error);
    expect(breaker.stats()).toMatchObject({ failedCalls: 1, consecutiveFailures: 1 });
  });

  it('counts an ignored error as ignored and still rejects with it', async () => {
    const breaker = new CircuitBreaker('api', { ignoreErrors: IgnoredError });
    const error = new IgnoredError('not found');
    await expect(breaker.execute(() => Promise.reject(error))).rejects.toBe(error);
    expect(breaker.stats()).toMatchObject({ ignoredCalls: 1, failedCalls: 0 });
  });

  it('resolves with an Observable’s first value and unsubscribes from it', async () => {
    const breaker = new CircuitBreaker('api');
    const values = new Subject<number>();
    const call = breaker.execute(() => values);
    expect(values.observed).toBe(true);
    values.next(1);
    values.next(2);
    await expect(call).resolves.toBe(1);
    expect(values.observed).toBe(false);
    expect(breaker.stats().successfulCalls).toBe(1);
  });

  it('unsubscribes from a synchronous Observable after its first value', async () => {
    const breaker = new CircuitBreaker('api');
    const emitted: number[] = [];
    let unsubscribed = false;
    const source = new Observable<number>((subscriber) => {
      for (let i = 1; i <= 3 && !subscriber.closed; i++) {
        emitted.push(i);
        subscriber.next(i);
      }
      return () => (unsubscribed = true);
    });
    await expect(breaker.execute(() => source)).resolves.toBe(1);
    expect(emitted).toEqual([1]);
    expect(unsubscribed).toBe(true);
  });

  it('resolves undefined for an empty Observable and counts a success', async () => {
    const breaker = new CircuitBreaker('api');
    await expect(breaker.execute(() => EMPTY)).resolves.toBeUndefined();
    expect(breaker.stats().successfulCalls).toBe(1);
  });

  it('rejects with an Observable’s error and counts a failure', async () => {
    const breaker = new CircuitBreaker('api');
    await expect(breaker.execute(() => throwError(() => new Error('down')))).rejects.toThrow('down');
    expect(breaker.stats().failedCalls).toBe(1);
  });

  it('resolves with an async iterable’s first value and stops iterating', async () => {
    const breaker = new CircuitBreaker('api');
    let closed = false;
    async function* pages() {
      try {
        yield 'page 1';
        yield 'page 2';
      } finally {
        closed = true;
      }
    }
    await expect(breaker.execute(() => pages())).resolves.toBe('page 1');
    await flushMicrotasks();
    expect(closed).toBe(true);
    expect(breaker.stats().successfulCalls).toBe(1);
  });

  it('turns a synchronous throw into a rejection and counts a failure', async () => {
    const breaker = new CircuitBreaker('api');
    const error = new Error('bug');
    let call: Promise<unknown> | undefined;
    expect(() => {
      call = breaker.execute(() => {
        throw error;
      });
    }).not.toThrow();
    await expect(call).rejects.toBe(error);
    expect(breaker.stats().failedCalls).toBe(1);
  });

  it('rejects, never throws, when the circuit is open, without calling fn', async () => {
    const breaker = new CircuitBreaker('api', { failureThreshold: 1 });
    failCalls(breaker);
    const fn = vi.fn(() => 1);
    let call: Promise<unknown> | undefined;
    expect(() => {
      call = breaker.execute(fn);
    }).not.toThrow();
    const error = await call?.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error).toMatchObject({ breakerName: 'api', state: 'open' });
    expect(fn).not.toHaveBeenCalled();
    expect(breaker.stats().rejectedCalls).toBe(1);
  });

  it('rejects, never throws, when fn is not a function', async () => {
    const breaker = new CircuitBreaker('api');
    const call = breaker.execute('nope' as never);
    await expect(call).rejects.toSatisfy(isInvalidConfigError);
  });
});

describe('execute() with retries', () => {
  it('retries with the call’s retry option, each attempt a call through the breaker', async () => {
    const clock = new VirtualClock();
    const breaker = breakerOn(clock);
    const at: number[] = [];
    const call = track(
      breaker.execute(
        async () => {
          at.push(clock.now());
          if (at.length < 3) throw new Error('flaky');
          return 'ok';
        },
        { retry: { initialInterval: 100, maxRetries: 3 } },
      ),
    );
    await advance(clock, 100);
    await advance(clock, 200);
    expect(call.result).toEqual(['resolved', 'ok']);
    expect(at).toEqual([0, 100, 300]);
    expect(breaker.stats()).toMatchObject({ totalCalls: 3, failedCalls: 2, successfulCalls: 1 });
  });

  it('reads a number as the initial interval of unlimited retries, as retryBackoff does', async () => {
    const clock = new VirtualClock();
    const breaker = breakerOn(clock, { failureThreshold: 10 });
    const at: number[] = [];
    const call = track(
      breaker.execute(
        () => {
          at.push(clock.now());
          return at.length < 5 ? Promise.reject(new Error('down')) : Promise.resolve('ok');
        },
        { retry: 10 },
      ),
    );
    for (const delay of [10, 20, 40, 80]) await advance(clock, delay);
    expect(call.result).toEqual(['resolved', 'ok']);
    expect(at).toEqual([0, 10, 30, 70, 150]);
  });

  it('uses the breaker’s retry option as the default', async () => {
    const clock = new VirtualClock();
    const breaker = breakerOn(clock, { retry: { initialInterval: 50, maxRetries: 1 } });
    const fn = vi.fn(() => Promise.reject(new Error('down')));
    const call = track(breaker.execute(fn));
    await advance(clock, 50);
    expect(fn).toHaveBeenCalledTimes(2);
    expect(call.result[0]).toBe('rejected');
    expect(breaker.stats().failedCalls).toBe(2);
  });

  it('lets the call’s retry option win over the breaker’s', async () => {
    const clock = new VirtualClock();
    const breaker = breakerOn(clock, { retry: { initialInterval: 50, maxRetries: 5 } });
    const fn = vi.fn(() => Promise.reject(new Error('down')));
    const call = track(breaker.execute(fn, { retry: { maxRetries: 0 } }));
    await advance(clock, 1_000);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(call.result[0]).toBe('rejected');
  });

  it('retries a rejected call after the break, not before: the retry reads retryAfterMs', async () => {
    const clock = new VirtualClock();
    const breaker = breakerOn(clock, { failureThreshold: 1, recoveryTimeout: 1_000, halfOpenMaxCalls: 1 });
    const at: number[] = [];
    const call = track(
      breaker.execute(
        () => {
          at.push(clock.now());
          return at.length === 1 ? Promise.reject(new Error('down')) : Promise.resolve('ok');
        },
        { retry: { initialInterval: 10, maxRetries: 3 } },
      ),
    );
    await advance(clock, 10);
    expect(breaker.stats().rejectedCalls).toBe(1);
    await advance(clock, 990);
    expect(call.result).toEqual(['resolved', 'ok']);
    expect(at).toEqual([0, 1_000]);
    expect(breaker.state).toBe('closed');
  });

  it('retries an Observable-returning fn, a fresh subscription per attempt', async () => {
    const clock = new VirtualClock();
    const breaker = breakerOn(clock);
    let subscriptions = 0;
    const source = new Observable<string>((subscriber) => {
      if (++subscriptions < 2) subscriber.error(new Error('flaky'));
      else subscriber.next('ok');
    });
    const call = track(breaker.execute(() => source, { retry: { initialInterval: 10, maxRetries: 1 } }));
    await advance(clock, 10);
    expect(call.result).toEqual(['resolved', 'ok']);
    expect(subscriptions).toBe(2);
    expect(breaker.stats()).toMatchObject({ failedCalls: 1, successfulCalls: 1 });
  });

  it('retries plain values and synchronous throws, a fresh signal per attempt', async () => {
    const clock = new VirtualClock();
    const breaker = breakerOn(clock);
    const signals: AbortSignal[] = [];
    const call = track(
      breaker.execute(
        (signal) => {
          signals.push(signal);
          if (signals.length < 2) throw new Error('bug');
          return 'value';
        },
        { retry: { initialInterval: 10, maxRetries: 1 } },
      ),
    );
    await advance(clock, 10);
    expect(call.result).toEqual(['resolved', 'value']);
    expect(signals).toHaveLength(2);
    expect(signals[0]).not.toBe(signals[1]);
  });

  it('times out each attempt under callTimeout and aborts its signal', async () => {
    const clock = new VirtualClock();
    const breaker = breakerOn(clock, { callTimeout: 100 });
    const signals: AbortSignal[] = [];
    const call = track(
      breaker.execute(
        (signal) => {
          signals.push(signal);
          return new Promise<never>(() => {});
        },
        { retry: { initialInterval: 10, maxRetries: 1 } },
      ),
    );
    await advance(clock, 100);
    await advance(clock, 10);
    await advance(clock, 100);
    expect(call.result[1]).toBeInstanceOf(CallTimeoutError);
    expect(signals.map((s) => s.aborted)).toEqual([true, true]);
    expect(breaker.stats().timeouts).toBe(2);
  });

  it('refuses a breaker whose retry option is invalid, at creation', () => {
    const error = thrown(() => new CircuitBreaker('api', { retry: { initialInterval: -5 } }));
    expect(isInvalidConfigError(error)).toBe(true);
    expect(error).toMatchObject({ value: -5 });
  });

  it('rejects, never throws, when the retry config is invalid', async () => {
    const breaker = new CircuitBreaker('api');
    const fn = vi.fn(() => 1);
    let call: Promise<unknown> | undefined;
    expect(() => {
      call = breaker.execute(fn, { retry: { maxRetries: -1 } });
    }).not.toThrow();
    const error = await call?.catch((e: unknown) => e);
    expect(isInvalidConfigError(error)).toBe(true);
    expect(error).toMatchObject({ value: -1 });
    expect(fn).not.toHaveBeenCalled();
  });
});
