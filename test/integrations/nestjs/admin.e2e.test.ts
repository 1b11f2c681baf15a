import type { INestApplication } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appModule, AUTH } from './fixtures/app.js';
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

const admin = async (method: 'GET' | 'POST', path: string, headers: Record<string, string> = AUTH) => {
  const response = await fetch(`${url}/circuit-breakers${path}`, { method, headers });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe('the admin API', () => {
  it('refuses every route without the token', async () => {
    registry.get('upstream').forceOpen();
    for (const [method, path] of [
      ['GET', ''],
      ['GET', '/upstream'],
      ['GET', '/stream'],
      ['POST', '/upstream/reset'],
      ['POST', '/upstream/force-close'],
      ['POST', '/reset-all'],
    ] as const) {
      expect((await admin(method, path, {})).status, `${method} ${path}`).toBe(403);
    }
    expect(registry.get('upstream').state).toBe('forced_open');
  });

  it('refuses a wrong token', async () => {
    expect((await admin('GET', '', { authorization: 'Bearer nope' })).status).toBe(403);
  });

  it('summarises the circuits by health with each breaker stats', async () => {
    await fetch(`${url}/quotes`);
    registry.get('b').forceOpen();
    registry.get('c').disable();
    const { status, body } = await admin('GET', '');
    expect(status).toBe(200);
    expect(body.summary).toEqual({ healthyCircuits: 1, degradedCircuits: 1, failedCircuits: 1 });
    expect(Object.keys(body.breakers)).toEqual(['upstream', 'b', 'c']);
    expect(body.breakers.upstream).toMatchObject({ name: 'upstream', state: 'closed', successfulCalls: 1 });
  });

  it('answers one breaker stats', async () => {
    await fetch(`${url}/quotes`);
    const { status, body } = await admin('GET', '/upstream');
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'upstream', state: 'closed', totalCalls: 1 });
  });

  it('answers 404 with a clear body for an unknown name, creating no breaker', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['POST', '/nope/reset'],
      ['POST', '/nope/force-open'],
      ['POST', '/nope/force-close'],
    ] as const) {
      const { status, body } = await admin(method, path);
      expect(status).toBe(404);
      expect(body).toEqual({ statusCode: 404, error: 'Not Found', message: "No circuit breaker named 'nope'", breaker: 'nope' });
    }
    expect(registry.has('nope')).toBe(false);
  });

  it('forces a circuit open, which the API then answers with 503 without calling the upstream, and closed again', async () => {
    await fetch(`${url}/quotes`);
    const opened = await admin('POST', '/upstream/force-open');
    expect(opened.status).toBe(200);
    expect(opened.body.state).toBe('forced_open');
    expect((await fetch(`${url}/quotes`)).status).toBe(503);
    expect(upstream.hits).toBe(1);

    const closed = await admin('POST', '/upstream/force-close');
    expect(closed.body.state).toBe('closed');
    expect((await fetch(`${url}/quotes`)).status).toBe(200);
    expect(upstream.hits).toBe(2);
  });

  it('resets an open circuit', async () => {
    upstream.fail();
    await fetch(`${url}/quotes`);
    await fetch(`${url}/quotes`);
    expect(registry.get('upstream').state).toBe('open');
    const { status, body } = await admin('POST', '/upstream/reset');
    expect(status).toBe(200);
    expect(body).toMatchObject({ state: 'closed', totalCalls: 0, failedCalls: 0 });
  });

  it('resets every circuit', async () => {
    registry.get('a').forceOpen();
    registry.get('b').forceOpen();
    const { status, body } = await admin('POST', '/reset-all');
    expect(status).toBe(200);
    expect(body.summary).toEqual({ healthyCircuits: 2, degradedCircuits: 0, failedCircuits: 0 });
  });

  it('streams the state changes in order, as JSON', async () => {
    const stream = await openSse(`${url}/circuit-breakers/stream`, AUTH);
    expect(stream.status).toBe(200);
    const [first] = await stream.take((e) => e.event === 'stats', 1);
    expect(JSON.parse(first!.data)).toEqual({});

    await fetch(`${url}/quotes`);
    await admin('POST', '/upstream/force-open');
    await admin('POST', '/upstream/force-close');
    upstream.fail();
    await fetch(`${url}/quotes`);
    await fetch(`${url}/quotes`);
    upstream.heal();
    await waitFor(() => registry.get('upstream').state === 'half_open', 'half-open');
    await fetch(`${url}/quotes`);

    const changes = (await stream.take((e) => e.event === 'state_change', 5)).map((e) => JSON.parse(e.data));
    expect(changes.map(({ from, to, reason }) => `${from}>${to}:${reason}`)).toEqual([
      'closed>forced_open:manual',
      'forced_open>closed:manual',
      'closed>open:failure_threshold',
      'open>half_open:recovery_timeout',
      'half_open>closed:trials_succeeded',
    ]);
    for (const change of changes) {
      expect(Object.keys(change).sort()).toEqual(['at', 'breaker', 'from', 'reason', 'to']);
      expect(change.breaker).toBe('upstream');
      expect(typeof change.at).toBe('number');
    }
    const stats = stream.events.filter((e) => e.event === 'stats').map((e) => JSON.parse(e.data));
    expect(stats.at(-1).upstream).toMatchObject({ state: 'closed' });
    stream.close();
  });

  it('serves the dashboard behind the same guard', async () => {
    const denied = await fetch(`${url}/circuit-breakers/dashboard/`);
    expect(denied.status).toBe(403);
    const page = await fetch(`${url}/circuit-breakers/dashboard/`, { headers: AUTH });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    await fetch(`${url}/quotes`);
    const api = await fetch(`${url}/circuit-breakers/dashboard/api/breakers`, { headers: AUTH });
    expect(await api.json()).toMatchObject({ upstream: { state: 'closed' } });
  });

  it('redirects the dashboard to its trailing slash', async () => {
    const response = await fetch(`${url}/circuit-breakers/dashboard`, { headers: AUTH, redirect: 'manual' });
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('dashboard/');
  });
});
