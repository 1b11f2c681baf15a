// Angular's packages are partially compiled: the JIT compiler must load before them.
import '@angular/compiler';
import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { describe, expect, it } from 'vitest';
import { CircuitOpenError } from '../../src/errors/CircuitOpenError.js';
import { retryAfterMs } from '../../src/retry/retryAfter.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const IN_90_S = new Date(NOW + 90_000).toUTCString(); // 'Wed, 01 Jan 2025 00:01:30 GMT'

/** The shape of axios 1.x's AxiosHeaders: `.get()` with any letter case. */
function axiosHeaders(values: Record<string, string>): { get(name: string): string | undefined } {
  return { ...values, get: (name: string) => Object.entries(values).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] };
}

describe('retryAfterMs', () => {
  it("reads a CircuitOpenError's retryAfterMs", () => {
    expect(retryAfterMs(new CircuitOpenError('api', 'open', 4_000), NOW)).toBe(4_000);
  });

  it('gives no hint for a CircuitOpenError without retryAfterMs (forced open)', () => {
    expect(retryAfterMs(new CircuitOpenError('api', 'forced_open', null), NOW)).toBeNull();
  });

  it('reads a numeric retryAfterMs property on any error', () => {
    expect(retryAfterMs(Object.assign(new Error('slow down'), { retryAfterMs: 250 }), NOW)).toBe(250);
  });

  it('turns a negative retryAfterMs into 0', () => {
    expect(retryAfterMs({ retryAfterMs: -5 }, NOW)).toBe(0);
  });

  it('ignores a retryAfterMs that is not a finite number', () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY, '100'].map((value) => retryAfterMs({ retryAfterMs: value }, NOW))).toEqual([null, null, null]);
  });

  it("reads Retry-After seconds from an Angular HttpErrorResponse's headers", () => {
    const error = new HttpErrorResponse({ status: 503, headers: new HttpHeaders({ 'Retry-After': '3' }) });
    expect(retryAfterMs(error, NOW)).toBe(3_000);
  });

  it('reads a Retry-After HTTP date from a fetch Response, counted from now', () => {
    const response = new Response(null, { status: 429, headers: { 'retry-after': IN_90_S } });
    expect(retryAfterMs(response, NOW)).toBe(90_000);
  });

  it('reads Retry-After from an axios error with plain lowercase headers', () => {
    expect(retryAfterMs({ response: { status: 503, headers: { 'retry-after': '12' } } }, NOW)).toBe(12_000);
  });

  it('reads Retry-After from an axios error with AxiosHeaders', () => {
    expect(retryAfterMs({ response: { headers: axiosHeaders({ 'Retry-After': IN_90_S }) } }, NOW)).toBe(90_000);
  });

  it('reads Retry-After from a fetch Response held in error.response (ky)', () => {
    const error = Object.assign(new Error('HTTPError'), { response: new Response(null, { status: 503, headers: { 'Retry-After': '1' } }) });
    expect(retryAfterMs(error, NOW)).toBe(1_000);
  });

  it('finds the header in a plain object whatever its letter case', () => {
    expect(retryAfterMs({ headers: { 'RETRY-AFTER': '2' } }, NOW)).toBe(2_000);
  });

  it('takes the first value of a repeated header', () => {
    expect(retryAfterMs({ headers: { 'retry-after': ['4', '9'] } }, NOW)).toBe(4_000);
  });

  it('reads a numeric header value as seconds', () => {
    expect(retryAfterMs({ headers: { 'retry-after': 1.5 } }, NOW)).toBe(1_500);
  });

  it('gives 0 for an HTTP date in the past', () => {
    expect(retryAfterMs({ headers: { 'retry-after': new Date(NOW - 5_000).toUTCString() } }, NOW)).toBe(0);
  });

  it('prefers retryAfterMs to a Retry-After header', () => {
    expect(retryAfterMs({ retryAfterMs: 10, headers: { 'retry-after': '99' } }, NOW)).toBe(10);
  });

  it('prefers error.headers to error.response.headers', () => {
    expect(retryAfterMs({ headers: { 'retry-after': '1' }, response: { headers: { 'retry-after': '2' } } }, NOW)).toBe(1_000);
  });

  it.each([
    ['an unparseable header', { headers: { 'retry-after': 'soon' } }],
    ['a negative number of seconds', { headers: { 'retry-after': -3 } }],
    ['an absurdly long number of seconds', { headers: { 'retry-after': '9'.repeat(400) } }],
    ['a header of another type', { headers: { 'retry-after': true } }],
    ['a Headers without Retry-After', { headers: new Headers({ 'content-type': 'text/plain' }) }],
    ['plain headers without Retry-After', { headers: { 'content-type': 'text/plain' } }],
    ['no headers at all', new Error('boom')],
    ['a null response', { response: null }],
    ['a string', 'boom'],
    ['null', null],
    ['undefined', undefined],
  ])('gives no hint for %s', (_case, error) => {
    expect(retryAfterMs(error, NOW)).toBeNull();
  });
});
