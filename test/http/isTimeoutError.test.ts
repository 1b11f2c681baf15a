import { delay, of, timeout, TimeoutError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { CallTimeoutError } from '../../src/errors/CallTimeoutError.js';
import { isTimeoutError } from '../../src/http/isTimeoutError.js';
import { axiosCodeError, systemError } from './fixtures.js';

describe('isTimeoutError', () => {
  it("recognises the breaker's CallTimeoutError", () => {
    expect(isTimeoutError(new CallTimeoutError('api', 500))).toBe(true);
  });

  it("recognises the error of RxJS's timeout()", async () => {
    const scheduler = new TestScheduler(() => undefined);
    const error = await new Promise((resolve) => {
      of(1).pipe(delay(50, scheduler), timeout({ first: 10, scheduler })).subscribe({ error: resolve });
      scheduler.flush();
    });
    expect(error).toBeInstanceOf(TimeoutError);
    expect(isTimeoutError(error)).toBe(true);
  });

  it('recognises the DOMException of AbortSignal.timeout()', async () => {
    const signal = AbortSignal.timeout(0);
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
    expect(isTimeoutError(signal.reason)).toBe(true);
  });

  it('recognises an AbortError', () => {
    const controller = new AbortController();
    controller.abort();
    expect(isTimeoutError(controller.signal.reason)).toBe(true);
  });

  it('recognises timeout codes of axios, Node and undici', () => {
    expect(isTimeoutError(axiosCodeError('ECONNABORTED', 'timeout of 1000ms exceeded'))).toBe(true);
    expect(isTimeoutError(axiosCodeError('ETIMEDOUT'))).toBe(true);
    expect(isTimeoutError(systemError('ETIMEDOUT'))).toBe(true);
    expect(isTimeoutError(new TypeError('fetch failed', { cause: systemError('UND_ERR_HEADERS_TIMEOUT') }))).toBe(true);
  });

  it('rejects other errors', () => {
    expect(isTimeoutError(new Error('boom'))).toBe(false);
    expect(isTimeoutError(systemError('ECONNREFUSED'))).toBe(false);
    expect(isTimeoutError(undefined)).toBe(false);
    expect(isTimeoutError({ name: 42, code: 7 })).toBe(false);
  });

  it('ends on a cyclic cause chain', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    Object.assign(a, { cause: b });
    expect(isTimeoutError(a)).toBe(false);
  });
});
