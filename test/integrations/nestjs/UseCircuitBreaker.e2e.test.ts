import type { INestApplication } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appModule } from './fixtures/app.js';
import type { SseEvent } from './fixtures/http.js';
import { openSse, startApp, waitFor } from './fixtures/http.js';
import type { Upstream } from './fixtures/upstream.js';
import { startUpstream } from './fixtures/upstream.js';
import { CircuitBreakerRegistry } from './lib.js';

let upstream: Upstream;
let app: INestApplication;
let url: string;
let registry: CircuitBreakerRegistry;

beforeEach(async () => {
  upstream = await startUpstream();
  ({ app, url } = await startApp(appModule(upstream.url)));
  registry = app.get(CircuitBreakerRegistry);
});

afterEach(async () => {
  await app.close();
  await upstream.close();
});

const get = (path: string) => fetch(`${url}${path}`);

describe('@UseCircuitBreaker in a running application', () => {
  it('answers with the handler result while the upstream is healthy', async () => {
    const response = await get('/quotes');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ quote: 42 });
    expect(registry.get('upstream').stats()).toMatchObject({ state: 'closed', successfulCalls: 1 });
  });

  it('passes other errors to the exception filters unchanged', async () => {
    upstream.fail();
    const response = await get('/quotes');
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ statusCode: 502, message: 'upstream answered 500', error: 'Bad Gateway' });
  });

  it('opens after the upstream failures and answers 503 with Retry-After without calling the upstream', async () => {
    upstream.fail();
    expect((await get('/quotes')).status).toBe(502);
    expect((await get('/quotes')).status).toBe(502);
    expect(upstream.hits).toBe(2);

    const rejected = await get('/quotes');
    expect(rejected.status).toBe(503);
    expect(rejected.headers.get('retry-after')).toBe('1');
    expect(await rejected.json()).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      message: "Circuit breaker 'upstream' is open",
      breaker: 'upstream',
      state: 'open',
    });
    expect(upstream.hits).toBe(2);
  });

  it('recovers through half-open once the upstream heals', async () => {
    upstream.fail();
    await get('/quotes');
    await get('/quotes');
    upstream.heal();
    const breaker = registry.get('upstream');
    expect(breaker.state).toBe('open');
    await waitFor(() => breaker.state === 'half_open', 'the break to end (300 ms)');

    const trial = await get('/quotes');
    expect(trial.status).toBe(200);
    expect(breaker.state).toBe('closed');
    expect(upstream.hits).toBe(3);
  });

  it('answers 503 without Retry-After while the circuit is forced open', async () => {
    registry.get('upstream').forceOpen();
    const response = await get('/quotes');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(await response.json()).toMatchObject({ breaker: 'upstream', state: 'forced_open', retryAfterMs: null });
    expect(upstream.hits).toBe(0);
  });

  it('guards a handler returning an Observable', async () => {
    upstream.fail();
    expect((await get('/quotes/observable')).status).toBe(502);
    upstream.heal();
    expect((await get('/quotes/observable')).status).toBe(503);
    expect(upstream.hits).toBe(1);
  });

  it('counts a handler returning a plain value as a successful call', async () => {
    const response = await get('/quotes/value');
    expect(await response.json()).toEqual({ quote: 7 });
    expect(registry.get('value').stats()).toMatchObject({ totalCalls: 1, successfulCalls: 1 });
  });

  it('answers with the fallback for a failure and then for a rejection', async () => {
    upstream.fail();
    const failed = await get('/quotes/fallback');
    expect(failed.status).toBe(200);
    expect(await failed.json()).toEqual({ quote: null, fallback: 'failure' });
    const rejected = await get('/quotes/fallback');
    expect(await rejected.json()).toEqual({ quote: null, fallback: 'rejected' });
    expect(upstream.hits).toBe(1);
  });

  it('retries the handler, each attempt being a call through the breaker', async () => {
    upstream.failNext(2);
    const response = await get('/quotes/retry');
    expect(response.status).toBe(200);
    expect(upstream.hits).toBe(3);
    expect(registry.get('retrying').stats()).toMatchObject({ failedCalls: 2, successfulCalls: 1 });
  });

  it('uses the handler decorator over the controller decorator, once per request', async () => {
    await get('/orders/special');
    expect(registry.has('orders')).toBe(false);
    expect(registry.get('special').stats().totalCalls).toBe(1);
    await get('/orders');
    expect(registry.get('orders').stats().totalCalls).toBe(1);
  });

  it('streams an SSE handler while the circuit is closed', async () => {
    const stream = await openSse(`${url}/quotes/ticks`);
    expect(stream.status).toBe(200);
    const ticks = await stream.take((e: SseEvent) => e.event === 'tick', 3);
    expect(ticks.map((e) => JSON.parse(e.data))).toEqual([
      { i: 0, quote: 42 },
      { i: 1, quote: 42 },
      { i: 2, quote: 42 },
    ]);
    await waitFor(() => stream.ended, 'the stream to end');
  });

  it('answers an SSE request 503 with Retry-After once the circuit is open', async () => {
    upstream.fail();
    // Nest sends the stream's headers right away, so a failure that comes later is an error event.
    const failed = await openSse(`${url}/quotes/ticks`);
    await failed.take((e) => e.event === 'error', 1);
    expect(registry.get('ticks').state).toBe('open');
    const rejected = await get('/quotes/ticks');
    expect(rejected.status).toBe(503);
    expect(rejected.headers.get('content-type')).toMatch(/application\/json/);
    expect(Number(rejected.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(await rejected.json()).toMatchObject({ breaker: 'ticks', state: 'open' });
    expect(upstream.hits).toBe(1);
  });
});
