import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CircuitBreakerRegistry } from '../../../src/index.js';
import { circuitBreakerDashboard } from '../../../src/integrations/dashboard/index.js';

/** An application with no controllers: the dashboard is all it serves. */
class AppModule {}

describe('circuitBreakerDashboard under NestJS (Express adapter)', () => {
  let app: INestApplication | undefined;
  const registry = new CircuitBreakerRegistry();
  afterEach(async () => {
    await app?.close();
    registry.remove('payments');
  });

  async function start(): Promise<string> {
    registry.get('payments');
    app = await NestFactory.create(AppModule, { logger: false });
    app.use('/admin/dashboard', circuitBreakerDashboard(registry, { authorize: () => true }));
    await app.listen(0, '127.0.0.1');
    return (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }

  it('serves the page and the API under the path given to app.use', async () => {
    const url = await start();
    expect((await fetch(`${url}/admin/dashboard/`)).headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(Object.keys(await (await fetch(`${url}/admin/dashboard/api/breakers`)).json())).toEqual(['payments']);
    const res = await fetch(`${url}/admin/dashboard/api/breakers/payments/force-open`, { method: 'POST', headers: { origin: url } });
    expect((await res.json()).stats.state).toBe('forced_open');
  });

  it("redirects the bare path to the page and leaves other paths to Nest's 404", async () => {
    const url = await start();
    const bare = await fetch(`${url}/admin/dashboard`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([308, 'dashboard/']);
    const other = await fetch(`${url}/admin/dashboard/nope`);
    expect(other.status).toBe(404);
    expect((await other.json()).message).toBe('Cannot GET /admin/dashboard/nope');
  });
});
