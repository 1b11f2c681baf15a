import type { HttpEvent, HttpHandlerFn, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { HttpEventType } from '@angular/common/http';
import { inject } from '@angular/core';
import { defer, filter, Observable } from 'rxjs';
import { circuitBreaker } from '../../../operators/index.js';
import type { CircuitBreaker } from '../../index.js';
import { CIRCUIT_BREAKER_NAME, CIRCUIT_BREAKER_OPTIONS, SKIP_CIRCUIT_BREAKER } from './httpContextTokens.js';
import { HTTP_CIRCUIT_BREAKERS } from './tokens.js';

/**
 * Guards every `HttpClient` request with a circuit breaker: one breaker per host by default
 * (`provideCircuitBreaker({ breakerFor })` changes that), configured by
 * {@link provideCircuitBreaker}.
 *
 * - An open breaker fails the request at once with `CircuitOpenError` (not an
 *   `HttpErrorResponse`); the request never reaches the backend.
 * - Outcomes follow the core's `httpErrors`: 5xx, status 0, timeouts and network errors are
 *   failures; other 4xx (429 included) count as neither success nor failure.
 * - A call succeeds on its `HttpResponse`, not on the `HttpSentEvent` (`{ type: 0 }`) every
 *   request emits first, nor on progress events; a request unsubscribed before its response
 *   is cancelled and gives a half-open trial slot back.
 * - With `retry` configured, `retryBackoff` runs **outside** the breaker, for idempotent
 *   methods: each attempt is a call, 429/503 `Retry-After` is honoured, and an open circuit
 *   is waited out when its break ends within `maxInterval` (else the request fails with the
 *   `CircuitOpenError` at once).
 * - `HttpContext` tokens: {@link CIRCUIT_BREAKER_NAME}, {@link CIRCUIT_BREAKER_OPTIONS},
 *   {@link SKIP_CIRCUIT_BREAKER}.
 *
 * @example
 * ```ts
 * bootstrapApplication(App, {
 *   providers: [
 *     provideHttpClient(withInterceptors([circuitBreakerInterceptor])),
 *     provideCircuitBreaker({ defaults: { failureThreshold: 3 } }),
 *   ],
 * });
 * // In a component: 3 × 503 from api.example.com, then
 * http.get('https://api.example.com/items').subscribe({ error: (e) => console.log(e.name) }); // CircuitOpenError
 * ```
 */
export const circuitBreakerInterceptor: HttpInterceptorFn = (request, next) => {
  const context = request.context;
  if (context.get(SKIP_CIRCUIT_BREAKER)) return next(request);
  const breakers = inject(HTTP_CIRCUIT_BREAKERS);
  // Deferred so that a throwing breakerFor or bad per-request options reach the subscriber as an error.
  return defer(() => {
    const name = context.get(CIRCUIT_BREAKER_NAME) ?? breakers.nameFor(request);
    if (name === null) return next(request);
    const { retry, ...options } = context.get(CIRCUIT_BREAKER_OPTIONS) ?? {};
    const breaker = breakers.get(name, options);
    const call = guardedRequest(breaker, request, next);
    const retrying = breakers.retryFor(request, retry, breaker.scheduler);
    return retrying === null ? call : (call.pipe(retrying) as Observable<HttpEvent<unknown>>);
  });
};

/**
 * One subscription is one call. The breaker sees only the final `HttpResponse` (its
 * success) and the error; the sent, header and progress events go straight downstream, so
 * the `HttpSentEvent` emitted at subscribe time is not taken for a success.
 */
function guardedRequest(breaker: CircuitBreaker, request: HttpRequest<unknown>, next: HttpHandlerFn): Observable<HttpEvent<unknown>> {
  const events$ = next(request);
  return new Observable<HttpEvent<unknown>>((subscriber) =>
    events$
      .pipe(
        filter((event) => {
          if (event.type === HttpEventType.Response) return true;
          subscriber.next(event);
          return false;
        }),
        circuitBreaker(breaker),
      )
      .subscribe(subscriber),
  );
}
