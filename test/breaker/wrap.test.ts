import { firstValueFrom, Observable, of, throwError } from 'rxjs';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { CallTimeoutError, CircuitBreaker, CircuitOpenError, isCircuitOpenError, isInvalidConfigError } from '../../index.js';
import { advance, track } from './async.js';
import { failCalls, thrown, VirtualClock } from './helpers.js';

interface User {
  id: string;
  page: number;
}

/** A breaker that opened on its first failure and stays open for a minute. */
function openBreaker(): CircuitBreaker {
  const breaker = new CircuitBreaker('api', { failureThreshold: 1 });
  failCalls(breaker);
  return breaker;
}

describe('wrap() types', () => {
  it('keeps the parameter and return types of a Promise-returning function', () => {
    const breaker = new CircuitBreaker('api');
    const getUser = breaker.wrap(async (id: string, page: number): Promise<User> => ({ id, page }));
    expectTypeOf(getUser).toEqualTypeOf<(id: string, page: number) => Promise<User>>();
    expectTypeOf(getUser).parameters.toEqualTypeOf<[id: string, page: number]>();
  });

  it('keeps the parameter and return types of an Observable-returning function', () => {
    const breaker = new CircuitBreaker('api');
    const list = breaker.wrap((filter?: string) => of([filter ?? 'all']));
    expectTypeOf(list).toEqualTypeOf<(filter?: string) => Observable<string[]>>();
  });

  it('types a function returning a plain value as returning a Promise of it, as it does at run time', async () => {
    const breaker = new CircuitBreaker('api');
    const double = breaker.wrap((n: number) => n * 2);
    expectTypeOf(double).toEqualTypeOf<(n: number) => Promise<number>>();
    const result = double(21);
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toBe(42);
  });
});

describe('wrap() of a Promise-returning function', () => {
  it('makes one call per invocation, with the arguments and `this`', async () => {
    const breaker = new CircuitBreaker('api');
    const client = {
      base: 'https://x.test',
      get: breaker.wrap(async function (this: { base: string }, path: string) {
        return `${this.base}/${path}`;
      }),
    };
    await expect(client.get('a')).resolves.toBe('https://x.test/a');
    await expect(client.get('b')).resolves.toBe('https://x.test/b');
    expect(breaker.stats()).toMatchObject({ totalCalls: 2, successfulCalls: 2 });
  });

  it('counts a rejection as a failure and rejects with it', async () => {
    const breaker = new CircuitBreaker('api');
    const load = breaker.wrap(async () => {
      throw new Error('down');
    });
    await expect(load()).rejects.toThrow('down');
    expect(breaker.stats().failedCalls).toBe(1);
  });

  it('rejects without calling the function when the circuit is open, once its kind is known', async () => {
    const breaker = new CircuitBreaker('api', { failureThreshold: 1 });
    const fn = vi.fn(async (fail: boolean) => {
      if (fail) throw new Error('down');
      return 'ok';
    });
    const load = breaker.wrap(fn);
    await expect(load(true)).rejects.toThrow('down');
    await expect(load(false)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('turns a synchronous throw into a rejection once it is known to return Promises', async () => {
    const breaker = new CircuitBreaker('api');
    let first = true;
    const load = breaker.wrap((): Promise<string> => {
      if (first) {
        first = false;
        return Promise.resolve('ok');
      }
      throw new Error('bug');
    });
    await load();
    let result: Promise<string> | undefined;
    expect(() => (result = load())).not.toThrow();
    await expect(result).rejects.toThrow('bug');
    expect(breaker.stats().failedCalls).toBe(1);
  });

  it('rethrows a synchronous throw while its kind is unknown, counted as a failure', () => {
    const breaker = new CircuitBreaker('api');
    const load = breaker.wrap((): Promise<string> => {
      throw new Error('bug');
    });
    expect(() => load()).toThrow('bug');
    expect(breaker.stats().failedCalls).toBe(1);
  });
});

describe('wrap() of an Observable-returning function', () => {
  it('returns an Observable and makes one call per subscription, none per invocation', async () => {
    const breaker = new CircuitBreaker('api');
    let subscriptions = 0;
    const load = breaker.wrap(() => new Observable<number>((s) => {
      subscriptions++;
      s.next(1);
      s.complete();
    }));
    const load$ = load();
    expect(load$).toBeInstanceOf(Observable);
    expect(breaker.stats().totalCalls).toBe(0);
    await firstValueFrom(load$);
    await firstValueFrom(load$);
    expect(subscriptions).toBe(2);
    expect(breaker.stats()).toMatchObject({ totalCalls: 2, successfulCalls: 2 });
  });

  it('still returns an Observable when the circuit is open, which errors at subscribe without subscribing the source', async () => {
    const breaker = new CircuitBreaker('api', { failureThreshold: 1 });
    let subscriptions = 0;
    const load = breaker.wrap((fail: boolean) => new Observable<number>((s) => {
      subscriptions++;
      if (fail) s.error(new Error('down'));
      else s.next(1);
    }));
    await expect(firstValueFrom(load(true))).rejects.toThrow('down');
    const open$ = load(false);
    expect(open$).toBeInstanceOf(Observable);
    await expect(firstValueFrom(open$)).rejects.toSatisfy(isCircuitOpenError);
    expect(subscriptions).toBe(1);
  });

  it('gives back the permit it took to learn the kind, so a half-open slot serves the subscription', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: 1_000, halfOpenMaxCalls: 1, scheduler: clock });
    failCalls(breaker);
    clock.advance(1_000);
    const load = breaker.wrap(() => of('trial'));
    await expect(firstValueFrom(load())).resolves.toBe('trial');
    expect(breaker.state).toBe('closed');
    expect(breaker.stats().rejectedCalls).toBe(0);
  });
});

