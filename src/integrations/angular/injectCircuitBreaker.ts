import { inject } from '@angular/core';
import type { CircuitBreaker, CircuitBreakerOptions } from '../../index.js';
import { HTTP_CIRCUIT_BREAKERS } from './tokens.js';

/**
 * The breaker named `name` from the nearest `provideCircuitBreaker()`, created with its
 * `defaults` (under `options`) if it does not exist yet, as `registry.get` does. Call it in
 * an injection context (a field initializer, a constructor, a provider factory).
 *
 * The interceptor names a request's breaker after its URL's host by default, so the breaker
 * of `https://api.example.com/...` is `injectCircuitBreaker('api.example.com')`.
 *
 * @example
 * ```ts
 * import { AsyncPipe } from '@angular/common';
 * import { Component } from '@angular/core';
 * import { toSignal } from '@angular/core/rxjs-interop';
 * import { injectCircuitBreaker } from 'rxjs-circuit-breaker/angular';
 *
 * @Component({
 *   selector: 'api-status',
 *   imports: [AsyncPipe],
 *   template: `<span>{{ breaker.state$ | async }}</span> <span>{{ state() }}</span>`,
 * })
 * export class ApiStatus {
 *   readonly breaker = injectCircuitBreaker('api.example.com');
 *   readonly state = toSignal(this.breaker.state$, { requireSync: true }); // 'closed'
 * }
 * ```
 */
export function injectCircuitBreaker(name: string, options?: CircuitBreakerOptions): CircuitBreaker {
  return inject(HTTP_CIRCUIT_BREAKERS).get(name, options);
}
