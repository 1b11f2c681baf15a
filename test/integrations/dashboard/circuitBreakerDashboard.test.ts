import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CircuitBreakerRegistry, isInvalidConfigError } from '../../../src/index.js';
import type { DashboardOptions } from '../../../src/integrations/dashboard/index.js';
import { circuitBreakerDashboard } from '../../../src/integrations/dashboard/index.js';
import { failCalls, thrown } from '../../breaker/helpers.js';
import type { Frame } from './helpers.js';
import { countSubscriptions, eventually, openSse, startServer } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Serves the dashboard of `registry` on a real server; `next` answers 418 so tests can see it was called. */
async function serve(registry: CircuitBreakerRegistry, options: DashboardOptions = {}, mount?: string) {
  const handler = circuitBreakerDashboard(registry, options);
  const server = await startServer((req, res) => {
    const next = () => res.writeHead(418).end('next');
    if (mount === undefined) return handler(req, res, next);
    // What Express does under app.use(mount, handler): strip the mount path, keep originalUrl.
    const url = req.url ?? '/';
    if (url !== mount && !url.startsWith(`${mount}/`) && !url.startsWith(`${mount}?`)) return next();
    Object.assign(req, { originalUrl: url, url: url.slice(mount.length).replace(/^(?!\/)/, '/') });
    handler(req, res, next);
  });
  cleanups.push(() => server.close());
  return server.origin;
}

function newRegistry(): CircuitBreakerRegistry {
  const registry = new CircuitBreakerRegistry();
  cleanups.push(() => registry.dispose());
  return registry;
}

