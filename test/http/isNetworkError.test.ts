import { describe, expect, it } from 'vitest';
import { isNetworkError } from '../../src/http/isNetworkError.js';
import { axiosCodeError, realConnectionRefused, realFetchFailure, systemError } from './fixtures.js';

describe('isNetworkError', () => {
  it("recognises a real refused connection (Node's net)", async () => {
    const error = await realConnectionRefused();
    expect(error.code).toBe('ECONNREFUSED');
    expect(isNetworkError(error)).toBe(true);
  });

  it("recognises a real failed fetch (Node's undici)", async () => {
    const error = await realFetchFailure();
    expect(error).toBeInstanceOf(TypeError);
    expect(isNetworkError(error)).toBe(true);
  });

  it('recognises the Node system error codes', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']) {
      expect(isNetworkError(systemError(code))).toBe(true);
    }
  });

  it("recognises axios's browser network error", () => {
    expect(isNetworkError(axiosCodeError('ERR_NETWORK', 'Network Error'))).toBe(true);
  });

  it("recognises the browsers' fetch TypeErrors", () => {
    for (const message of ['Failed to fetch', 'NetworkError when attempting to fetch resource.', 'Load failed']) {
      expect(isNetworkError(new TypeError(message))).toBe(true);
    }
  });

  it('looks into the cause chain and AggregateError', () => {
    expect(isNetworkError(new Error('wrapped', { cause: systemError('ECONNRESET') }))).toBe(true);
    expect(isNetworkError(new AggregateError([new Error('x'), systemError('ECONNREFUSED')]))).toBe(true);
  });

  it('rejects programming errors and HTTP errors', () => {
    expect(isNetworkError(new TypeError('x is not a function'))).toBe(false);
    expect(isNetworkError(new Error('fetch failed'))).toBe(false);
    expect(isNetworkError({ status: 503 })).toBe(false);
    expect(isNetworkError(null)).toBe(false);
  });

  it('returns false when reading the error throws', () => {
    const hostile = Object.defineProperty(new Error('x'), 'cause', {
      get() {
        throw new Error('no');
      },
    });
    expect(isNetworkError(hostile)).toBe(false);
  });
});
