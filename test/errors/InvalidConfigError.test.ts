import { describe, expect, it } from 'vitest';
import { CircuitBreakerError } from '../../src/errors/CircuitBreakerError.js';
import { CircuitOpenError } from '../../src/errors/CircuitOpenError.js';
import { describeValue, InvalidConfigError, isInvalidConfigError } from '../../src/errors/InvalidConfigError.js';

const BRAND = Symbol.for('rxjs-circuit-breaker.error');

describe('InvalidConfigError', () => {
  it('has the literal name InvalidConfigError and names the option and the value', () => {
    const error = new InvalidConfigError('failureRate.threshold', 1.5, 'a ratio in (0, 1]');
    expect(error).toMatchObject({ name: 'InvalidConfigError', option: 'failureRate.threshold', value: 1.5 });
    expect(error.message).toBe('failureRate.threshold must be a ratio in (0, 1], got 1.5');
    expect(error).toBeInstanceOf(CircuitBreakerError);
  });

  it.each([
    ['text', '"text"'],
    [() => 1, 'a function'],
    [10n, '10n'],
    [[1, 2], 'an array'],
    [{ a: 1 }, 'an object'],
    [null, 'null'],
    [undefined, 'undefined'],
    [Number.NaN, 'NaN'],
    [-0.5, '-0.5'],
    [true, 'true'],
    [Symbol('s'), 'Symbol(s)'],
  ])('shows %s as %s in its message', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });
});

describe('isInvalidConfigError', () => {
  it('is true for an instance and for a copy from another loaded package', () => {
    expect(isInvalidConfigError(new InvalidConfigError('a', 1, 'b'))).toBe(true);
    expect(isInvalidConfigError({ [BRAND]: true, name: 'InvalidConfigError', option: 'a' })).toBe(true);
  });

  it.each([
    ['an unbranded look-alike', { name: 'InvalidConfigError', option: 'a' }],
    ['a RangeError', new RangeError('x')],
    ['another error of the library', new CircuitOpenError('api', 'open', 1)],
  ])('is false for %s', (_label, value) => {
    expect(isInvalidConfigError(value)).toBe(false);
  });
});
