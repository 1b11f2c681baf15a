import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import { compileErrorFilter } from '../../src/breaker/ErrorFilter.js';
import { IgnoredError } from './helpers.js';

class HttpError extends Error {}
class NotFound extends HttpError {}

describe('compileErrorFilter', () => {
  it('matches instances of an error class and of its subclasses', () => {
    const matches = compileErrorFilter('recordErrors', HttpError);
    expect([new HttpError(), new NotFound(), new Error()].map(matches)).toEqual([true, true, false]);
  });

  it('matches instances of any class of a list', () => {
    const matches = compileErrorFilter('recordErrors', [TypeError, NotFound]);
    expect([new TypeError(), new NotFound(), new HttpError()].map(matches)).toEqual([true, true, false]);
  });

  it('uses a predicate as it is', () => {
    const matches = compileErrorFilter('recordErrors', (e: unknown) => e === 'x');
    expect(['x', 'y'].map(matches)).toEqual([true, false]);
  });

  it('accepts Error itself', () => {
    expect(compileErrorFilter('recordErrors', Error)(new NotFound())).toBe(true);
  });
});

describe('CircuitBreaker.classify', () => {
  it('counts every error as a failure by default', () => {
    const breaker = new CircuitBreaker('api');
    expect([new Error(), 'text', undefined].map((e) => breaker.classify(e))).toEqual(['failure', 'failure', 'failure']);
  });

  it('counts an error that recordErrors does not match as a success', () => {
    const breaker = new CircuitBreaker('api', { recordErrors: HttpError });
    expect([new NotFound(), new TypeError()].map((e) => breaker.classify(e))).toEqual(['failure', 'success']);
  });

  it('lets ignoreErrors win over recordErrors', () => {
    const breaker = new CircuitBreaker('api', { recordErrors: Error, ignoreErrors: [IgnoredError] });
    expect([new IgnoredError(), new Error()].map((e) => breaker.classify(e))).toEqual(['ignored', 'failure']);
  });
});

describe('a filter that throws', () => {
  it('counts the call as a failure instead of breaking it', async () => {
    const breaker = new CircuitBreaker('throwing-filter', {
      ignoreErrors: () => {
        throw new Error('filter bug');
      },
    });
    await expect(breaker.execute(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(breaker.stats()).toMatchObject({ failedCalls: 1, ignoredCalls: 0 });
  });
});