const post = (url: string, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', headers });

describe('circuitBreakerDashboard', () => {
  describe('the page', () => {
    it('serves one self-contained HTML document whose Content-Security-Policy allows exactly its inline script and style', async () => {
      const origin = await serve(newRegistry(), { title: 'Shop <breakers>' });
      const res = await fetch(`${origin}/`);
      const html = await res.text();
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(html).toContain('<title>Shop &#60;breakers&#62;</title>');
      // Nothing is loaded from elsewhere (the SVG namespace is a name, not a download).
      expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet|https?:\/\//);
      const hash = (tag: string) => `'sha256-${createHash('sha256').update(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(html)?.[1] ?? '').digest('base64')}'`;
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain(`script-src ${hash('script')};`);
      expect(csp).toContain(`style-src ${hash('style')};`);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
    });

    it('ships a page script that parses, even where no browser runs the end-to-end tests', async () => {
      const html = await (await fetch(`${await serve(newRegistry())}/`)).text();
      const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
      expect(script.length).toBeGreaterThan(1000);
      expect(() => new Function(script)).not.toThrow();
    });

    it('redirects the mount path without its trailing slash, relatively, so the page finds its API', async () => {
      const origin = await serve(newRegistry(), {}, '/admin/breakers');
      const res = await fetch(`${origin}/admin/breakers?x=1`, { redirect: 'manual' });
      expect(res.status).toBe(308);
      expect(res.headers.get('location')).toBe('breakers/?x=1');
      expect((await fetch(`${origin}/admin/breakers`)).url).toBe(`${origin}/admin/breakers/`);
    });

    it('answers under basePath on a plain node:http server and hands other paths to next()', async () => {
      const registry = newRegistry();
      registry.get('api');
      const origin = await serve(registry, { basePath: '/cb' });
      expect(Object.keys(await (await fetch(`${origin}/cb/api/breakers`)).json())).toEqual(['api']);
      expect((await fetch(`${origin}/cb/`)).status).toBe(200);
      expect((await fetch(`${origin}/cbx/api/breakers`)).status).toBe(418);
      expect((await fetch(`${origin}/api/breakers`)).status).toBe(418);
    });

    it('answers under an Express-style mount, where the mount path is stripped from req.url', async () => {
      const registry = newRegistry();
      registry.get('api');
      const origin = await serve(registry, {}, '/admin/breakers');
      expect((await fetch(`${origin}/admin/breakers/`)).headers.get('content-type')).toContain('text/html');
      expect(Object.keys(await (await fetch(`${origin}/admin/breakers/api/breakers`)).json())).toEqual(['api']);
    });

    it('hands unknown paths to next(), or answers 404 JSON without next', async () => {
      const registry = newRegistry();
      const origin = await serve(registry);
      expect((await fetch(`${origin}/api/nope`)).status).toBe(418);
      const handler = circuitBreakerDashboard(registry);
      const bare = await startServer((req, res) => handler(req, res));
      cleanups.push(() => bare.close());
      const res = await fetch(`${bare.origin}/api/nope`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'not_found', message: 'Not found.' });
    });

    it('answers 405 with Allow for a wrong method', async () => {
      const origin = await serve(newRegistry());
      const res = await post(`${origin}/api/breakers`);
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect((await fetch(`${origin}/api/breakers/api/reset`)).status).toBe(405);
    });
  });

  describe('JSON', () => {
    it("GET api/breakers answers the registry's stats", async () => {
      const registry = newRegistry();
      failCalls(registry.get('payments', { failureThreshold: 1 }));
      registry.get('search');
      const res = await fetch(`${await serve(registry)}/api/breakers`);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const stats = registry.stats();
      expect(await res.json()).toEqual({ payments: { ...stats['payments'], retryAfterMs: expect.any(Number) }, search: stats['search'] });
    });

    it('GET api/config says controls are off without authorize', async () => {
      const res = await fetch(`${await serve(newRegistry())}/api/config`);
      expect(await res.json()).toEqual({ controls: false, sampleIntervalMs: 1000, historyMs: 180_000, throttleMs: 250 });
    });

    it('GET api/config runs authorize for the request', async () => {
      const origin = await serve(newRegistry(), { authorize: async (req) => req.headers['x-role'] === 'admin' });
      expect((await (await fetch(`${origin}/api/config`, { headers: { 'x-role': 'admin' } })).json()).controls).toBe(true);
      expect((await (await fetch(`${origin}/api/config`, { headers: { 'x-role': 'guest' } })).json()).controls).toBe(false);
    });

    it('treats an authorize that throws as a refusal', async () => {
      const origin = await serve(newRegistry(), {
        authorize: () => {
          throw new Error('session store down');
        },
      });
      expect((await (await fetch(`${origin}/api/config`)).json()).controls).toBe(false);
    });
  });

  describe('the stream', () => {
    it('speaks Server-Sent Events: a retry delay, one JSON data line per event, comment-line heartbeats', async () => {
      const registry = newRegistry();
      registry.get('api', { failureThreshold: 1 });
      const origin = await serve(registry, { heartbeatIntervalMs: 50, sampleIntervalMs: 60_000 });
      const sse = await openSse(`${origin}/api/stream`);
      cleanups.push(() => sse.close());
      expect(sse.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(sse.response.headers.get('cache-control')).toContain('no-transform');
      const stats = await sse.next((f) => f.event === 'stats');
      expect(sse.frames[0]).toEqual({ raw: 'retry: 1000\n: connected', retry: 1000, comment: 'connected' });
      expect(stats.raw).toBe(`event: stats\ndata: ${JSON.stringify(registry.get('api').stats())}`);
      failCalls(registry.get('api'), 1, new Error('line one\nline two'));
      const transition = await sse.next((f) => f.event === 'transition');
      expect(transition.raw.split('\n')).toHaveLength(2);
      expect(JSON.parse(transition.data ?? '')).toMatchObject({ breaker: 'api', from: 'closed', to: 'open', reason: 'failure_threshold' });
      expect((await sse.next((f) => f.comment === 'heartbeat')).raw).toBe(': heartbeat');
    });

    it('releases every subscription it took when the client disconnects', async () => {
      const { registry, active } = countSubscriptions(newRegistry());
      registry.get('api');
      const origin = await serve(registry);
      const sse = await openSse(`${origin}/api/stream`);
      await sse.next((f: Frame) => f.event === 'stats');
      expect(active()).toBeGreaterThan(0);
      sse.close();
      await eventually(() => active() === 0, 2000, 'no subscription left');
    });

    it('ends the response when the registry is disposed', async () => {
      const registry = newRegistry();
      const sse = await openSse(`${await serve(registry)}/api/stream`);
      registry.get('api');
      await sse.next((f) => f.event === 'stats');
      registry.dispose();
      await sse.ended;
      expect(sse.frames.at(-1)?.event).toBe('removed');
    });
  });

  describe('controls', () => {
    it('refuses every control request with 403 when no authorize was given, and changes nothing', async () => {
      const registry = newRegistry();
      registry.get('api');
      const origin = await serve(registry);
      const res = await post(`${origin}/api/breakers/api/force-open`, { origin });
      expect(res.status).toBe(403);
      expect((await res.json()).error).toBe('forbidden');
      expect(registry.get('api').state).toBe('closed');
    });

    it('refuses with 403 when authorize says no', async () => {
      const registry = newRegistry();
      registry.get('api');
      const origin = await serve(registry, { authorize: () => false });
      expect((await post(`${origin}/api/breakers/api/force-open`, { origin })).status).toBe(403);
      expect(registry.get('api').state).toBe('closed');
    });

    it.each([
      ['another Origin', { origin: 'http://evil.example' }],
      ['a same-site Sec-Fetch-Site', { 'sec-fetch-site': 'same-site' }],
      ['a cross-site Sec-Fetch-Site with a forged Origin', { 'sec-fetch-site': 'cross-site', origin: 'SELF' }],
      ['neither Origin nor Sec-Fetch-Site', {}],
    ])('refuses a cross-origin POST with 403 (%s), even when authorized', async (_, headers: Record<string, string>) => {
      const registry = newRegistry();
      registry.get('api');
      const origin = await serve(registry, { authorize: () => true });
      const sent = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === 'SELF' ? origin : v]));
      const res = await post(`${origin}/api/breakers/api/force-open`, sent);
      expect(res.status).toBe(403);
      expect((await res.json()).message).toMatch(/Cross-origin/);
      expect(registry.get('api').state).toBe('closed');
    });

    it('answers 404 for an unknown breaker and creates none', async () => {
      const registry = newRegistry();
      const origin = await serve(registry, { authorize: () => true });
      const res = await post(`${origin}/api/breakers/${encodeURIComponent('no/such')}/reset`, { origin });
      expect(res.status).toBe(404);
      expect(registry.names()).toEqual([]);
    });

    it('forces open, forces closed and resets a breaker for an authorized same-origin POST', async () => {
      const registry = newRegistry();
      const api = registry.get('a/b', { failureThreshold: 1 });
      const origin = await serve(registry, { authorize: () => true });
      const url = (action: string) => `${origin}/api/breakers/${encodeURIComponent('a/b')}/${action}`;
      const opened = await post(url('force-open'), { origin, 'sec-fetch-site': 'same-origin' });
      expect(opened.status).toBe(200);
      expect(await opened.json()).toMatchObject({ breaker: 'a/b', action: 'force-open', stats: { state: 'forced_open' } });
      expect(api.state).toBe('forced_open');
      expect((await post(url('force-close'), { origin })).status).toBe(200);
      expect(api.state).toBe('closed');
      failCalls(api);
      expect((await post(url('reset'), { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
      expect(api.stats()).toMatchObject({ state: 'closed', totalCalls: 0 });
    });
  });

  describe('options', () => {
    it.each<[string, DashboardOptions]>([
      ['authorize', { authorize: true as unknown as () => boolean }],
      ['basePath', { basePath: 'cb' }],
      ['basePath', { basePath: '/cb/' }],
      ['title', { title: ' ' }],
      ['throttleMs', { throttleMs: 0 }],
      ['sampleIntervalMs', { sampleIntervalMs: Number.NaN }],
      ['heartbeatIntervalMs', { heartbeatIntervalMs: Infinity }],
      ['historyMs', { historyMs: 500 }],
      ['scheduler', { scheduler: {} as never }],
    ])('rejects a bad %s with InvalidConfigError', (option, options) => {
      const error = thrown(() => circuitBreakerDashboard(new CircuitBreakerRegistry(), options));
      expect(isInvalidConfigError(error) && error.option).toBe(option);
    });

    it('rejects something that is not a registry', () => {
      const error = thrown(() => circuitBreakerDashboard({} as CircuitBreakerRegistry));
      expect(isInvalidConfigError(error) && error.option).toBe('registry');
    });
  });

  it('is a (req, res, next) handler that node:http can call without next', () => {
    const handler: (req: IncomingMessage, res: ServerResponse) => void = circuitBreakerDashboard(new CircuitBreakerRegistry());
    expect(handler).toBeTypeOf('function');
  });
});
