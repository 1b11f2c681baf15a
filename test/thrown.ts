import { InvalidConfigError } from '../src/errors/InvalidConfigError.js';

/** The `InvalidConfigError` that `fn` throws; fails the test when it throws nothing or something else. */
export function thrown(fn: () => unknown): InvalidConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidConfigError) return error;
    throw error;
  }
  throw new Error('expected an InvalidConfigError');
}
