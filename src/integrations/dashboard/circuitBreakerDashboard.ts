import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CircuitBreakerRegistry } from '../../index.js';
import { InvalidConfigError } from '../../index.js';
import { dashboardStream } from './dashboardStream.js';
import type { DashboardOptions } from './DashboardOptions.js';
import { resolveDashboardOptions } from './DashboardOptions.js';
import { CONTROL_ACTIONS, handleControl, isAuthorized } from './handleControl.js';
import { BASE_HEADERS, pathOf, sendError, sendJson } from './http.js';
import { pageHtml } from './page/pageHtml.js';
import { pageScript } from './page/pageScript.js';
import { pageStyles } from './page/pageStyles.js';
import { serveStream } from './serveStream.js';

/** A Node request handler, as `node:http`, Express (`app.use`) and NestJS middleware call it. */
export type DashboardHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * A live dashboard of a registry's breakers, as one request handler: the page at the mount
 * path, `api/breakers` (stats as JSON), `api/stream` (Server-Sent Events), `api/config`, and,
 * only when `authorize` is given, `POST api/breakers/:name/reset|force-open|force-close`.
 * Anything else goes to `next()` (or gets a 404).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import express from 'express';
 * import { defaultRegistry } from 'rxjs-circuit-breaker';
 * import { circuitBreakerDashboard } from 'rxjs-circuit-breaker/dashboard';
 *
 * // node:http: the handler sees full URLs, so tell it where it lives.
 * const dashboard = circuitBreakerDashboard(defaultRegistry, { basePath: '/breakers' });
 * createServer((req, res) => dashboard(req, res, () => { res.statusCode = 404; res.end(); })).listen(3000);
 *
 * // Express (or NestJS: app.use in main.ts): the mount path is stripped for it.
 * express().use('/breakers', circuitBreakerDashboard(defaultRegistry, { authorize: (req) => isAdmin(req) })).listen(3001);
 * // open http://localhost:3000/breakers/
 * ```
 */
export function circuitBreakerDashboard(registry: CircuitBreakerRegistry, options: DashboardOptions = {}): DashboardHandler {
  if (typeof registry?.breakers !== 'function' || typeof registry.stats !== 'function' || registry.added$ === undefined) {
    throw new InvalidConfigError('registry', registry, 'a CircuitBreakerRegistry');
  }
  const resolved = resolveDashboardOptions(options);
  const { authorize, basePath, sampleIntervalMs, historyMs, throttleMs } = resolved;
  const page = pageHtml(resolved.title);
  const pageLength = Buffer.byteLength(page);
  const pageHeaders = {
    ...BASE_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': `default-src 'none'; script-src ${sha256(pageScript)}; style-src ${sha256(pageStyles)}; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  };

  async function route(req: IncomingMessage, res: ServerResponse, next: ((error?: unknown) => void) | undefined): Promise<void> {
    const url = req.url ?? '/';
    const full = pathOf(url);
    let path = full;
    if (basePath !== '') {
      if (full !== basePath && !full.startsWith(`${basePath}/`)) return notFound(req, res, next);
      path = full.slice(basePath.length);
    }
    const method = req.method ?? 'GET';
    const read = method === 'GET' || method === 'HEAD';
    if (path === '' || path === '/') {
      // Relative URLs in the page need the trailing slash: /breakers -> /breakers/.
      const original = pathOf((req as { originalUrl?: string }).originalUrl ?? url);
      if (!original.endsWith('/')) {
        res.writeHead(308, { ...BASE_HEADERS, Location: `${original.slice(original.lastIndexOf('/') + 1)}/${url.slice(full.length)}` });
        return void res.end();
      }
      if (!read) return notAllowed(req, res, 'GET, HEAD');
      res.writeHead(200, { ...pageHeaders, 'Content-Length': pageLength });
      return void res.end(method === 'HEAD' ? undefined : page);
    }
    if (path === '/api/breakers') return read ? sendJson(req, res, 200, registry.stats()) : notAllowed(req, res, 'GET, HEAD');
    if (path === '/api/config') {
      if (!read) return notAllowed(req, res, 'GET, HEAD');
      return sendJson(req, res, 200, { controls: await isAuthorized(req, authorize), sampleIntervalMs, historyMs, throttleMs });
    }
    if (path === '/api/stream') {
      if (!read) return notAllowed(req, res, 'GET, HEAD');
      return serveStream(req, res, dashboardStream(registry, resolved));
    }
    const control = /^\/api\/breakers\/([^/]+)\/([^/]+)$/.exec(path);
    if (control !== null && Object.hasOwn(CONTROL_ACTIONS, control[2] as string)) {
      if (method !== 'POST') return notAllowed(req, res, 'POST');
      let name: string;
      try {
        name = decodeURIComponent(control[1] as string);
      } catch {
        return sendError(req, res, 404, 'not_found', 'Malformed circuit breaker name.');
      }
      return handleControl(req, res, registry, authorize, name, control[2] as string);
    }
    return notFound(req, res, next);
  }

  return (req, res, next) => {
    route(req, res, next).catch((error: unknown) => {
      if (next !== undefined) return next(error);
      if (!res.headersSent) return sendError(req, res, 500, 'internal_error', 'The dashboard failed to answer.');
      res.destroy();
    });
  };
}

function notFound(req: IncomingMessage, res: ServerResponse, next: ((error?: unknown) => void) | undefined): void {
  if (next !== undefined) return next();
  sendError(req, res, 404, 'not_found', 'Not found.');
}

function notAllowed(req: IncomingMessage, res: ServerResponse, allow: string): void {
  sendError(req, res, 405, 'method_not_allowed', `Use ${allow}.`, { Allow: allow });
}
