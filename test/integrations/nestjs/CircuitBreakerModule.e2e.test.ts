import type { CanActivate, DynamicModule, INestApplication, Provider } from '@nestjs/common';
import { Controller, Get, Inject, Injectable, Module } from '@nestjs/common';
import { APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdminTokenGuard, appModule, AUTH, QuotesClient } from './fixtures/app.js';
import { openSse, startApp, waitFor } from './fixtures/http.js';
import type { Upstream } from './fixtures/upstream.js';
import { startUpstream } from './fixtures/upstream.js';
import { CircuitBreakerInterceptor, CircuitBreakerModule, CircuitBreakerRegistry, defaultRegistry, isInvalidConfigError, UseCircuitBreaker } from './lib.js';

let upstream: Upstream;
const apps: INestApplication[] = [];

beforeEach(async () => {
  upstream = await startUpstream();
});

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  await upstream.close();
});

async function start(breakers: DynamicModule, configure?: (app: INestApplication) => void, providers: Provider[] = []) {
  const started = await startApp(appModule(upstream.url, breakers, providers), configure);
  apps.push(started.app);
  return started;
}

/** Settings that a factory reads, from a module of their own. */
@Injectable()
class BreakerSettings {
  readonly halfOpenMaxCalls = 7;
  readonly adminEnabled = true;
}

@Module({ providers: [BreakerSettings], exports: [BreakerSettings] })
class SettingsModule {}

@Controller('feature')
@UseCircuitBreaker('feature')
class FeatureController {
  @Get()
  get(): string {
    return 'feature';
  }
}

@Module({ controllers: [FeatureController] })
class FeatureModule {}

