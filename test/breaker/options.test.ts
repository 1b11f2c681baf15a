import { asyncScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import { mergeOptions } from '../../src/breaker/options.js';
import { InvalidConfigError, isInvalidConfigError } from '../../src/errors/InvalidConfigError.js';
import { consecutiveFailures } from '../../src/strategies/consecutiveFailures.js';
import { thrown } from './helpers.js';

class NotAnError {}
const trip = consecutiveFailures(2);

const POSITIVE_INTEGER = 'a positive integer';
const NON_NEGATIVE = 'a finite number >= 0';
const POSITIVE = 'a finite number > 0';
const FILTER = 'an error class, a list of error classes, or a predicate';
const SCHEDULER = 'an RxJS SchedulerLike (with now() and schedule())';

/** [option, bad value, what the message says it must be, how the message shows the value] */
const BAD: [string, unknown, string, string][] = [
  ['failureThreshold', -1, POSITIVE_INTEGER, '-1'],
  ['failureThreshold', 0, POSITIVE_INTEGER, '0'],
  ['failureThreshold', 1.5, POSITIVE_INTEGER, '1.5'],
  ['failureThreshold', Number.NaN, POSITIVE_INTEGER, 'NaN'],
  ['failureThreshold', Number.POSITIVE_INFINITY, POSITIVE_INTEGER, 'Infinity'],
  ['failureThreshold', '5', POSITIVE_INTEGER, '"5"'],
  ['recoveryTimeout', -1, NON_NEGATIVE, '-1'],
  ['recoveryTimeout', Number.NaN, NON_NEGATIVE, 'NaN'],
  ['recoveryTimeout', Number.POSITIVE_INFINITY, NON_NEGATIVE, 'Infinity'],
  ['recoveryTimeout', '1000', NON_NEGATIVE, '"1000"'],
  ['recoveryTimeout', null, NON_NEGATIVE, 'null'],
  ['halfOpenMaxCalls', 0, POSITIVE_INTEGER, '0'],
  ['halfOpenMaxCalls', -2, POSITIVE_INTEGER, '-2'],
  ['halfOpenMaxCalls', 2.5, POSITIVE_INTEGER, '2.5'],
  ['halfOpenMaxCalls', Number.NaN, POSITIVE_INTEGER, 'NaN'],
  ['halfOpenMaxCalls', Number.POSITIVE_INFINITY, POSITIVE_INTEGER, 'Infinity'],
  ['halfOpenMaxCalls', '3', POSITIVE_INTEGER, '"3"'],
  ['successThreshold', 0, POSITIVE_INTEGER, '0'],
  ['successThreshold', 1.5, POSITIVE_INTEGER, '1.5'],
  ['successThreshold', Number.NaN, POSITIVE_INTEGER, 'NaN'],
  ['successThreshold', true, POSITIVE_INTEGER, 'true'],
  ['halfOpenMaxWait', 0, POSITIVE, '0'],
  ['halfOpenMaxWait', -1, POSITIVE, '-1'],
  ['halfOpenMaxWait', Number.NaN, POSITIVE, 'NaN'],
  ['halfOpenMaxWait', Number.POSITIVE_INFINITY, POSITIVE, 'Infinity'],
  ['halfOpenMaxWait', '10', POSITIVE, '"10"'],
  ['callTimeout', 0, POSITIVE, '0'],
  ['callTimeout', -5, POSITIVE, '-5'],
  ['callTimeout', Number.NaN, POSITIVE, 'NaN'],
  ['callTimeout', Number.POSITIVE_INFINITY, POSITIVE, 'Infinity'],
  ['callTimeout', 10n, POSITIVE, '10n'],
  ['successOn', 'first', "one of 'value', 'complete'", '"first"'],
  ['successOn', 1, "one of 'value', 'complete'", '1'],
  ['recordErrors', 42, FILTER, '42'],
  ['recordErrors', 'Error', FILTER, '"Error"'],
  ['recordErrors', {}, FILTER, 'an object'],
  ['recordErrors', NotAnError, FILTER, 'a function'],
  ['ignoreErrors', null, FILTER, 'null'],
  ['ignoreErrors', NotAnError, FILTER, 'a function'],
  ['scheduler', {}, SCHEDULER, 'an object'],
  ['scheduler', 'async', SCHEDULER, '"async"'],
  ['scheduler', { now: () => 0 }, SCHEDULER, 'an object'],
  ['scheduler', null, SCHEDULER, 'null'],
  ['captureRejectionStack', 'yes', 'a boolean', '"yes"'],
  ['enabled', 0, 'a boolean', '0'],
  ['trip', 5, 'a function', '5'],
];

function configError(fn: () => unknown): InvalidConfigError {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(InvalidConfigError);
  return error as InvalidConfigError;
}

describe('CircuitBreaker options', () => {
  it.each(BAD)('rejects %s = %s', (option, value, expected, shown) => {
    const error = configError(() => new CircuitBreaker('api', { [option]: value }));
    expect(error.option).toBe(option);
    expect(error.value).toBe(value);
    expect(error.message).toBe(`${option} must be ${expected}, got ${shown}`);
  });

  it('rejects a successThreshold above halfOpenMaxCalls', () => {
    const error = configError(() => new CircuitBreaker('api', { halfOpenMaxCalls: 2, successThreshold: 3 }));
    expect(error).toMatchObject({ option: 'successThreshold', value: 3 });
    expect(error.message).toBe('successThreshold must be at most halfOpenMaxCalls (2), got 3');
  });

  it('rejects a successThreshold above the default halfOpenMaxCalls of 3', () => {
    expect(configError(() => new CircuitBreaker('api', { successThreshold: 4 })).message).toBe(
      'successThreshold must be at most halfOpenMaxCalls (3), got 4',
    );
  });

  it('rejects trip together with failureThreshold', () => {
    const error = configError(() => new CircuitBreaker('api', { trip, failureThreshold: 3 }));
    expect(error).toMatchObject({ option: 'trip', value: trip });
    expect(error.message).toBe('trip must be given without failureThreshold (both were given; use one), got a function');
  });

  it('rejects an unknown option, naming it', () => {
    const error = configError(() => new CircuitBreaker('api', { failureTreshold: 3 } as object));
    expect(error).toMatchObject({ option: 'failureTreshold', value: 3 });
    expect(error.message).toBe('failureTreshold must be a known option (no such option), got 3');
  });

  it('names the position of a bad entry in a list of error classes', () => {
    const error = configError(() => new CircuitBreaker('api', { recordErrors: [TypeError, NotAnError as never] }));
    expect(error).toMatchObject({ option: 'recordErrors[1]', value: NotAnError });
    expect(error.message).toBe('recordErrors[1] must be an error class, got a function');
  });

  it.each([null, 5, 'fast'])('rejects options that are not an object (%s)', (options) => {
    const error = configError(() => new CircuitBreaker('api', options as never));
    expect(error).toMatchObject({ option: 'options', value: options });
  });

  it.each(['', 42, undefined])('rejects the name %s', (name) => {
    const error = configError(() => new CircuitBreaker(name as never));
    expect(error).toMatchObject({ option: 'name', value: name });
    expect(error.message).toMatch(/^name must be a non-empty string, got /);
  });

  it('is recognised by isInvalidConfigError', () => {
    expect(isInvalidConfigError(thrown(() => new CircuitBreaker('api', { callTimeout: -1 })))).toBe(true);
  });

  it('accepts every option at a valid value', () => {
    const breaker = new CircuitBreaker('api', {
      failureThreshold: 1,
      recoveryTimeout: 0,
      halfOpenMaxCalls: 1,
      successThreshold: 1,
      halfOpenMaxWait: 1,
      callTimeout: 1,
      successOn: 'complete',
      recordErrors: [Error],
      ignoreErrors: (e) => e instanceof TypeError,
      scheduler: asyncScheduler,
      captureRejectionStack: true,
      enabled: false,
    });
    expect(breaker.state).toBe('disabled');
  });

  it('keeps the options as given, frozen', () => {
    const options = { failureThreshold: 2 };
    const breaker = new CircuitBreaker('api', options);
    expect(breaker.options).toEqual(options);
    expect(breaker.options).not.toBe(options);
    expect(Object.isFrozen(breaker.options)).toBe(true);
  });
});

describe('mergeOptions', () => {
  it('lets a later layer win', () => {
    expect(mergeOptions({ failureThreshold: 2, callTimeout: 5 }, { callTimeout: 9 })).toEqual({ failureThreshold: 2, callTimeout: 9 });
  });

  it('replaces an earlier failureThreshold with a later trip', () => {
    expect(mergeOptions({ failureThreshold: 2 }, undefined, { trip })).toEqual({ trip });
  });

  it('replaces an earlier trip with a later failureThreshold', () => {
    expect(mergeOptions({ trip }, { failureThreshold: 4 })).toEqual({ failureThreshold: 4 });
  });

  it('skips undefined values', () => {
    expect(mergeOptions({ failureThreshold: 2 }, { failureThreshold: undefined } as never)).toEqual({ failureThreshold: 2 });
  });
});
