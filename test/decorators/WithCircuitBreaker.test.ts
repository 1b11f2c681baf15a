import { firstValueFrom, Observable, of, throwError } from 'rxjs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CircuitBreakerRegistry,
  DECORATED_METHOD,
  DECORATOR_REGISTRY,
  isCircuitOpenError,
  isInvalidConfigError,
  WithCircuitBreaker,
} from '../../index.js';
import { advance, track } from '../breaker/async.js';
import { failCalls, thrown, VirtualClock } from '../breaker/helpers.js';

// TC39 standard decorators: this folder's tsconfig (the root one) has no experimentalDecorators.

describe('@WithCircuitBreaker with standard decorators', () => {
  it('guards a Promise-returning method: one call per invocation, rejected when open', async () => {
    const registry = new CircuitBreakerRegistry();
    let calls = 0;
    class Client {
      @WithCircuitBreaker('std-promise', { registry, failureThreshold: 2 })
      async fetch(fail: boolean): Promise<string> {
        calls++;
        if (fail) throw new Error('down');
        return 'ok';
      }
    }
    const client = new Client();
    await expect(client.fetch(false)).resolves.toBe('ok');
    await expect(client.fetch(true)).rejects.toThrow('down');
    await expect(client.fetch(true)).rejects.toThrow('down');
    const rejected = await client.fetch(false).catch((e: unknown) => e);
    expect(isCircuitOpenError(rejected)).toBe(true);
    expect(calls).toBe(3);
    expect(registry.get('std-promise').stats()).toMatchObject({ successfulCalls: 1, failedCalls: 2, rejectedCalls: 1 });
  });

  it('keeps an Observable-returning method Observable-returning, one call per subscription', async () => {
    const registry = new CircuitBreakerRegistry();
    class Client {
      @WithCircuitBreaker('std-observable', { registry, failureThreshold: 1 })
      load(fail: boolean): Observable<number> {
        return fail ? throwError(() => new Error('down')) : of(1);
      }
    }
    const client = new Client();
    const ok$ = client.load(false);
    expect(ok$).toBeInstanceOf(Observable);
    await expect(firstValueFrom(ok$)).resolves.toBe(1);
    await expect(firstValueFrom(ok$)).resolves.toBe(1);
    await expect(firstValueFrom(client.load(true))).rejects.toThrow('down');
    const open$ = client.load(false);
    expect(open$).toBeInstanceOf(Observable);
    await expect(firstValueFrom(open$)).rejects.toSatisfy(isCircuitOpenError);
    expect(registry.get('std-observable').stats()).toMatchObject({ successfulCalls: 2, failedCalls: 1, rejectedCalls: 1 });
  });

  it('keeps `this` and the arguments', async () => {
    const registry = new CircuitBreakerRegistry();
    class Client {
      constructor(private readonly base: string) {}
      @WithCircuitBreaker('std-this', { registry })
      async url(path: string, page: number): Promise<string> {
        return `${this.base}/${path}?page=${page}`;
      }
    }
    await expect(new Client('https://x.test').url('items', 2)).resolves.toBe('https://x.test/items?page=2');
  });

  it('uses the registry an instance carries under DECORATOR_REGISTRY', async () => {
    const own = new CircuitBreakerRegistry();
    class Client {
      [DECORATOR_REGISTRY] = own;
      @WithCircuitBreaker('std-own')
      async ping(): Promise<string> {
        return 'pong';
      }
    }
    await new Client().ping();
    expect(own.has('std-own')).toBe(true);
  });

  it('retries with the retry option, each attempt a call', async () => {
    const registry = new CircuitBreakerRegistry();
    let attempts = 0;
    class Client {
      @WithCircuitBreaker('std-retry', { registry, retry: { initialInterval: 1, maxRetries: 3 } })
      async flaky(): Promise<number> {
        attempts++;
        if (attempts < 3) throw new Error('flaky');
        return attempts;
      }
    }
    await expect(new Client().flaky()).resolves.toBe(3);
    expect(registry.get('std-retry').stats()).toMatchObject({ failedCalls: 2, successfulCalls: 1 });
  });

  it('marks the replaced method with the breaker name', () => {
    class Client {
      @WithCircuitBreaker('std-mark', { registry: new CircuitBreakerRegistry() })
      async a(): Promise<void> {}
    }
    expect((Client.prototype.a as unknown as Record<symbol, unknown>)[DECORATED_METHOD]).toBe('std-mark');
  });

  it('validates its options when the class is defined', () => {
    expect(() => WithCircuitBreaker('', {})).toThrow(/name must be a non-empty string/);
    const error = (() => {
      try {
        WithCircuitBreaker('x', { failureThreshold: -1 });
      } catch (e) {
        return e;
      }
    })();
    expect(isInvalidConfigError(error) && error.option).toBe('failureThreshold');
  });

  it('refuses to decorate something that is not a method', () => {
    const decorator = WithCircuitBreaker('std-field', { registry: new CircuitBreakerRegistry() }) as unknown as (
      value: unknown,
      context: { kind: string },
    ) => unknown;
    expect(() => decorator(undefined, { kind: 'field' })).toThrow(/@WithCircuitBreaker target must be a method, got "field"/);
  });

  it('keeps the method type', () => {
    class Client {
      @WithCircuitBreaker('std-types', { registry: new CircuitBreakerRegistry() })
      async get(id: string, n: number): Promise<{ id: string; n: number }> {
        return { id, n };
      }
      @WithCircuitBreaker('std-types-obs', { registry: new CircuitBreakerRegistry() })
      list(): Observable<string[]> {
        return of([]);
      }
    }
    expectTypeOf<Client['get']>().toEqualTypeOf<(id: string, n: number) => Promise<{ id: string; n: number }>>();
    expectTypeOf<Client['list']>().toEqualTypeOf<() => Observable<string[]>>();
  });
});

describe('@WithCircuitBreaker with the breaker’s own retry and kind hints', () => {
  it('retries with the retry option of the registry’s defaults, once per attempt and not nested', async () => {
    const clock = new VirtualClock();
    const registry = new CircuitBreakerRegistry({ defaults: { scheduler: clock, retry: { initialInterval: 10, maxRetries: 1 } } });
    let calls = 0;
    class Client {
      @WithCircuitBreaker('std-default-retry', { registry })
      async down(): Promise<never> {
        calls++;
        throw new Error('down');
      }
    }
    const call = track(new Client().down());
    await advance(clock, 10);
    await advance(clock, 20);
    expect(call.result[0]).toBe('rejected');
    expect(calls).toBe(2);
  });

  it("returns an Observable that errors when its breaker was opened elsewhere, with returns: 'observable'", async () => {
    const registry = new CircuitBreakerRegistry();
    failCalls(registry.get('std-shared', { failureThreshold: 1 }));
    class Client {
      @WithCircuitBreaker('std-shared', { registry, returns: 'observable' })
      load(): Observable<number> {
        return of(1);
      }
    }
    const load$ = new Client().load();
    expect(load$).toBeInstanceOf(Observable);
    await expect(firstValueFrom(load$)).rejects.toSatisfy(isCircuitOpenError);
  });

  it('refuses a registry that is not one', () => {
    expect(thrown(() => WithCircuitBreaker('std-bad-registry', { registry: {} as never }))).toMatchObject({ option: 'registry' });
  });

  it('refuses an invalid retry option when the class is defined', () => {
    const error = thrown(() => WithCircuitBreaker('std-bad-retry', { retry: { maxInterval: -1 } }));
    expect(isInvalidConfigError(error)).toBe(true);
  });
});
