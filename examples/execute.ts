/**
 * The Promise API: `breaker.execute(fn, { signal })` and `breaker.wrap(fn)`.
 * Run: npx tsx examples/execute.ts
 *
 * `fn` gets an AbortSignal that aborts when the call times out (`callTimeout`) or when the
 * caller's signal aborts; pass it on to fetch, a database driver or a child process.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CircuitBreaker, isCallTimeoutError, isCircuitOpenError } from '../index.js';

const breaker = new CircuitBreaker('quotes', { failureThreshold: 2, recoveryTimeout: 5_000, callTimeout: 300 });

/** A slow dependency that stops working as soon as its signal aborts. */
async function fetchQuote(signal: AbortSignal, latencyMs: number): Promise<number> {
  await sleep(latencyMs, undefined, { signal });
  return 42.5;
}

const describe = (error: unknown) =>
  isCallTimeoutError(error) ? `timed out after ${error.timeoutMs} ms`
  : isCircuitOpenError(error) ? `rejected: circuit ${error.state}, retry in ${error.retryAfterMs} ms`
  : `aborted (${(error as Error).message})`;

// 1. A call that answers in time.
console.log('1. fast call     →', await breaker.execute((signal) => fetchQuote(signal, 50)));

// 2. The caller gives up after 100 ms: the promise rejects at once, the call counts as cancelled.
const leave = new AbortController();
setTimeout(() => leave.abort(new Error('user navigated away')), 100);
await breaker
  .execute((signal) => fetchQuote(signal, 1_000), { signal: leave.signal })
  .catch((error: unknown) => console.log('2. caller aborts →', describe(error)));

// 3. wrap keeps the function's parameters and return type: (symbol: string) => Promise<number>.
//    A wrapped function gets no signal; callTimeout still rejects a call that is too slow.
const getQuote = breaker.wrap(async (symbol: string): Promise<number> => {
  await sleep(symbol === 'SLOW' ? 1_000 : 20);
  return 42.5;
});
console.log('3. wrapped call  →', await getQuote('ACME'));
await getQuote('SLOW').catch((error: unknown) => console.log('4. wrapped slow  →', describe(error)));

// 5. Too slow for callTimeout (300 ms): fn's signal aborts, and the call is a failure.
let innerSignal: AbortSignal | undefined;
await breaker
  .execute((signal) => {
    innerSignal = signal;
    return fetchQuote(signal, 1_000);
  })
  .catch((error: unknown) => console.log('5. slow call     →', describe(error), `(fn's signal aborted: ${innerSignal?.aborted})`));

// Two failures in a row opened the circuit: calls are rejected without running fn.
const fn = () => 'never runs';
await breaker.execute(fn).catch((error: unknown) => console.log('6. circuit open  →', describe(error)));

const { successfulCalls, failedCalls, timeouts, cancelledCalls, rejectedCalls } = breaker.stats();
console.log(`state ${breaker.state}:`, { successfulCalls, failedCalls, timeouts, cancelledCalls, rejectedCalls });
