// Angular's packages are partially compiled: the JIT compiler must load before them.
import '@angular/compiler';
import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { provideZonelessChangeDetection } from '@angular/core';
import { getTestBed, TestBed } from '@angular/core/testing';
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing';
import type { Observable } from 'rxjs';
import { VirtualTimeScheduler } from 'rxjs';
import { afterEach } from 'vitest';
import type { CircuitBreaker, CircuitBreakerRegistry } from '../../../src/index.js';
import type { CircuitBreakerProviderConfig } from '../../../src/integrations/angular/index.js';
import {
  CIRCUIT_BREAKER_REGISTRY,
  circuitBreakerInterceptor,
  provideCircuitBreaker,
} from '../../../src/integrations/angular/index.js';

// Once per test file: vitest gives each file its own module graph.
if (getTestBed().platform === null) {
  TestBed.initTestEnvironment(BrowserTestingModule, platformBrowserTesting());
}

afterEach(() => {
  TestBed.resetTestingModule();
});

/** Configures a zoneless TestBed with `providers`. */
export function configure(...providers: (Provider | EnvironmentProviders)[]): void {
  TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection(), ...providers] });
}

export interface Harness {
  http: HttpClient;
  backend: HttpTestingController;
  registry: CircuitBreakerRegistry;
  scheduler: VirtualTimeScheduler;
  /** The breaker named `name` (it must exist). */
  breaker(name: string): CircuitBreaker;
}

/**
 * HttpClient with the interceptor, the testing backend, and the provider configured with
 * `config` over a virtual-time scheduler shared by the breakers (and so by the retries).
 */
export function setUp(config: CircuitBreakerProviderConfig = {}): Harness {
  const scheduler = new VirtualTimeScheduler();
  configure(
    provideHttpClient(withInterceptors([circuitBreakerInterceptor])),
    provideHttpClientTesting(),
    provideCircuitBreaker({ ...config, defaults: { scheduler, ...config.defaults } }),
  );
  const registry = TestBed.inject(CIRCUIT_BREAKER_REGISTRY);
  return {
    http: TestBed.inject(HttpClient),
    backend: TestBed.inject(HttpTestingController),
    registry,
    scheduler,
    breaker(name) {
      if (!registry.has(name)) throw new Error(`no breaker named ${name}; have ${registry.names().join(', ')}`);
      return registry.get(name);
    },
  };
}

/** Runs every virtual action due up to `time`, then sets the clock to `time`. */
export function advanceTo(scheduler: VirtualTimeScheduler, time: number): void {
  scheduler.maxFrames = time;
  scheduler.flush();
  scheduler.frame = time;
  scheduler.maxFrames = Infinity;
}

export interface Outcome<T> {
  values: T[];
  error: unknown;
  done: boolean;
}

/** Subscribes and records what `source` delivers. */
export function record<T>(source: Observable<T>): Outcome<T> & { unsubscribe(): void } {
  const outcome: Outcome<T> = { values: [], error: undefined, done: false };
  const subscription = source.subscribe({
    next: (value) => outcome.values.push(value),
    error: (error: unknown) => {
      outcome.error = error;
      outcome.done = true;
    },
    complete: () => {
      outcome.done = true;
    },
  });
  return Object.assign(outcome, { unsubscribe: () => subscription.unsubscribe() });
}

export const SERVER_ERROR = { status: 503, statusText: 'Service Unavailable' } as const;
export const NOT_FOUND = { status: 404, statusText: 'Not Found' } as const;
