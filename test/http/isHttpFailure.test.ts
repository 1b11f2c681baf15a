// Angular's packages are partially compiled: the JIT compiler must load before them.
import '@angular/compiler';
import { HttpErrorResponse } from '@angular/common/http';
import { BadRequestException, HttpException, HttpStatus, InternalServerErrorException } from '@nestjs/common';
import { TimeoutError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { CallTimeoutError } from '../../src/errors/CallTimeoutError.js';
import { isHttpFailure } from '../../src/http/isHttpFailure.js';
import { axiosCodeError, axiosResponseError, realConnectionRefused, realFetchFailure } from './fixtures.js';

describe('isHttpFailure', () => {
  it('counts every 5xx', () => {
    for (const status of [500, 501, 502, 503, 504, 599]) {
      expect(isHttpFailure(new HttpErrorResponse({ status }))).toBe(true);
    }
  });

  it('counts status 0 (no response)', () => {
    expect(isHttpFailure(new HttpErrorResponse({ status: 0 }))).toBe(true);
  });

  it('does not count 4xx, 429 included', () => {
    for (const status of [400, 401, 403, 404, 408, 409, 422, 429, 499]) {
      expect(isHttpFailure(new HttpErrorResponse({ status }))).toBe(false);
    }
  });

  it('classifies NestJS HttpExceptions by status', () => {
    expect(isHttpFailure(new InternalServerErrorException())).toBe(true);
    expect(isHttpFailure(new BadRequestException())).toBe(false);
    expect(isHttpFailure(new HttpException('later', HttpStatus.TOO_MANY_REQUESTS))).toBe(false);
  });

  it('classifies fetch Responses and axios errors by status', () => {
    expect(isHttpFailure(new Response(null, { status: 503 }))).toBe(true);
    expect(isHttpFailure(new Response(null, { status: 404 }))).toBe(false);
    expect(isHttpFailure(axiosResponseError(502))).toBe(true);
    expect(isHttpFailure(axiosResponseError(401))).toBe(false);
  });

  it('counts an error carrying a 2xx status (a body that failed to parse)', () => {
    expect(isHttpFailure(new HttpErrorResponse({ status: 200, error: new SyntaxError('Unexpected token <') }))).toBe(true);
  });

  it('counts timeouts', () => {
    expect(isHttpFailure(new CallTimeoutError('api', 1_000))).toBe(true);
    expect(isHttpFailure(new TimeoutError())).toBe(true);
    expect(isHttpFailure(axiosCodeError('ECONNABORTED', 'timeout of 1000ms exceeded'))).toBe(true);
  });

  it('counts real network errors', async () => {
    expect(isHttpFailure(await realConnectionRefused())).toBe(true);
    expect(isHttpFailure(await realFetchFailure())).toBe(true);
  });

  it('counts errors without any HTTP signal', () => {
    expect(isHttpFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(true);
    expect(isHttpFailure('a string')).toBe(true);
  });
});
