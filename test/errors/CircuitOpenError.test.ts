import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import { CallTimeoutError } from '../../src/errors/CallTimeoutError.js';
import { isCircuitBreakerError } from '../../src/errors/CircuitBreakerError.js';
import { CircuitOpenError, isCircuitOpenError } from '../../src/errors/CircuitOpenError.js';
import { failCalls, VirtualClock } from '../breaker/helpers.js';

const BRAND = Symbol.for('rxjs-circuit-breaker.error');
const hasStackFrames = (error: Error) => /\n\s+at /.test(error.stack ?? '');

describe('CircuitOpenError', () => {
  it('has the literal name CircuitOpenError and carries the breaker, state and retry hint', () => {
    const error = new CircuitOpenError('api', 'open', 250);
    expect(error).toMatchObject({ name: 'CircuitOpenError', breakerName: 'api', state: 'open', retryAfterMs: 250 });
    expect(error.message).toBe("Circuit breaker 'api' is open; the call was rejected (retry after 250 ms)");
  });

  it('says nothing about retrying when the hint is unknown', () => {
    const error = new CircuitOpenError('api', 'forced_open', null);
    expect(error.message).toBe("Circuit breaker 'api' is forced_open; the call was rejected");
  });

  it('has a stack when constructed', () => {
    expect(hasStackFrames(new CircuitOpenError('api', 'open', 1))).toBe(true);
  });
});

describe('CircuitOpenError.withoutStack', () => {
  it('makes a CircuitOpenError without a stack trace', () => {
    const error = CircuitOpenError.withoutStack('api', 'open', 250);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error).toBeInstanceOf(Error);
    expect(hasStackFrames(error)).toBe(false);
  });

  it('carries the same name, fields and message as a constructed one', () => {
    const error = CircuitOpenError.withoutStack('api', 'half_open', null);
    expect(error).toMatchObject({ name: 'CircuitOpenError', breakerName: 'api', state: 'half_open', retryAfterMs: null });
    expect(error.message).toBe(new CircuitOpenError('api', 'half_open', null).message);
    expect(String(error)).toBe("CircuitOpenError: Circuit breaker 'api' is half_open; the call was rejected");
  });

  it('is recognised by the guards', () => {
    const error = CircuitOpenError.withoutStack('api', 'open', 1);
    expect(isCircuitOpenError(error)).toBe(true);
    expect(isCircuitBreakerError(error)).toBe(true);
  });
});

describe('rejections of a breaker', () => {
  function rejection(captureRejectionStack?: boolean): CircuitOpenError {
    const breaker = new CircuitBreaker('api', {
      failureThreshold: 1,
      scheduler: new VirtualClock(),
      ...(captureRejectionStack === undefined ? {} : { captureRejectionStack }),
    });
    failCalls(breaker);
    const error = breaker.acquire();
    if (!(error instanceof CircuitOpenError)) throw new Error('expected a rejection');
    return error;
  }

  it('have no stack by default', () => {
    expect(hasStackFrames(rejection())).toBe(false);
  });

  it('have a stack with captureRejectionStack: true', () => {
    expect(hasStackFrames(rejection(true))).toBe(true);
  });
});

describe('isCircuitOpenError', () => {
  it('is true for an instance', () => {
    expect(isCircuitOpenError(new CircuitOpenError('api', 'open', 1))).toBe(true);
  });

  it('is true for a copy from another loaded package, by brand and name', () => {
    expect(isCircuitOpenError({ [BRAND]: true, name: 'CircuitOpenError', breakerName: 'api' })).toBe(true);
  });

  it.each([
    ['an unbranded look-alike', { name: 'CircuitOpenError', breakerName: 'api' }],
    ['an Error with the same name', Object.assign(new Error('x'), { name: 'CircuitOpenError' })],
    ['another error of the library', new CallTimeoutError('api', 1)],
    ['a branded error of another name', { [BRAND]: true, name: 'CallTimeoutError' }],
    ['null', null],
    ['a string', 'CircuitOpenError'],
  ])('is false for %s', (_label, value) => {
    expect(isCircuitOpenError(value)).toBe(false);
  });
});
