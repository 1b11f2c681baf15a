// @vitest-environment happy-dom
import { configure, record, SERVER_ERROR } from './setup.js';
import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import { CircuitBreakerRegistry, InvalidConfigError, isCircuitOpenError } from '../../../src/index.js';
import type { CircuitBreakerProviderConfig } from '../../../src/integrations/angular/index.js';
import {
  CIRCUIT_BREAKER_REGISTRY,
  circuitBreakerInterceptor,
  injectCircuitBreaker,
  provideCircuitBreaker,
} from '../../../src/integrations/angular/index.js';

const API = 'https://api.example.com/items';

function invalid(config: unknown): InvalidConfigError {
  try {
    provideCircuitBreaker(config as CircuitBreakerProviderConfig);
  } catch (error) {
    if (error instanceof InvalidConfigError) return error;
    throw error;
  }
  throw new Error('expected an InvalidConfigError');
}

describe('provideCircuitBreaker', () => {
  it('rejects bad defaults, naming the option and the value', () => {
    expect(invalid({ defaults: { failureThreshold: 0 } })).toMatchObject({ option: 'defaults.failureThreshold', value: 0 });
  });

  it('rejects a bad retry config', () => {
    expect(invalid({ retry: { maxRetries: -1 } })).toMatchObject({ option: 'retryBackoff.maxRetries', value: -1 });
    expect(invalid({ retry: 3 })).toMatchObject({ option: 'retry', value: 3 });
    expect(invalid({ retry: { methods: 'GET' } })).toMatchObject({ option: 'retry.methods', value: 'GET' });
  });

  it('rejects a bad registry, breakerFor or an unknown option', () => {
    expect(invalid({ registry: {} })).toMatchObject({ option: 'registry' });
    expect(invalid({ breakerFor: 'host' })).toMatchObject({ option: 'breakerFor', value: 'host' });
    expect(invalid({ retries: 3 })).toMatchObject({ option: 'retries', value: 3 });
    expect(invalid(null)).toMatchObject({ option: 'provideCircuitBreaker' });
  });

  it('applies defaults to the breakers it creates in a registry passed in', () => {
    const registry = new CircuitBreakerRegistry();
    configure(
      provideHttpClient(withInterceptors([circuitBreakerInterceptor])),
      provideHttpClientTesting(),
      provideCircuitBreaker({ registry, defaults: { failureThreshold: 1 } }),
    );
    expect(TestBed.inject(CIRCUIT_BREAKER_REGISTRY)).toBe(registry);
    record(TestBed.inject(HttpClient).get(API));
    TestBed.inject(HttpTestingController).expectOne(API).flush('down', SERVER_ERROR);
    expect(registry.get('api.example.com').state).toBe('open');
    registry.dispose();
  });

  it('disposes its own registry with its injector, and leaves a registry passed in alone', () => {
    configure(provideCircuitBreaker());
    const own = TestBed.inject(CIRCUIT_BREAKER_REGISTRY);
    const ownBreaker = TestBed.runInInjectionContext(() => injectCircuitBreaker('a'));
    TestBed.resetTestingModule();
    expect(own.isDisposed).toBe(true);
    expect(ownBreaker.isDisposed).toBe(true);

    const given = new CircuitBreakerRegistry();
    configure(provideCircuitBreaker({ registry: given }));
    TestBed.runInInjectionContext(() => injectCircuitBreaker('b'));
    TestBed.resetTestingModule();
    expect(given.isDisposed).toBe(false);
    expect(given.get('b').isDisposed).toBe(false);
    given.dispose();
  });

  it('is optional: the interceptor then uses default breakers of the root injector', () => {
    configure(provideHttpClient(withInterceptors([circuitBreakerInterceptor])), provideHttpClientTesting());
    const http = TestBed.inject(HttpClient);
    const backend = TestBed.inject(HttpTestingController);
    for (let i = 0; i < 5; i++) {
      record(http.get(API));
      backend.expectOne(API).flush('down', SERVER_ERROR);
    }
    expect(isCircuitOpenError(record(http.get(API)).error)).toBe(true);
    backend.verify();
  });

  it('is optional for injecting the registry and breakers too', () => {
    configure();
    const registry = TestBed.inject(CIRCUIT_BREAKER_REGISTRY);
    const breaker = TestBed.runInInjectionContext(() => injectCircuitBreaker('api'));
    expect(registry.get('api')).toBe(breaker);
  });
});
