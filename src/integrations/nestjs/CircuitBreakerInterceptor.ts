import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { catchError, throwError } from 'rxjs';
import { CircuitBreakerRegistry } from '../../index.js';
import { injectParams } from './decorate.js';
import { guardHandler } from './guardHandler.js';
import { httpError } from './openCircuitException.js';
import { USE_CIRCUIT_BREAKER } from './tokens.js';
import type { UseCircuitBreakerMetadata } from './UseCircuitBreaker.js';

// The interceptor can be in one request's chain more than once, with one ExecutionContext
// (global, controller and handler registrations are separate instances): the first guards
// the call, the others pass through, also when a retry runs the rest of the chain again.
const guarded = new WeakSet<ExecutionContext>();

/**
 * The interceptor behind {@link UseCircuitBreaker}: runs the handler through the breaker the
 * decorator names, in the module's registry. `@UseCircuitBreaker` adds it where it is used.
 * Registered globally (`APP_INTERCEPTOR`), it also answers 503 + `Retry-After` for a
 * `CircuitOpenError` from any handler, e.g. from a `@WithCircuitBreaker` provider method,
 * which Nest would otherwise answer with 500; it leaves every other error alone.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [CircuitBreakerModule.forRoot({ isGlobal: true })],
 *   providers: [{ provide: APP_INTERCEPTOR, useClass: CircuitBreakerInterceptor }],
 * })
 * export class AppModule {}
 * ```
 */
export class CircuitBreakerInterceptor implements NestInterceptor {
  constructor(
    private readonly registry: CircuitBreakerRegistry,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (guarded.has(context)) return next.handle();
    guarded.add(context);
    const use = this.reflector.getAllAndOverride<UseCircuitBreakerMetadata | undefined>(USE_CIRCUIT_BREAKER, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (use === undefined) return next.handle().pipe(catchError((error: unknown) => throwError(() => httpError(error, context))));
    return guardHandler(this.registry, use, context, next.handle());
  }
}
Injectable()(CircuitBreakerInterceptor);
injectParams(CircuitBreakerInterceptor, [CircuitBreakerRegistry, Reflector]);
