import { codeOf, nameOf, someInChain } from './errorChain.js';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET', // undici (Node's fetch): the socket closed under the request
  'ERR_NETWORK', // axios in a browser
]);

// What `fetch()` rejects with when no response arrived: Node (undici), Chromium, Firefox,
// Safari, and the whatwg-fetch / React Native polyfill.
const FETCH_MESSAGES = new Set([
  'fetch failed',
  'Failed to fetch',
  'NetworkError when attempting to fetch resource.',
  'Load failed',
  'Network request failed',
]);

/**
 * True when `error` (or an error in its `cause` chain or an `AggregateError`'s `errors`)
 * says the request got no answer because of the network: a Node system error code
 * (`ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`, `EAI_AGAIN`, `EPIPE`, `EHOSTUNREACH`,
 * `ENETUNREACH`, `ENETDOWN`), undici's `UND_ERR_SOCKET`, axios's `ERR_NETWORK`, or the
 * `TypeError` that `fetch()` rejects with (`fetch failed` in Node, `Failed to fetch` in
 * Chromium, and the Firefox and Safari wordings).
 *
 * Angular's `HttpClient` reports these as an `HttpErrorResponse` with status 0, which
 * {@link isHttpRetryable} and {@link isHttpFailure} read from the status instead.
 *
 * @example
 * ```ts
 * import { isNetworkError } from 'rxjs-circuit-breaker';
 *
 * await fetch('http://127.0.0.1:1/').catch((e) => console.log(isNetworkError(e))); // true
 * isNetworkError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })); // true
 * isNetworkError(new TypeError('x is not a function')); // false
 * ```
 */
export function isNetworkError(error: unknown): boolean {
  return someInChain(error, (e) => {
    const code = codeOf(e);
    if (code !== undefined && NETWORK_CODES.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    return nameOf(e) === 'TypeError' && typeof message === 'string' && FETCH_MESSAGES.has(message);
  });
}
