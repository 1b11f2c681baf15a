import { firstValueFrom, Observable, of, throwError } from 'rxjs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { CircuitBreakerRegistry, isCircuitOpenError, WithCircuitBreaker } from '../../../index.js';
import { advance, track } from '../../breaker/async.js';
import { VirtualClock } from '../../breaker/helpers.js';

// experimentalDecorators (NestJS and Angular projects): this folder's tsconfig turns it on.

describe('@WithCircuitBreaker with experimentalDecorators', () => {
  it('guards a Promise-returning method and rejects when open without calling it', async () => {
    const registry = new CircuitBreakerRegistry();
    let calls = 0;
    class Client {
      @WithCircuitBreaker('legacy-promise', { registry, failureThreshold: 1 })
      async fetch(fail: boolean): Promise<string> {
        calls++;
        if (fail) throw new Error('down');
        return 'ok';
      }
    }
    const client = new Client();
    await expect(client.fetch(false)).resolves.toBe('ok');
    await expect(client.fetch(true)).rejects.toThrow('down');
    await expect(client.fetch(false)).rejects.toSatisfy(isCircuitOpenError);
    expect(calls).toBe(2);
  });

  it('keeps an Observable-returning method Observable-returning', async () => {
    const registry = new CircuitBreakerRegistry();
    class Client {
      @WithCircuitBreaker('legacy-observable', { registry, failureThreshold: 1 })
      load(fail: boolean): Observable<number> {
        return fail ? throwError(() => new Error('down')) : of(7);
      }
    }
    const client = new Client();
    await expect(firstValueFrom(client.load(false))).resolves.toBe(7);
    await expect(firstValueFrom(client.load(true))).rejects.toThrow('down');
    const open$ = client.load(false);
    expect(open$).toBeInstanceOf(Observable);
    await expect(firstValueFrom(open$)).rejects.toSatisfy(isCircuitOpenError);
  });

  it('retries with the retry option, each attempt a call', async () => {
    const clock = new VirtualClock();
    const registry = new CircuitBreakerRegistry({ defaults: { scheduler: clock } });
    let attempts = 0;
    class Client {
      @WithCircuitBreaker('legacy-retry', { registry, retry: { initialInterval: 10, maxRetries: 2 } })
      async flaky(): Promise<number> {
        if (++attempts < 3) throw new Error('flaky');
        return attempts;
      }
    }
    const call = track(new Client().flaky());
    await advance(clock, 10);
    await advance(clock, 20);
    expect(call.result).toEqual(['resolved', 3]);
    expect(registry.get('legacy-retry').stats()).toMatchObject({ failedCalls: 2, successfulCalls: 1 });
  });

  it('keeps `this` for a method of a NestJS-style provider', async () => {
    const registry = new CircuitBreakerRegistry();
    class PricesService {
      private readonly currency = 'EUR';
      @WithCircuitBreaker('legacy-this', { registry })
      async price(amount: number): Promise<string> {
        return `${amount} ${this.currency}`;
      }
    }
    await expect(new PricesService().price(3)).resolves.toBe('3 EUR');
  });

  it('refuses a property without a method', () => {
    const decorator = WithCircuitBreaker('legacy-field', { registry: new CircuitBreakerRegistry() }) as unknown as (
      target: object,
      key: string,
    ) => unknown;
    expect(() => decorator({}, 'field')).toThrow(/@WithCircuitBreaker target must be a method/);
  });

  it('keeps the method type', () => {
    class Client {
      @WithCircuitBreaker('legacy-types', { registry: new CircuitBreakerRegistry() })
      async get(id: string): Promise<number> {
        return id.length;
      }
    }
    expectTypeOf<Client['get']>().toEqualTypeOf<(id: string) => Promise<number>>();
  });
});