describe('CircuitBreakerModule', () => {
  it('provides the registry by its class to the application providers', async () => {
    const { app } = await start(CircuitBreakerModule.forRoot({ defaults: { failureThreshold: 1 } }));
    const registry = app.get(CircuitBreakerRegistry);
    expect(registry).toBeInstanceOf(CircuitBreakerRegistry);
    expect(registry).not.toBe(defaultRegistry);
  });

  it('builds its registry from defaults and configs', async () => {
    const { app, url } = await start(CircuitBreakerModule.forRoot({ defaults: { halfOpenMaxCalls: 7 }, configs: { value: { enabled: false } } }));
    await fetch(`${url}/quotes/value`);
    const breaker = app.get(CircuitBreakerRegistry).get('value');
    expect(breaker.state).toBe('disabled');
    expect(breaker.options.halfOpenMaxCalls).toBe(7);
  });

  it('provides a registry the application passes in, and leaves it undisposed at close', async () => {
    const registry = new CircuitBreakerRegistry();
    const { app, url } = await start(CircuitBreakerModule.forRoot({ registry }));
    expect(app.get(CircuitBreakerRegistry)).toBe(registry);
    await fetch(`${url}/quotes`);
    expect(registry.get('upstream').stats().totalCalls).toBe(1);
    await apps.pop()!.close();
    expect(registry.isDisposed).toBe(false);
    registry.dispose();
  });

  it('ends open admin and dashboard streams at close, also over a registry it does not own', async () => {
    const registry = new CircuitBreakerRegistry();
    const { url } = await start(CircuitBreakerModule.forRoot({ registry, admin: { enabled: true, guard: AdminTokenGuard } }));
    const stream = await openSse(`${url}/circuit-breakers/stream`, AUTH);
    const dashboard = await openSse(`${url}/circuit-breakers/dashboard/api/stream`, AUTH);
    expect([stream.status, dashboard.status]).toEqual([200, 200]);
    const started = performance.now();
    await apps.pop()!.close();
    // Node's keep-alive timeout (5 s) is what a stream left open would cost.
    expect(performance.now() - started).toBeLessThan(2500);
    await waitFor(() => stream.ended && dashboard.ended, 'both streams to end');
    expect(registry.isDisposed).toBe(false);
    registry.dispose();
  });

  it('disposes its own registry when the application closes', async () => {
    const { app } = await start(CircuitBreakerModule.forRoot({}));
    const registry = app.get(CircuitBreakerRegistry);
    await apps.pop()!.close();
    expect(registry.isDisposed).toBe(true);
  });

  it('ends open admin and dashboard streams when the application closes', async () => {
    const { app, url } = await start(CircuitBreakerModule.forRoot({ admin: { enabled: true, guard: AdminTokenGuard } }));
    const stream = await openSse(`${url}/circuit-breakers/stream`, AUTH);
    const dashboard = await openSse(`${url}/circuit-breakers/dashboard/api/stream`, AUTH);
    expect([stream.status, dashboard.status]).toEqual([200, 200]);
    const started = performance.now();
    await apps.pop()!.close();
    // Node's keep-alive timeout (5 s) is what a stream left open would cost.
    expect(performance.now() - started).toBeLessThan(2500);
    await waitFor(() => stream.ended && dashboard.ended, 'both streams to end');
    expect(app.get(CircuitBreakerRegistry).isDisposed).toBe(true);
  });

  it('takes its options from a forRootAsync factory with injected dependencies', async () => {
    const { app, url } = await start(
      CircuitBreakerModule.forRootAsync({
        imports: [SettingsModule],
        inject: [BreakerSettings],
        useFactory: (settings: BreakerSettings) => ({
          defaults: { halfOpenMaxCalls: settings.halfOpenMaxCalls },
          admin: { enabled: settings.adminEnabled, guard: AdminTokenGuard },
        }),
      }),
    );
    await fetch(`${url}/quotes/value`);
    expect(app.get(CircuitBreakerRegistry).get('value').options.halfOpenMaxCalls).toBe(7);
    const admin = await fetch(`${url}/circuit-breakers/value`, { headers: AUTH });
    expect(await admin.json()).toMatchObject({ state: 'closed', totalCalls: 1 });
    expect((await fetch(`${url}/circuit-breakers/upstream`)).status).toBe(403);
  });

  it('serves no admin route when a forRootAsync factory leaves the admin API off', async () => {
    const { url } = await start(CircuitBreakerModule.forRootAsync({ useFactory: async () => ({}) }));
    expect((await fetch(`${url}/circuit-breakers`, { headers: AUTH })).status).toBe(404);
  });

  it('serves the admin API under a configured path', async () => {
    const guard: CanActivate = { canActivate: () => true };
    const { url } = await start(CircuitBreakerModule.forRoot({ admin: { enabled: true, path: '/ops/breakers', guard } }));
    expect((await fetch(`${url}/ops/breakers`)).status).toBe(200);
    expect((await fetch(`${url}/ops/breakers/dashboard/api/breakers`)).status).toBe(200);
    expect((await fetch(`${url}/circuit-breakers`)).status).toBe(404);
  });

  it('serves the admin API and the dashboard behind a global prefix', async () => {
    const { url } = await start(CircuitBreakerModule.forRoot({ admin: { enabled: true, guard: AdminTokenGuard } }), (app) => app.setGlobalPrefix('api'));
    expect((await fetch(`${url}/api/circuit-breakers`, { headers: AUTH })).status).toBe(200);
    const page = await fetch(`${url}/api/circuit-breakers/dashboard/`, { headers: AUTH });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('leaves the dashboard out when told to', async () => {
    const { url } = await start(CircuitBreakerModule.forRoot({ admin: { enabled: true, guard: AdminTokenGuard, dashboard: false } }));
    expect((await fetch(`${url}/circuit-breakers/dashboard/`, { headers: AUTH })).status).toBe(404);
  });

  it('refuses to start the admin API without a guard, saying why', () => {
    let error: unknown;
    try {
      CircuitBreakerModule.forRoot({ admin: { enabled: true } });
    } catch (e) {
      error = e;
    }
    expect(isInvalidConfigError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^admin\.guard must be a CanActivate guard .* refuses to serve it unguarded, got undefined$/);
  });

  it('refuses to start when a forRootAsync factory enables the admin API without a guard', async () => {
    const module = appModule(upstream.url, CircuitBreakerModule.forRootAsync({ useFactory: () => ({ admin: { enabled: true } }) }));
    await expect(NestFactory.create(module, { logger: false, abortOnError: false })).rejects.toThrow(/admin\.guard must be a CanActivate guard/);
  });

  it('refuses to start with bad dashboard options', async () => {
    const module = appModule(upstream.url, CircuitBreakerModule.forRoot({ admin: { enabled: true, guard: AdminTokenGuard, dashboard: { throttleMs: -1 } } }));
    await expect(NestFactory.create(module, { logger: false, abortOnError: false })).rejects.toThrow(/^throttleMs must be/);
  });

  it('refuses a forRootAsync factory that returns isGlobal', async () => {
    const module = appModule(upstream.url, CircuitBreakerModule.forRootAsync({ useFactory: () => ({ isGlobal: true }) as never }));
    await expect(NestFactory.create(module, { logger: false, abortOnError: false })).rejects.toThrow(/isGlobal must be given to forRootAsync\(\) itself/);
  });

  it('lets every module use the breakers when global', async () => {
    @Module({ imports: [CircuitBreakerModule.forRoot({ isGlobal: true }), FeatureModule] })
    class GlobalApp {}
    const { app, url } = await startApp(GlobalApp);
    apps.push(app);
    expect(await (await fetch(`${url}/feature`)).text()).toBe('feature');
    expect(app.get(CircuitBreakerRegistry).get('feature').stats().totalCalls).toBe(1);
  });

  it('gives @WithCircuitBreaker provider methods the module registry', async () => {
    const { app, url } = await start(CircuitBreakerModule.forRoot({}));
    upstream.fail();
    expect((await fetch(`${url}/quotes/client`)).status).toBe(502);
    const registry = app.get(CircuitBreakerRegistry);
    expect(registry.get('quotes-client').state).toBe('open');
    expect(defaultRegistry.has('quotes-client')).toBe(false);
    await expect(app.get(QuotesClient).guardedQuote()).rejects.toMatchObject({ name: 'CircuitOpenError', breakerName: 'quotes-client' });
    expect(upstream.hits).toBe(1);
  });

  it('answers 500 for an open circuit of a provider method on a route without @UseCircuitBreaker', async () => {
    const { url } = await start(CircuitBreakerModule.forRoot({}));
    upstream.fail();
    await fetch(`${url}/quotes/client`);
    expect((await fetch(`${url}/quotes/client`)).status).toBe(500);
  });

  it('answers 503 with Retry-After for an open circuit of a provider method with the interceptor registered globally', async () => {
    const { url } = await start(CircuitBreakerModule.forRoot({}), undefined, [{ provide: APP_INTERCEPTOR, useClass: CircuitBreakerInterceptor }]);
    upstream.fail();
    expect((await fetch(`${url}/quotes/client`)).status).toBe(502);
    const rejected = await fetch(`${url}/quotes/client`);
    expect(rejected.status).toBe(503);
    expect(rejected.headers.get('retry-after')).toBe('60');
    expect(await rejected.json()).toMatchObject({ breaker: 'quotes-client', state: 'open' });
  });

  it('guards a decorated handler once when the interceptor is also registered globally', async () => {
    const { app, url } = await start(CircuitBreakerModule.forRoot({}), undefined, [{ provide: APP_INTERCEPTOR, useClass: CircuitBreakerInterceptor }]);
    await fetch(`${url}/quotes`);
    expect(app.get(CircuitBreakerRegistry).get('upstream').stats().totalCalls).toBe(1);
  });
});
