// @vitest-environment happy-dom
import { advanceTo, NOT_FOUND, record, SERVER_ERROR, setUp } from './setup.js';
import { HttpContext, HttpErrorResponse } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { isCircuitOpenError } from '../../../src/index.js';
import { CIRCUIT_BREAKER_OPTIONS } from '../../../src/integrations/angular/index.js';

const API = 'https://api.example.com/items';
const TOO_MANY = (retryAfter: string) => ({ status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': retryAfter } });

afterEach(() => {
  TestBed.inject(HttpTestingController).verify();
});

describe('circuitBreakerInterceptor retries', () => {
  it('does not retry unless retry is configured', () => {
    const h = setUp();
    const call = record(h.http.get(API));
    h.backend.expectOne(API).flush('down', SERVER_ERROR);
    advanceTo(h.scheduler, 60_000);
    h.backend.expectNone(API);
    expect(call.error).toBeInstanceOf(HttpErrorResponse);
  });

  it('retries a 5xx after the backoff delay; each attempt is a call', () => {
    const h = setUp({ retry: { initialInterval: 500 } });
    const call = record(h.http.get(API));
    h.backend.expectOne(API).flush('down', SERVER_ERROR);
    advanceTo(h.scheduler, 499);
    h.backend.expectNone(API);
    advanceTo(h.scheduler, 500);
    h.backend.expectOne(API).flush({ ok: true });
    expect(call.values).toEqual([{ ok: true }]);
    expect(h.breaker('api.example.com').stats()).toMatchObject({ failedCalls: 1, successfulCalls: 1 });
  });

  it('waits for Retry-After on a 429, not the shorter backoff', () => {
    const h = setUp({ retry: { initialInterval: 100 } });
    const call = record(h.http.get(API));
    h.backend.expectOne(API).flush('slow down', TOO_MANY('3'));
    advanceTo(h.scheduler, 2_999);
    h.backend.expectNone(API);
    advanceTo(h.scheduler, 3_000);
    h.backend.expectOne(API).flush({ ok: true });
    expect(call.values).toEqual([{ ok: true }]);
    expect(h.breaker('api.example.com').stats()).toMatchObject({ ignoredCalls: 1, failedCalls: 0, state: 'closed' });
  });

  it('gives up at once when Retry-After is longer than maxInterval', () => {
    const h = setUp({ retry: { maxInterval: 10_000 } });
    const call = record(h.http.get(API));
    h.backend.expectOne(API).flush('slow down', TOO_MANY('120'));
    expect(call.error).toMatchObject({ status: 429 });
    advanceTo(h.scheduler, 200_000);
    h.backend.expectNone(API);
  });

  it('does not retry a 404', () => {
    const h = setUp({ retry: {} });
    const call = record(h.http.get(API));
    h.backend.expectOne(API).flush('nope', NOT_FOUND);
    advanceTo(h.scheduler, 60_000);
    h.backend.expectNone(API);
    expect(call.error).toMatchObject({ status: 404 });
  });

  it('does not retry a POST by default', () => {
    const h = setUp({ retry: {} });
    const call = record(h.http.post(API, { a: 1 }));
    h.backend.expectOne(API).flush('down', SERVER_ERROR);
    advanceTo(h.scheduler, 60_000);
    h.backend.expectNone(API);
    expect(call.error).toMatchObject({ status: 503 });
  });

  it('retries the methods given in retry.methods', () => {
    const h = setUp({ retry: { methods: ['post'], initialInterval: 100 } });
    const call = record(h.http.post(API, { a: 1 }));
    h.backend.expectOne(API).flush('down', SERVER_ERROR);
    advanceTo(h.scheduler, 100);
    h.backend.expectOne(API).flush({ id: 7 });
    expect(call.values).toEqual([{ id: 7 }]);
  });

  it('stops after maxRetries (3 by default) with the last error', () => {
    const h = setUp({ retry: { initialInterval: 100 }, defaults: { failureThreshold: 10 } });
    const call = record(h.http.get(API));
    for (const at of [0, 100, 300, 700]) {
      advanceTo(h.scheduler, at);
      h.backend.expectOne(API).flush('down', SERVER_ERROR);
    }
    advanceTo(h.scheduler, 60_000);
    h.backend.expectNone(API);
    expect(call.error).toMatchObject({ status: 503 });
    expect(h.breaker('api.example.com').stats().failedCalls).toBe(4);
  });

  it('waits out an open circuit whose break ends within maxInterval', () => {
    const h = setUp({ retry: { initialInterval: 500 }, defaults: { failureThreshold: 1, recoveryTimeout: 2_000 } });
    const call = record(h.http.get(API));
    h.backend.expectOne(API).flush('down', SERVER_ERROR); // opens the circuit until 2000
    advanceTo(h.scheduler, 500); // retry 1 is rejected: CircuitOpenError, 1500 ms left
    h.backend.expectNone(API);
    advanceTo(h.scheduler, 1_999);
    h.backend.expectNone(API);
    advanceTo(h.scheduler, 2_000); // retry 2, now a half-open trial
    h.backend.expectOne(API).flush({ ok: true });
    expect(call.values).toEqual([{ ok: true }]);
    expect(h.breaker('api.example.com').stats()).toMatchObject({ rejectedCalls: 1, failedCalls: 1 });
  });

  it('fails at once with CircuitOpenError when the break outlasts maxInterval', () => {
    const h = setUp({ retry: { maxInterval: 5_000 }, defaults: { failureThreshold: 1, recoveryTimeout: 30_000 } });
    record(h.http.get(API));
    h.backend.expectOne(API).flush('down', SERVER_ERROR);
    const call = record(h.http.get(API));
    expect(isCircuitOpenError(call.error)).toBe(true);
  });

  it('uses a per-request retry config over the provider one, whatever the method', () => {
    const h = setUp({ retry: { initialInterval: 5_000 } });
    const context = new HttpContext().set(CIRCUIT_BREAKER_OPTIONS, { retry: { initialInterval: 50 } });
    const call = record(h.http.post(API, {}, { context }));
    h.backend.expectOne(API).flush('down', SERVER_ERROR);
    advanceTo(h.scheduler, 50);
    h.backend.expectOne(API).flush('ok');
    expect(call.values).toEqual(['ok']);
  });

  it('turns retries off for one request with retry: false', () => {
    const h = setUp({ retry: {} });
    const call = record(h.http.get(API, { context: new HttpContext().set(CIRCUIT_BREAKER_OPTIONS, { retry: false }) }));
    h.backend.expectOne(API).flush('down', SERVER_ERROR);
    advanceTo(h.scheduler, 60_000);
    h.backend.expectNone(API);
    expect(call.error).toMatchObject({ status: 503 });
  });

  it('cancels a pending retry when the request is unsubscribed', () => {
    const h = setUp({ retry: { initialInterval: 100 } });
    const call = record(h.http.get(API));
    h.backend.expectOne(API).flush('down', SERVER_ERROR);
    call.unsubscribe();
    advanceTo(h.scheduler, 60_000);
    h.backend.expectNone(API);
  });
});
