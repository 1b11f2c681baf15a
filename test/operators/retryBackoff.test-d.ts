import type { RetryBackoffConfig as BackoffRxjsConfig } from 'backoff-rxjs';
import { of, type MonoTypeOperatorFunction, type Observable } from 'rxjs';
import { describe, expectTypeOf, it } from 'vitest';
import { retryBackoff, type RetryBackoffConfig } from '../../operators/retryBackoff.js';

describe('retryBackoff types', () => {
  it('accepts every backoff-rxjs config as it is typed', () => {
    expectTypeOf<BackoffRxjsConfig>().toExtend<RetryBackoffConfig>();
  });

  it('accepts a shouldRetry typed for a particular error, as backoff-rxjs does', () => {
    expectTypeOf({ shouldRetry: (error: { status: number }) => error.status >= 500 }).toExtend<RetryBackoffConfig>();
  });

  it('keeps the source type in a pipe', () => {
    expectTypeOf(of(1).pipe(retryBackoff())).toEqualTypeOf<Observable<number>>();
    expectTypeOf(of('a').pipe(retryBackoff(500))).toEqualTypeOf<Observable<string>>();
  });

  it('serves sources of any type from one stored operator, as backoff-rxjs does', () => {
    const retrying = retryBackoff({ initialInterval: 100, maxRetries: 2 });
    expectTypeOf(of(1).pipe(retrying)).toEqualTypeOf<Observable<number>>();
    expectTypeOf(of('a').pipe(retrying)).toEqualTypeOf<Observable<string>>();
  });

  it('is a MonoTypeOperatorFunction for any source type', () => {
    expectTypeOf(retryBackoff()).toExtend<MonoTypeOperatorFunction<Date>>();
    expectTypeOf(retryBackoff<string>(5)).toExtend<MonoTypeOperatorFunction<string>>();
  });

  it('rejects a config of the wrong type', () => {
    // @ts-expect-error maxRetries is a number
    retryBackoff({ maxRetries: '3' });
  });
});
