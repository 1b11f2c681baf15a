import { describe, expect, it } from 'vitest';
import { CallTimeoutError } from '../../src/errors/CallTimeoutError.js';
import { CircuitBreakerError, isCircuitBreakerError } from '../../src/errors/CircuitBreakerError.js';
import { CircuitOpenError } from '../../src/errors/CircuitOpenError.js';
import { InvalidConfigError } from '../../src/errors/InvalidConfigError.js';
import { RetriesExhaustedError } from '../../src/errors/RetriesExhaustedError.js';

const BRAND = Symbol.for('rxjs-circuit-breaker.error');

describe('CircuitBreakerError', () => {
  it('has the literal name CircuitBreakerError and is an Error', () => {
    const error = new CircuitBreakerError('broken');
    expect(error.name).toBe('CircuitBreakerError');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('broken');
  });

  it('is the base of every error of the library', () => {
    const errors = [
      new CircuitOpenError('api', 'open', 5),
      new CallTimeoutError('api', 5),
      new InvalidConfigError('x', 1, 'y'),
      new RetriesExhaustedError(new Error('e'), 2),
    ];
    expect(errors.every((e) => e instanceof CircuitBreakerError)).toBe(true);
    expect(errors.every(isCircuitBreakerError)).toBe(true);
  });
});

describe('isCircuitBreakerError', () => {
  it('is true for an error of another loaded copy, recognised by its brand', () => {
    const copy = Object.assign(new Error('elsewhere'), { [BRAND]: true, name: 'CircuitOpenError' });
    expect(isCircuitBreakerError(copy)).toBe(true);
  });

  it.each([
    ['a plain Error', new Error('x')],
    ['an Error named like ours', Object.assign(new Error('x'), { name: 'CircuitBreakerError' })],
    ['a brand that is not true', { [BRAND]: 'yes' }],
    ['null', null],
    ['undefined', undefined],
    ['a string', 'CircuitBreakerError'],
  ])('is false for %s', (_label, value) => {
    expect(isCircuitBreakerError(value)).toBe(false);
  });
});
