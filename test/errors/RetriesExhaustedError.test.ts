import { describe, expect, it } from 'vitest';
import { CallTimeoutError } from '../../src/errors/CallTimeoutError.js';
import { isRetriesExhaustedError, RetriesExhaustedError } from '../../src/errors/RetriesExhaustedError.js';

const BRAND = Symbol.for('rxjs-circuit-breaker.error');

describe('RetriesExhaustedError', () => {
  it('has the literal name RetriesExhaustedError and carries the last error and the attempts', () => {
    const cause = new Error('ECONNRESET');
    const error = new RetriesExhaustedError(cause, 3);
    expect(error).toMatchObject({ name: 'RetriesExhaustedError', cause, attempts: 3 });
    expect(error.message).toBe('Gave up after 3 attempt(s): ECONNRESET');
  });

  it('describes a cause that is not an Error', () => {
    expect(new RetriesExhaustedError(503, 2).message).toBe('Gave up after 2 attempt(s): 503');
  });
});

describe('isRetriesExhaustedError', () => {
  it('is true for an instance and for a copy from another loaded package', () => {
    expect(isRetriesExhaustedError(new RetriesExhaustedError('x', 1))).toBe(true);
    expect(isRetriesExhaustedError({ [BRAND]: true, name: 'RetriesExhaustedError' })).toBe(true);
  });

  it.each([
    ['an unbranded look-alike', { name: 'RetriesExhaustedError', attempts: 2 }],
    ['another error of the library', new CallTimeoutError('api', 1)],
    ['a number', 3],
  ])('is false for %s', (_label, value) => {
    expect(isRetriesExhaustedError(value)).toBe(false);
  });
});
