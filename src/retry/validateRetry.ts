import { InvalidConfigError, isInvalidConfigError } from '../errors/InvalidConfigError.js';
import type { RetryBackoffConfig } from './retryBackoff.js';
import { retryBackoff } from './retryBackoff.js';

/**
 * @internal Validates a `retry` option (a `retryBackoff` config) where it is given, naming a
 * bad field by its path there: `retry.maxRetries`, not `retryBackoff.maxRetries`.
 */
export function validateRetry(option: string, retry: unknown): void {
  try {
    retryBackoff(retry as number | RetryBackoffConfig);
  } catch (error) {
    if (!isInvalidConfigError(error)) throw error;
    const path = error.option === 'retryBackoff' ? option : error.option.replace(/^retryBackoff/, option);
    throw new InvalidConfigError(path, error.value, error.expected);
  }
}