describe('wrap() before the kind is known', () => {
  it('answers a call the open circuit rejects with a rejected Promise, without running the function', async () => {
    const fn = vi.fn(() => of(1));
    const load = openBreaker().wrap(fn);
    const result = load() as unknown;
    expect(result).toBeInstanceOf(Promise);
    await expect(result).rejects.toBeInstanceOf(CircuitOpenError);
    expect(fn).not.toHaveBeenCalled();
  });

  it("returns an Observable that errors when the circuit is open, with returns: 'observable'", async () => {
    const load = openBreaker().wrap(() => of(1), { returns: 'observable' });
    const open$ = load();
    expect(open$).toBeInstanceOf(Observable);
    await expect(firstValueFrom(open$)).rejects.toSatisfy(isCircuitOpenError);
  });

  it("rejects without running the function when the circuit is open, with returns: 'promise'", async () => {
    const fn = vi.fn(async () => 1);
    const load = openBreaker().wrap(fn, { returns: 'promise' });
    await expect(load()).rejects.toBeInstanceOf(CircuitOpenError);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('wrap() with callTimeout', () => {
  it('times out a hung Promise from the first invocation on', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('api', { callTimeout: 100, scheduler: clock });
    const load = breaker.wrap(() => new Promise<string>(() => {}));
    const first = track(load());
    await advance(clock, 100);
    const second = track(load());
    await advance(clock, 100);
    expect(first.result[1]).toBeInstanceOf(CallTimeoutError);
    expect(second.result[1]).toBeInstanceOf(CallTimeoutError);
    expect(breaker.stats().timeouts).toBe(2);
  });
});

describe('wrap() with retries', () => {
  it('waits out the break when a retry is rejected by the circuit', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: 1_000, halfOpenMaxCalls: 1, scheduler: clock });
    const at: number[] = [];
    const load = breaker.wrap(
      async () => {
        at.push(clock.now());
        if (at.length === 1) throw new Error('down');
        return 'ok';
      },
      { retry: { initialInterval: 10, maxRetries: 2 } },
    );
    const call = track(load());
    await advance(clock, 10);
    expect(breaker.stats().rejectedCalls).toBe(1);
    await advance(clock, 990);
    expect(call.result).toEqual(['resolved', 'ok']);
    expect(at).toEqual([0, 1_000]);
  });

  it('retries a Promise-returning function, each attempt a call, from its first invocation on', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('api', { scheduler: clock });
    const at: number[] = [];
    const load = breaker.wrap(
      async (label: string) => {
        at.push(clock.now());
        if (at.length % 2 === 1) throw new Error('flaky');
        return label;
      },
      { retry: { initialInterval: 100, maxRetries: 2 } },
    );
    const first = track(load('first'));
    await advance(clock, 100);
    expect(first.result).toEqual(['resolved', 'first']);
    const second = track(load('second'));
    await advance(clock, 100);
    expect(second.result).toEqual(['resolved', 'second']);
    expect(at).toEqual([0, 100, 100, 200]);
    expect(breaker.stats()).toMatchObject({ totalCalls: 4, failedCalls: 2, successfulCalls: 2 });
  });

  it('gives up after maxRetries with the last error', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('api', { scheduler: clock });
    const fn = vi.fn(async () => {
      throw new Error('down');
    });
    const call = track(breaker.wrap(fn, { retry: { initialInterval: 10, maxRetries: 1 } })());
    await advance(clock, 10);
    expect(call.result[0]).toBe('rejected');
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('retries an Observable-returning function by resubscribing, each attempt a call', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('api', { scheduler: clock });
    let subscriptions = 0;
    const source = new Observable<string>((s) => {
      if (++subscriptions < 3) s.error(new Error('flaky'));
      else s.next('ok');
    });
    const load = breaker.wrap(() => source, { retry: { initialInterval: 10, maxRetries: 3 } });
    const call = track(firstValueFrom(load()));
    await advance(clock, 10);
    await advance(clock, 20);
    expect(call.result).toEqual(['resolved', 'ok']);
    expect(subscriptions).toBe(3);
    expect(breaker.stats()).toMatchObject({ failedCalls: 2, successfulCalls: 1 });
  });

  it('uses the breaker’s retry option as the default', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('api', { scheduler: clock, retry: { initialInterval: 10, maxRetries: 1 } });
    const fn = vi.fn(async () => {
      throw new Error('down');
    });
    const call = track(breaker.wrap(fn)());
    await advance(clock, 10);
    expect(call.result[0]).toBe('rejected');
    expect(fn).toHaveBeenCalledTimes(2);
  });
});

describe('wrap() validation', () => {
  it('throws InvalidConfigError for something that is not a function', () => {
    const error = thrown(() => new CircuitBreaker('api').wrap(42 as never));
    expect(isInvalidConfigError(error) && error.option).toBe('fn');
  });

  it('throws InvalidConfigError for a bad retry config when wrapping, not when called', () => {
    const error = thrown(() => new CircuitBreaker('api').wrap(async () => 1, { retry: { maxRetries: -1 } }));
    expect(isInvalidConfigError(error)).toBe(true);
    expect(error).toMatchObject({ value: -1 });
  });
});
