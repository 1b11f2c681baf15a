import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BeforeApplicationShutdown, MessageEvent, Type } from '@nestjs/common';
import { All, Controller, Get, HttpCode, NotFoundException, Param, Post, Req, Res, Sse, UseGuards } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { Subject, takeUntil } from 'rxjs';
import type { CircuitBreaker, CircuitStats } from '../../../index.js';
import { CircuitBreakerRegistry } from '../../../index.js';
import type { DashboardHandler } from '../../dashboard/index.js';
import { circuitBreakerDashboard } from '../../dashboard/index.js';
import type { AdminSettings } from '../CircuitBreakerModuleOptions.js';
import { decorateMethod, injectParams } from '../decorate.js';
import { ADMIN_SETTINGS } from '../tokens.js';
import { AdminAccessGuard } from './AdminAccessGuard.js';
import type { CircuitBreakerAdminSummary } from './adminSummary.js';
import { adminSummary } from './adminSummary.js';
import { adminStream } from './adminStream.js';
import { dashboardUrl } from './dashboardUrl.js';
import { OpenResponses } from './OpenResponses.js';

// Express hands out Node's objects (extended), Fastify wraps them (`raw`).
type HttpRequest = IncomingMessage | { raw: IncomingMessage };
type HttpResponse = ServerResponse | { raw: ServerResponse };
const rawResponse = (res: HttpResponse): ServerResponse => ('raw' in res ? res.raw : res);

/**
 * @internal A fresh admin controller class for one module definition. Its routes are added by
 * {@link defineAdminRoutes} once the admin settings are known, which for `forRootAsync` is
 * while Nest builds the providers: routes are mapped later, when the application initialises.
 * Express (path-to-regexp) matches routes in the order of the methods below, so the fixed
 * paths come before `:name`.
 */
export function createAdminController(): Type<object> {
  class CircuitBreakerAdminController implements BeforeApplicationShutdown {
    private readonly closing$ = new Subject<void>();
    private readonly openResponses = new OpenResponses();
    private readonly dashboardHandler: DashboardHandler | undefined;

    constructor(
      private readonly registry: CircuitBreakerRegistry,
      private readonly settings: AdminSettings | null,
    ) {
      // Built now, so that bad dashboard options stop the application from starting.
      if (settings !== null && settings.dashboard !== false) {
        // The handler sees the path below the mount (dashboardUrl), and every request here has passed the admin guard already.
        this.dashboardHandler = circuitBreakerDashboard(registry, { ...settings.dashboard, basePath: '', authorize: () => true });
      }
    }

    summary(): CircuitBreakerAdminSummary {
      return adminSummary(this.registry);
    }

    stream(res: HttpResponse): Observable<MessageEvent> {
      // Nest ends this one itself when the stream completes (closing$).
      this.openResponses.add(rawResponse(res), false);
      return adminStream(this.registry).pipe(takeUntil(this.closing$));
    }

    dashboard(req: HttpRequest, res: HttpResponse): void {
      const rawReq = 'raw' in req ? req.raw : req;
      const rawRes = rawResponse(res);
      const mount = `${this.settings?.path === '/' ? '' : (this.settings?.path ?? '')}/dashboard`;
      dashboardUrl(rawReq, mount);
      this.openResponses.add(rawRes);
      this.dashboardHandler?.(rawReq, rawRes);
    }

    resetAll(): CircuitBreakerAdminSummary {
      this.registry.resetAll();
      return adminSummary(this.registry);
    }

    one(name: string): CircuitStats {
      return this.breaker(name).stats();
    }

    reset(name: string): CircuitStats {
      const breaker = this.breaker(name);
      breaker.reset();
      return breaker.stats();
    }

    forceOpen(name: string): CircuitStats {
      const breaker = this.breaker(name);
      breaker.forceOpen();
      return breaker.stats();
    }

    forceClose(name: string): CircuitStats {
      const breaker = this.breaker(name);
      breaker.forceClose();
      return breaker.stats();
    }

    /** Ends the streams before Nest closes the HTTP server, which would otherwise wait for their clients. */
    async beforeApplicationShutdown(): Promise<void> {
      this.closing$.next();
      this.closing$.complete();
      await this.openResponses.endAll();
    }

    // Looks the breaker up without creating it: an admin request never adds a breaker.
    private breaker(name: string): CircuitBreaker {
      if (!this.registry.has(name)) {
        throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `No circuit breaker named '${name}'`, breaker: name });
      }
      return this.registry.get(name);
    }
  }
  Controller('/')(CircuitBreakerAdminController);
  UseGuards(AdminAccessGuard)(CircuitBreakerAdminController);
  injectParams(CircuitBreakerAdminController, [CircuitBreakerRegistry, ADMIN_SETTINGS]);
  return CircuitBreakerAdminController;
}

/** @internal Puts the admin routes on a class from {@link createAdminController}, under `settings.path`. */
export function defineAdminRoutes(controller: Type<object>, settings: AdminSettings): void {
  Controller(settings.path)(controller);
  const name: [number, ParameterDecorator] = [0, Param('name')];
  decorateMethod(controller, 'summary', [Get()]);
  // passthrough: Nest still writes the stream; the controller only keeps the response to end it at shutdown.
  decorateMethod(controller, 'stream', [Sse('stream')], [[0, Res({ passthrough: true })]]);
  if (settings.dashboard !== false) {
    decorateMethod(controller, 'dashboard', [All(['dashboard', 'dashboard/*path'])], [[0, Req()], [1, Res()]]);
  }
  decorateMethod(controller, 'resetAll', [Post('reset-all'), HttpCode(200)]);
  decorateMethod(controller, 'one', [Get(':name')], [name]);
  decorateMethod(controller, 'reset', [Post(':name/reset'), HttpCode(200)], [name]);
  decorateMethod(controller, 'forceOpen', [Post(':name/force-open'), HttpCode(200)], [name]);
  decorateMethod(controller, 'forceClose', [Post(':name/force-close'), HttpCode(200)], [name]);
}
