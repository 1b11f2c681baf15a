import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { firstValueFrom, of, throwError } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CircuitBreakerInterceptor, CircuitBreakerRegistry, isInvalidConfigError, UseCircuitBreaker } from './lib.js';

const registry = new CircuitBreakerRegistry();
afterEach(() => registry.names().forEach((name) => registry.remove(name)));

class RpcHandlers {
  @UseCircuitBreaker('rpc', { failureThreshold: 1 })
  handle(): string {
    return 'ok';
  }
}

function rpcContext(): ExecutionContext {
  return {
    getType: () => 'rpc',
    getClass: () => RpcHandlers,
    getHandler: () => RpcHandlers.prototype.handle,
    switchToHttp: () => {
      throw new Error('not HTTP');
    },
  } as unknown as ExecutionContext;
}

const handler = (run: () => ReturnType<CallHandler['handle']>): CallHandler => ({ handle: run });

describe('@UseCircuitBreaker', () => {
  it('rejects a bad breaker option at decoration time', () => {
    expect(() => UseCircuitBreaker('x', { failureThreshold: -1 })).toThrow(/^failureThreshold must be/);
  });

  it('rejects a bad retry config at decoration time', () => {
    let error: unknown;
    try {
      UseCircuitBreaker('x', { retry: { maxRetries: -1 } });
    } catch (e) {
      error = e;
    }
    expect(isInvalidConfigError(error)).toBe(true);
  });

  it('rejects a fallback that is not a function', () => {
    expect(() => UseCircuitBreaker('x', { fallback: 'cached' as never })).toThrow(/^fallback must be a function/);
  });

  it('rejects a registry option, since the module provides the registry', () => {
    expect(() => UseCircuitBreaker('x', { registry } as never)).toThrow(/^registry must be left out/);
  });

  it('rejects an empty name', () => {
    expect(() => UseCircuitBreaker('')).toThrow(/^name must be a non-empty string/);
  });
});

describe('CircuitBreakerInterceptor outside HTTP', () => {
  const interceptor = new CircuitBreakerInterceptor(registry, new Reflector());

  it('passes an open circuit error through unchanged', async () => {
    const context = rpcContext();
    await expect(firstValueFrom(interceptor.intercept(context, handler(() => throwError(() => new Error('down')))))).rejects.toThrow('down');
    const rejected = firstValueFrom(interceptor.intercept(rpcContext(), handler(() => of('never'))));
    await expect(rejected).rejects.toMatchObject({ name: 'CircuitOpenError', breakerName: 'rpc' });
  });

  it('passes through handlers without the decorator', async () => {
    const context = { ...rpcContext(), getHandler: () => () => undefined, getClass: () => class {} } as unknown as ExecutionContext;
    expect(await firstValueFrom(interceptor.intercept(context, handler(() => of('plain'))))).toBe('plain');
    expect(registry.names()).toEqual([]);
  });
});
