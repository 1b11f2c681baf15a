import { describe, expect, it } from 'vitest';
import { CallTimeoutError, isCallTimeoutError } from '../../src/errors/CallTimeoutError.js';
import { CircuitOpenError } from '../../src/errors/CircuitOpenError.js';

const BRAND = Symbol.for('rxjs-circuit-breaker.error');

describe('CallTimeoutError', () => {
  it('has the literal name CallTimeoutError and carries the breaker and the timeout', () => {
    const error = new CallTimeoutError('api', 1_500);
    expect(error).toMatchObject({ name: 'CallTimeoutError', breakerName: 'api', timeoutMs: 1_500 });
    expect(error.message).toBe("Call through circuit breaker 'api' timed out after 1500 ms");
  });
});

describe('isCallTimeoutError', () => {
  it('is true for an instance and for a copy from another loaded package', () => {
    expect(isCallTimeoutError(new CallTimeoutError('api', 1))).toBe(true);
    expect(isCallTimeoutError({ [BRAND]: true, name: 'CallTimeoutError' })).toBe(true);
  });

  it.each([
    ['an unbranded look-alike', { name: 'CallTimeoutError' }],
    ['an Error with the same name', Object.assign(new Error('x'), { name: 'CallTimeoutError' })],
    ['another error of the library', new CircuitOpenError('api', 'open', 1)],
    ['undefined', undefined],
  ])('is false for %s', (_label, value) => {
    expect(isCallTimeoutError(value)).toBe(false);
  });
});
