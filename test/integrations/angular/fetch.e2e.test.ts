// @vitest-environment happy-dom
// The real HttpClient with withFetch() against a real node:http server, no testing backend.
// happy-dom's fetch applies the browser's same-origin policy (the page is http://localhost:3000),
// so the server answers with CORS headers, exposing Retry-After as a cross-origin API must.
import { advanceTo, configure } from './setup.js';
import { HttpClient, HttpErrorResponse, provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { Observable } from 'rxjs';
import { firstValueFrom, timeout, VirtualTimeScheduler } from 'rxjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RetryInfo } from '../../../operators/retryBackoff.js';
import { isCircuitOpenError } from '../../../src/index.js';
import type { CircuitBreakerProviderConfig } from '../../../src/integrations/angular/index.js';
import { CIRCUIT_BREAKER_REGISTRY, circuitBreakerInterceptor, provideCircuitBreaker } from '../../../src/integrations/angular/index.js';

/** What the server answers next: a list of statuses, then 200s. */
let script: { status: number; headers?: Record<string, string> }[] = [];
let hits = 0;
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.method === 'OPTIONS') {
      // happy-dom preflights cross-origin requests, as a browser does for non-simple ones.
      response.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, POST, PUT, DELETE',
        'access-control-allow-headers': '*',
      });
      response.end();
      return;
    }
    hits++;
    const next = script.shift() ?? { status: 200 };
    response.writeHead(next.status, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'Retry-After',
      ...next.headers,
    });
    response.end(JSON.stringify({ path: request.url, status: next.status }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  script = [];
  hits = 0;
});

function setUpFetch(config: CircuitBreakerProviderConfig = {}) {
  const scheduler = new VirtualTimeScheduler();
  configure(
    provideHttpClient(withFetch(), withInterceptors([circuitBreakerInterceptor])),
    provideCircuitBreaker({ ...config, defaults: { scheduler, ...config.defaults } }),
  );
  return { http: TestBed.inject(HttpClient), registry: TestBed.inject(CIRCUIT_BREAKER_REGISTRY), scheduler };
}

/** The outcome of a real request, waiting at most 5 s. */
function settle<T>(request$: Observable<T>): Promise<T | unknown> {
  return firstValueFrom(request$.pipe(timeout(5_000))).catch((error: unknown) => error);
}

describe('circuitBreakerInterceptor with withFetch() and a real server', { timeout: 20_000 }, () => {
  it('opens on real 503s, rejects without reaching the server, and recovers through a trial', async () => {
    const { http, registry, scheduler } = setUpFetch({
      defaults: { failureThreshold: 2, recoveryTimeout: 1_000, halfOpenMaxCalls: 1 },
    });
    script = [{ status: 503 }, { status: 503 }];
    expect(await settle(http.get(`${origin}/flaky`))).toMatchObject({ status: 503 });
    expect(await settle(http.get(`${origin}/flaky`))).toMatchObject({ status: 503 });
    const name = new URL(origin).host; // 127.0.0.1:<port>
    expect(registry.get(name).state).toBe('open');

    const rejected = await settle(http.get(`${origin}/flaky`));
    expect(isCircuitOpenError(rejected)).toBe(true);
    expect(hits).toBe(2);

    advanceTo(scheduler, 1_000);
    expect(registry.get(name).state).toBe('half_open');
    expect(await settle(http.get(`${origin}/flaky`))).toEqual({ path: '/flaky', status: 200 });
    expect(registry.get(name).state).toBe('closed');
    expect(hits).toBe(3);
  });

  it('ignores real 4xx responses', async () => {
    const { http, registry } = setUpFetch({ defaults: { failureThreshold: 1 } });
    script = [{ status: 404 }, { status: 429 }];
    expect(await settle(http.get(`${origin}/missing`))).toMatchObject({ status: 404 });
    expect(await settle(http.get(`${origin}/limited`))).toMatchObject({ status: 429 });
    expect(registry.get(new URL(origin).host).stats()).toMatchObject({ state: 'closed', ignoredCalls: 2 });
  });

  it('counts a refused connection (status 0) as a failure', async () => {
    const { http, registry } = setUpFetch({ defaults: { failureThreshold: 1 } });
    const error = await settle(http.get('http://127.0.0.1:1/nothing-listens'));
    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect(error).toMatchObject({ status: 0 });
    expect(registry.get('127.0.0.1:1').state).toBe('open');
  });

  it("retries a real 429 after the server's Retry-After", async () => {
    let retried!: (info: RetryInfo) => void;
    const retry = new Promise<RetryInfo>((resolve) => (retried = resolve));
    const { http, scheduler } = setUpFetch({ retry: { initialInterval: 100, onRetry: (info) => retried(info) } });
    script = [{ status: 429, headers: { 'retry-after': '2' } }];

    const result = settle(http.get(`${origin}/limited`));
    expect((await retry).delayMs).toBe(2_000);
    expect(hits).toBe(1);
    advanceTo(scheduler, 1_999);
    expect(hits).toBe(1);
    advanceTo(scheduler, 2_000);
    expect(await result).toEqual({ path: '/limited', status: 200 });
    expect(hits).toBe(2);
  });
});
