// The operator lives in src/retry so that CircuitBreaker.execute({ retry }) can use it too.
export { retryBackoff } from '../src/retry/retryBackoff.js';
export type { RetryBackoffConfig, RetryInfo, RetryReporter } from '../src/retry/retryBackoff.js';
