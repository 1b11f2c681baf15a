// Angular's packages are partially compiled: the JIT compiler must load before them.
import '@angular/compiler';
import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { HttpException, HttpStatus, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { httpStatusOf } from '../../src/http/httpStatusOf.js';
import { axiosCodeError, axiosResponseError, systemError } from './fixtures.js';

describe('httpStatusOf', () => {
  it("reads an Angular HttpErrorResponse's status", () => {
    expect(httpStatusOf(new HttpErrorResponse({ status: 503, headers: new HttpHeaders() }))).toBe(503);
  });

  it('reads status 0 of an HttpErrorResponse that got no response', () => {
    expect(httpStatusOf(new HttpErrorResponse({ status: 0, error: new Error('net::ERR_CONNECTION_REFUSED') }))).toBe(0);
  });

  it('reads a fetch Response thrown as the error', () => {
    expect(httpStatusOf(new Response(null, { status: 502 }))).toBe(502);
  });

  it('reads a fetch Response carried as error.response (ky)', () => {
    const error = Object.assign(new Error('Request failed'), { name: 'HTTPError', response: new Response(null, { status: 429 }) });
    expect(httpStatusOf(error)).toBe(429);
  });

  it("reads axios's error.response.status", () => {
    expect(httpStatusOf(axiosResponseError(504))).toBe(504);
  });

  it('reads a NestJS HttpException', () => {
    expect(httpStatusOf(new ServiceUnavailableException())).toBe(503);
    expect(httpStatusOf(new NotFoundException())).toBe(404);
    expect(httpStatusOf(new HttpException('slow down', HttpStatus.TOO_MANY_REQUESTS))).toBe(429);
  });

  it('reads getStatus() when there is no status field', () => {
    expect(httpStatusOf({ getStatus: () => 418 })).toBe(418);
  });

  it('reads statusCode (http-errors, Fastify)', () => {
    expect(httpStatusOf(Object.assign(new Error('x'), { statusCode: 500 }))).toBe(500);
  });

  it('reads statusCode on error.response (got)', () => {
    expect(httpStatusOf({ response: { statusCode: 503 } })).toBe(503);
  });

  it('prefers the error own status over its response', () => {
    expect(httpStatusOf({ status: 404, response: { status: 500 } })).toBe(404);
  });

  it('returns null without any status', () => {
    expect(httpStatusOf(new Error('boom'))).toBeNull();
    expect(httpStatusOf(axiosCodeError('ECONNABORTED'))).toBeNull();
    expect(httpStatusOf(systemError('ECONNREFUSED'))).toBeNull();
  });

  it('returns null for values that are not objects', () => {
    expect(httpStatusOf(undefined)).toBeNull();
    expect(httpStatusOf(null)).toBeNull();
    expect(httpStatusOf(503)).toBeNull();
    expect(httpStatusOf('503')).toBeNull();
  });

  it('ignores numbers that are not HTTP statuses', () => {
    expect(httpStatusOf({ status: 1 })).toBeNull(); // a child process exit code
    expect(httpStatusOf({ status: 99 })).toBeNull();
    expect(httpStatusOf({ status: 1000 })).toBeNull();
    expect(httpStatusOf({ status: 503.5 })).toBeNull();
    expect(httpStatusOf({ status: Number.NaN })).toBeNull();
    expect(httpStatusOf({ status: '503' })).toBeNull();
  });

  it('returns null when reading the status throws', () => {
    const hostile = Object.defineProperty({}, 'status', {
      get() {
        throw new Error('no');
      },
    });
    expect(httpStatusOf(hostile)).toBeNull();
    expect(httpStatusOf({ getStatus: () => { throw new Error('no'); } })).toBeNull();
  });
});
