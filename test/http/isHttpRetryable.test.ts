// Angular's packages are partially compiled: the JIT compiler must load before them.
import '@angular/compiler';
import { HttpErrorResponse } from '@angular/common/http';
import { HttpException, HttpStatus, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { TimeoutError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { CallTimeoutError } from '../../src/errors/CallTimeoutError.js';
import { CircuitOpenError } from '../../src/errors/CircuitOpenError.js';
import { isHttpRetryable } from '../../src/http/isHttpRetryable.js';
import { axiosCodeError, axiosResponseError, realFetchFailure, systemError } from './fixtures.js';

describe('isHttpRetryable', () => {
  it('retries 5xx, status 0, 408 and 429', () => {
    for (const status of [0, 408, 429, 500, 502, 503, 504]) {
      expect(isHttpRetryable(new HttpErrorResponse({ status }))).toBe(true);
    }
  });

  it('does not retry other 4xx', () => {
    for (const status of [400, 401, 403, 404, 409, 422]) {
      expect(isHttpRetryable(new HttpErrorResponse({ status }))).toBe(false);
    }
  });

  it('does not retry an error carrying a 2xx status', () => {
    expect(isHttpRetryable(new HttpErrorResponse({ status: 200, error: new SyntaxError('Unexpected token <') }))).toBe(false);
  });

  it('classifies NestJS, fetch and axios errors by status', () => {
    expect(isHttpRetryable(new ServiceUnavailableException())).toBe(true);
    expect(isHttpRetryable(new HttpException('later', HttpStatus.TOO_MANY_REQUESTS))).toBe(true);
    expect(isHttpRetryable(new NotFoundException())).toBe(false);
    expect(isHttpRetryable(new Response(null, { status: 503 }))).toBe(true);
    expect(isHttpRetryable(axiosResponseError(429))).toBe(true);
    expect(isHttpRetryable(axiosResponseError(400))).toBe(false);
  });

  it('retries timeouts', () => {
    expect(isHttpRetryable(new CallTimeoutError('api', 1_000))).toBe(true);
    expect(isHttpRetryable(new TimeoutError())).toBe(true);
    expect(isHttpRetryable(axiosCodeError('ECONNABORTED'))).toBe(true);
  });

  it('retries network errors', async () => {
    expect(isHttpRetryable(systemError('ECONNRESET'))).toBe(true);
    expect(isHttpRetryable(await realFetchFailure())).toBe(true);
  });

  it('retries a CircuitOpenError (retryBackoff waits out the break)', () => {
    expect(isHttpRetryable(new CircuitOpenError('api', 'open', 5_000))).toBe(true);
  });

  it('does not retry errors without an HTTP or transport signal', () => {
    expect(isHttpRetryable(new TypeError('x is not a function'))).toBe(false);
    expect(isHttpRetryable(new Error('boom'))).toBe(false);
  });
});
