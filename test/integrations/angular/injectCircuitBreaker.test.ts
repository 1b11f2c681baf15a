// @vitest-environment happy-dom
import { configure, record, SERVER_ERROR } from './setup.js';
import { AsyncPipe } from '@angular/common';
import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TestBed } from '@angular/core/testing';
import { VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  CIRCUIT_BREAKER_REGISTRY,
  circuitBreakerInterceptor,
  injectCircuitBreaker,
  provideCircuitBreaker,
} from '../../../src/integrations/angular/index.js';

// The root tsconfig has no experimentalDecorators: apply the decorator as the compiler would.
class ApiStatus {
  readonly breaker = injectCircuitBreaker('api.example.com');
  readonly state = toSignal(this.breaker.state$, { requireSync: true });
}
Component({
  selector: 'api-status',
  imports: [AsyncPipe],
  template: `<b class="async">{{ breaker.state$ | async }}</b><b class="signal">{{ state() }}</b>`,
})(ApiStatus);

describe('injectCircuitBreaker', () => {
  it('returns the breaker the interceptor uses for that name', () => {
    configure(
      provideHttpClient(withInterceptors([circuitBreakerInterceptor])),
      provideHttpClientTesting(),
      provideCircuitBreaker({ defaults: { failureThreshold: 1 } }),
    );
    const breaker = TestBed.runInInjectionContext(() => injectCircuitBreaker('api.example.com'));
    record(TestBed.inject(HttpClient).get('https://api.example.com/x'));
    TestBed.inject(HttpTestingController).expectOne('https://api.example.com/x').flush('down', SERVER_ERROR);
    expect(breaker.state).toBe('open');
  });

  it("creates a missing breaker with the provider's defaults under its options", () => {
    const scheduler = new VirtualTimeScheduler();
    configure(provideCircuitBreaker({ defaults: { failureThreshold: 4, scheduler } }));
    const breaker = TestBed.runInInjectionContext(() => injectCircuitBreaker('reports', { callTimeout: 1_000 }));
    expect(breaker.options).toMatchObject({ failureThreshold: 4, callTimeout: 1_000, scheduler });
    expect(TestBed.inject(CIRCUIT_BREAKER_REGISTRY).names()).toEqual(['reports']);
    expect(TestBed.runInInjectionContext(() => injectCircuitBreaker('reports'))).toBe(breaker);
  });

  it('classifies errors with httpErrors unless the defaults say otherwise', () => {
    configure(provideCircuitBreaker());
    const breaker = TestBed.runInInjectionContext(() => injectCircuitBreaker('api'));
    expect(breaker.classify({ status: 404 })).toBe('ignored');
    expect(breaker.classify({ status: 502 })).toBe('failure');
  });

  it('throws outside an injection context', () => {
    expect(() => injectCircuitBreaker('api')).toThrow(/injection context/);
  });

  it('drives the async pipe and toSignal in a zoneless component', async () => {
    configure(provideCircuitBreaker());
    const fixture = TestBed.createComponent(ApiStatus);
    await fixture.whenStable();
    const text = (selector: string) => (fixture.nativeElement as HTMLElement).querySelector(selector)?.textContent;
    expect([text('.async'), text('.signal')]).toEqual(['closed', 'closed']);

    fixture.componentInstance.breaker.forceOpen();
    await fixture.whenStable();
    expect([text('.async'), text('.signal')]).toEqual(['forced_open', 'forced_open']);
  });
});
