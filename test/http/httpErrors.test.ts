// Angular's packages are partially compiled: the JIT compiler must load before them.
import '@angular/compiler';
import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { BadRequestException, ServiceUnavailableException } from '@nestjs/common';
import { throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { circuitBreaker } from '../../operators/circuitBreaker.js';
import { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import { httpErrors } from '../../src/http/httpErrors.js';
import { isHttpRetryable } from '../../src/http/isHttpRetryable.js';
import { retryBackoff } from '../../src/retry/retryBackoff.js';
import { axiosResponseError } from './fixtures.js';

function failWith(breaker: CircuitBreaker, error: unknown, times: number): void {
  for (let i = 0; i < times; i++) {
    throwError(() => error).pipe(circuitBreaker(breaker)).subscribe({ error: () => undefined });
  }
}

describe('httpErrors', () => {
  it('is a partial options object of recordErrors and ignoreErrors', () => {
    expect(Object.keys(httpErrors).sort()).toEqual(['ignoreErrors', 'recordErrors']);
    expect(Object.isFrozen(httpErrors)).toBe(true);
  });

  it('opens a breaker on 5xx responses', () => {
    const breaker = new CircuitBreaker('api', { ...httpErrors, failureThreshold: 3 });
    failWith(breaker, new HttpErrorResponse({ status: 503 }), 3);
    expect(breaker.state).toBe('open');
    breaker.dispose();
  });

  it('ignores 4xx: neither success nor failure', () => {
    const breaker = new CircuitBreaker('api', { ...httpErrors, failureThreshold: 1 });
    failWith(breaker, new HttpErrorResponse({ status: 404 }), 2);
    failWith(breaker, new BadRequestException(), 1);
    failWith(breaker, axiosResponseError(429), 1);
    expect(breaker.state).toBe('closed');
    expect(breaker.stats()).toMatchObject({ ignoredCalls: 4, successfulCalls: 0, failedCalls: 0 });
    breaker.dispose();
  });

  it('does not reset the failure streak with a 4xx', () => {
    const breaker = new CircuitBreaker('api', { ...httpErrors, failureThreshold: 2 });
    failWith(breaker, new ServiceUnavailableException(), 1);
    failWith(breaker, new HttpErrorResponse({ status: 404 }), 1);
    failWith(breaker, new ServiceUnavailableException(), 1);
    expect(breaker.state).toBe('open');
    breaker.dispose();
  });

  it('gives a half-open trial slot back on a 4xx', () => {
    const scheduler = new TestScheduler(() => undefined);
    const breaker = new CircuitBreaker('api', { ...httpErrors, failureThreshold: 1, recoveryTimeout: 100, halfOpenMaxCalls: 1, scheduler });
    failWith(breaker, new HttpErrorResponse({ status: 500 }), 1);
    scheduler.flush();
    expect(breaker.state).toBe('half_open');
    failWith(breaker, new HttpErrorResponse({ status: 404 }), 1);
    failWith(breaker, new HttpErrorResponse({ status: 404 }), 1);
    expect(breaker.stats().rejectedCalls).toBe(0);
    breaker.dispose();
  });

  it('lets a later ignoreErrors replace it', () => {
    const breaker = new CircuitBreaker('api', { ...httpErrors, ignoreErrors: () => false, failureThreshold: 1 });
    failWith(breaker, new HttpErrorResponse({ status: 404 }), 1);
    // Matched by neither filter: the server answered, so it counts as a success.
    expect(breaker.stats()).toMatchObject({ successfulCalls: 1, ignoredCalls: 0 });
    breaker.dispose();
  });

  it('retries a 429 after its Retry-After, not sooner, with the breaker untouched', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable, expectSubscriptions }) => {
      const breaker = new CircuitBreaker('api', { ...httpErrors, failureThreshold: 1 });
      const tooMany = new HttpErrorResponse({ status: 429, headers: new HttpHeaders({ 'Retry-After': '3' }) });
      const source = cold('-#', undefined, tooMany);
      const result = source.pipe(
        circuitBreaker(breaker),
        retryBackoff({ initialInterval: 100, maxRetries: 1, shouldRetry: isHttpRetryable }),
      );
      expectObservable(result).toBe('- 3000ms -#', undefined, tooMany);
      expectSubscriptions(source.subscriptions).toBe(['^!', '- 3000ms ^!']);
      expect(breaker.state).toBe('closed');
    });
  });

  it('does not retry a 404', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable, expectSubscriptions }) => {
      const notFound = new HttpErrorResponse({ status: 404 });
      const source = cold('-#', undefined, notFound);
      expectObservable(source.pipe(retryBackoff({ initialInterval: 100, maxRetries: 3, shouldRetry: isHttpRetryable }))).toBe(
        '-#',
        undefined,
        notFound,
      );
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
  });
});
