import type { INestApplication } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appModule } from './fixtures/app.js';
import { startApp, waitFor } from './fixtures/http.js';
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

const health = async (path = '/health') => {
  const response = await fetch(`${url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe('CircuitBreakerHealthIndicator with terminus', () => {
  it('is up with the stats of every breaker while all are closed', async () => {
    await fetch(`${url}/quotes`);
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.info.breakers).toMatchObject({ status: 'up', open: [], breakers: { upstream: { state: 'closed', successfulCalls: 1 } } });
  });

  it('turns down when the upstream failures open a breaker, and up again when it recovers', async () => {
    upstream.fail();
    await fetch(`${url}/quotes`);
    await fetch(`${url}/quotes`);
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.error.breakers).toMatchObject({ status: 'down', open: ['upstream'], breakers: { upstream: { state: 'open', failedCalls: 2 } } });

    upstream.heal();
    await waitFor(() => registry.get('upstream').state === 'half_open', 'half-open');
    const halfOpen = await health();
    expect(halfOpen.status).toBe(200);
    expect(halfOpen.body.info.breakers.breakers.upstream.state).toBe('half_open');

    await fetch(`${url}/quotes`);
    const up = await health();
    expect(up.status).toBe(200);
    expect(up.body.info.breakers.breakers.upstream.state).toBe('closed');
  });

  it('checks only the breakers it is given', async () => {
    registry.get('other').forceOpen();
    await fetch(`${url}/quotes`);
    expect((await health('/health/upstream')).status).toBe(200);
    expect((await health('/health')).status).toBe(503);
  });

  it('counts a named breaker that does not exist yet as up, without creating it', async () => {
    const { status, body } = await health('/health/upstream');
    expect(status).toBe(200);
    expect(body.info.upstream).toEqual({ status: 'up', open: [], breakers: {}, notCreated: ['upstream'] });
    expect(registry.has('upstream')).toBe(false);
  });

  it('turns down for a forced-open breaker', async () => {
    await fetch(`${url}/quotes`);
    registry.get('upstream').forceOpen();
    const { status, body } = await health('/health/upstream');
    expect(status).toBe(503);
    expect(body.error.upstream).toMatchObject({ status: 'down', open: ['upstream'] });
  });
});
