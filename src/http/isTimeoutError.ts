import { isCallTimeoutError } from '../errors/CallTimeoutError.js';
import { codeOf, nameOf, someInChain } from './errorChain.js';

const TIMEOUT_NAMES = new Set(['TimeoutError', 'AbortError']);
const TIMEOUT_CODES = new Set([
  'ECONNABORTED', // axios: its `timeout` expired
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT', // undici (Node's fetch)
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * True when `error` (or an error in its `cause` chain) says that a call ran out of time:
 *
 * - this library's `CallTimeoutError` (a breaker's `callTimeout`);
 * - anything named `TimeoutError`: RxJS's `timeout()` operator, the `DOMException` of
 *   `AbortSignal.timeout()`;
 * - anything named `AbortError`: a fetch aborted by a timer of its own (older code and
 *   libraries abort with it). A caller who cancels should unsubscribe (or abort
 *   `execute()`'s signal) instead: the breaker counts that as cancelled, not as an error;
 * - the codes `ECONNABORTED` (axios's `timeout`), `ETIMEDOUT`, `ESOCKETTIMEDOUT` and
 *   undici's `UND_ERR_CONNECT_TIMEOUT`, `UND_ERR_HEADERS_TIMEOUT`, `UND_ERR_BODY_TIMEOUT`.
 *
 * @example
 * ```ts
 * import { TimeoutError, of, delay, timeout } from 'rxjs';
 * import { isTimeoutError } from 'rxjs-circuit-breaker';
 *
 * of(1).pipe(delay(50), timeout(10)).subscribe({ error: (e) => console.log(isTimeoutError(e)) }); // true
 * isTimeoutError(Object.assign(new Error('timeout of 1000ms exceeded'), { code: 'ECONNABORTED' })); // true
 * isTimeoutError(new Error('boom')); // false
 * ```
 */
export function isTimeoutError(error: unknown): boolean {
  return someInChain(error, (e) => {
    if (isCallTimeoutError(e)) return true;
    const name = nameOf(e);
    if (name !== undefined && TIMEOUT_NAMES.has(name)) return true;
    const code = codeOf(e);
    return code !== undefined && TIMEOUT_CODES.has(code);
  });
}
