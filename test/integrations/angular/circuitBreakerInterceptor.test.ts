// @vitest-environment happy-dom
import { advanceTo, NOT_FOUND, record, SERVER_ERROR, setUp } from './setup.js';
import { HttpContext, HttpErrorResponse, HttpEventType } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CallTimeoutError, consecutiveFailures, isCircuitOpenError } from '../../../src/index.js';
import {
  CIRCUIT_BREAKER_NAME,
  CIRCUIT_BREAKER_OPTIONS,
  SKIP_CIRCUIT_BREAKER,
} from '../../../src/integrations/angular/index.js';
import { HttpTestingController } from '@angular/common/http/testing';

const API = 'https://api.example.com/items';

afterEach(() => {
  TestBed.inject(HttpTestingController).verify();
});

function failTimes(h: ReturnType<typeof setUp>, url: string, times: number, response: { status: number; statusText: string } = SERVER_ERROR) {
  for (let i = 0; i < times; i++) {
    const call = record(h.http.get(url));
    h.backend.expectOne(url).flush('down', response);
    expect(call.error).toBeInstanceOf(HttpErrorResponse);
  }
}

describe('circuitBreakerInterceptor', () => {
  it('opens after 5xx responses and rejects further requests without reaching the backend', () => {
    const h = setUp({ defaults: { failureThreshold: 3 } });
    failTimes(h, API, 3);
    expect(h.breaker('api.example.com').state).toBe('open');

    const rejected = record(h.http.get(API));
    h.backend.expectNone(API);
    expect(isCircuitOpenError(rejected.error)).toBe(true);
    expect(rejected.error).toMatchObject({ breakerName: 'api.example.com', state: 'open' });
    expect(h.breaker('api.example.com').stats().rejectedCalls).toBe(1);
  });

  it('does not trip on 4xx responses, 429 included', () => {
    const h = setUp({ defaults: { failureThreshold: 2 } });
    failTimes(h, API, 3, NOT_FOUND);
    failTimes(h, API, 2, { status: 429, statusText: 'Too Many Requests' });
    failTimes(h, API, 1, { status: 400, statusText: 'Bad Request' });
    const breaker = h.breaker('api.example.com');
    expect(breaker.state).toBe('closed');
    expect(breaker.stats()).toMatchObject({ ignoredCalls: 6, failedCalls: 0, successfulCalls: 0 });
  });

  it('counts a network error (status 0) as a failure', () => {
    const h = setUp({ defaults: { failureThreshold: 1 } });
    const call = record(h.http.get(API));
    h.backend.expectOne(API).error(new ProgressEvent('error'));
    expect(call.error).toMatchObject({ status: 0 });
    expect(h.breaker('api.example.com').state).toBe('open');
  });

  it('counts success on the response, not on the sent event', () => {
    const h = setUp();
    const call = record(h.http.get(API, { observe: 'events' }));
    expect(call.values.map((e) => e.type)).toEqual([HttpEventType.Sent]);
    expect(h.breaker('api.example.com').stats().successfulCalls).toBe(0);

    h.backend.expectOne(API).flush({ id: 1 });
    expect(call.values.map((e) => e.type)).toEqual([HttpEventType.Sent, HttpEventType.Response]);
    expect(h.breaker('api.example.com').stats().successfulCalls).toBe(1);
  });

  it('frees the half-open trial permit when a trial request is cancelled', () => {
    const h = setUp({ defaults: { failureThreshold: 1, recoveryTimeout: 1_000, halfOpenMaxCalls: 1 } });
    failTimes(h, API, 1);
    advanceTo(h.scheduler, 1_000);
    const breaker = h.breaker('api.example.com');
    expect(breaker.state).toBe('half_open');

    const trial = record(h.http.get(API));
    const pending = h.backend.expectOne(API);
    expect(isCircuitOpenError(record(h.http.get(API)).error)).toBe(true); // the only slot is taken

    trial.unsubscribe();
    expect(pending.cancelled).toBe(true);
    expect(breaker.stats()).toMatchObject({ state: 'half_open', successfulCalls: 0, failedCalls: 1 });

    const next = record(h.http.get(API));
    h.backend.expectOne(API).flush({ ok: true });
    expect(next.values).toEqual([{ ok: true }]);
    expect(breaker.state).toBe('closed');
  });

  it('fails a request that outlives callTimeout with CallTimeoutError and cancels it', () => {
    const h = setUp({ defaults: { callTimeout: 2_000, failureThreshold: 1 } });
    const call = record(h.http.get(API));
    const pending = h.backend.expectOne(API);
    advanceTo(h.scheduler, 2_000);
    expect(call.error).toBeInstanceOf(CallTimeoutError);
    expect(pending.cancelled).toBe(true);
    expect(h.breaker('api.example.com').stats()).toMatchObject({ state: 'open', timeouts: 1 });
  });

  it('gives two origins two breakers', () => {
    const h = setUp({ defaults: { failureThreshold: 1 } });
    failTimes(h, 'https://a.example.com/x', 1);
    const other = record(h.http.get('http://127.0.0.1:4000/y'));
    h.backend.expectOne('http://127.0.0.1:4000/y').flush('fine');
    expect(other.values).toEqual(['fine']);
    expect(h.registry.states$).toBeDefined();
    expect(h.registry.names()).toEqual(['a.example.com', '127.0.0.1:4000']);
    expect(h.breaker('a.example.com').state).toBe('open');
    expect(h.breaker('127.0.0.1:4000').state).toBe('closed');
  });

  it('names the breaker of a relative URL after the document host', () => {
    const h = setUp();
    record(h.http.get('/api/items'));
    h.backend.expectOne('/api/items').flush([]);
    expect(h.registry.names()).toEqual([new URL(document.baseURI).host]);
  });

  it('omits the default port from the name', () => {
    const h = setUp();
    record(h.http.get('https://api.example.com:443/a'));
    h.backend.expectOne('https://api.example.com:443/a').flush([]);
    expect(h.registry.names()).toEqual(['api.example.com']);
  });

  it('uses breakerFor, and lets a request through unguarded when it returns null', () => {
    const h = setUp({
      defaults: { failureThreshold: 1 },
      breakerFor: (request) => (request.url.includes('/public/') ? null : request.url.split('/')[3] ?? null),
    });
    failTimes(h, 'https://x.example.com/orders/1', 1);
    expect(h.registry.names()).toEqual(['orders']);
    const open = record(h.http.get('https://x.example.com/orders/2'));
    expect(isCircuitOpenError(open.error)).toBe(true);

    failTimes(h, 'https://x.example.com/public/logo', 2);
    expect(h.registry.names()).toEqual(['orders']);
  });

  it('fails the request with the error of a throwing breakerFor', () => {
    const bug = new Error('no name');
    const h = setUp({
      breakerFor: () => {
        throw bug;
      },
    });
    const call = record(h.http.get(API));
    h.backend.expectNone(API);
    expect(call.error).toBe(bug);
  });

  describe('per-request tokens', () => {
    it('CIRCUIT_BREAKER_NAME names the breaker', () => {
      const h = setUp();
      record(h.http.get(API, { context: new HttpContext().set(CIRCUIT_BREAKER_NAME, 'payments') }));
      h.backend.expectOne(API).flush({});
      expect(h.registry.names()).toEqual(['payments']);
      expect(h.breaker('payments').stats().successfulCalls).toBe(1);
    });

    it('CIRCUIT_BREAKER_OPTIONS configures the breaker it creates, over the defaults', () => {
      const h = setUp({ defaults: { failureThreshold: 5 } });
      const context = new HttpContext().set(CIRCUIT_BREAKER_NAME, 'fragile').set(CIRCUIT_BREAKER_OPTIONS, { failureThreshold: 1 });
      record(h.http.get(API, { context }));
      h.backend.expectOne(API).flush('down', SERVER_ERROR);
      expect(h.breaker('fragile').state).toBe('open');
    });

    it('CIRCUIT_BREAKER_OPTIONS may give trip where the defaults give failureThreshold', () => {
      const h = setUp({ defaults: { failureThreshold: 5 } });
      const context = new HttpContext().set(CIRCUIT_BREAKER_OPTIONS, { trip: consecutiveFailures(1) });
      record(h.http.get(API, { context }));
      h.backend.expectOne(API).flush('down', SERVER_ERROR);
      expect(h.breaker('api.example.com').state).toBe('open');
    });

    it('CIRCUIT_BREAKER_OPTIONS with a bad option errors the request with InvalidConfigError', () => {
      const h = setUp();
      const call = record(h.http.get(API, { context: new HttpContext().set(CIRCUIT_BREAKER_OPTIONS, { failureThreshold: 0 }) }));
      h.backend.expectNone(API);
      expect(call.error).toMatchObject({ name: 'InvalidConfigError', option: 'failureThreshold', value: 0 });
    });

    it('SKIP_CIRCUIT_BREAKER lets a request through an open breaker, uncounted', () => {
      const h = setUp({ defaults: { failureThreshold: 1 } });
      failTimes(h, API, 1);
      const breaker = h.breaker('api.example.com');
      const before = breaker.stats();

      const skipped = record(h.http.get(API, { context: new HttpContext().set(SKIP_CIRCUIT_BREAKER, true) }));
      h.backend.expectOne(API).flush('down', SERVER_ERROR);
      expect(skipped.error).toBeInstanceOf(HttpErrorResponse);
      expect(breaker.stats()).toEqual(before);
    });
  });
});
