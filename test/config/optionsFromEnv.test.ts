import { afterEach, describe, expect, it, vi } from 'vitest';
import { CircuitBreaker, isInvalidConfigError, optionsFromEnv } from '../../index.js';
import { thrown } from '../breaker/helpers.js';

describe('optionsFromEnv', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('gives no options for an environment without its variables', () => {
    expect(optionsFromEnv({ PATH: '/usr/bin', CIRCUIT_BREAKERS: '3' })).toEqual({});
  });

  it('reads each variable, durations in seconds as milliseconds', () => {
    const env = {
      CIRCUIT_BREAKER_FAILURE_THRESHOLD: '3',
      CIRCUIT_BREAKER_RECOVERY_TIMEOUT: '30',
      CIRCUIT_BREAKER_HALF_OPEN_MAX_CALLS: '4',
      CIRCUIT_BREAKER_SUCCESS_THRESHOLD: '2',
      CIRCUIT_BREAKER_HALF_OPEN_MAX_WAIT: '2.5',
      CIRCUIT_BREAKER_CALL_TIMEOUT: '0.25',
      CIRCUIT_BREAKER_SUCCESS_ON: 'complete',
      CIRCUIT_BREAKER_ENABLED: 'true',
    };
    expect(optionsFromEnv(env)).toEqual({
      failureThreshold: 3,
      recoveryTimeout: 30_000,
      halfOpenMaxCalls: 4,
      successThreshold: 2,
      halfOpenMaxWait: 2_500,
      callTimeout: 250,
      successOn: 'complete',
      enabled: true,
    });
  });

  it('gives options a breaker accepts', () => {
    const options = optionsFromEnv({ CIRCUIT_BREAKER_FAILURE_THRESHOLD: '3', CIRCUIT_BREAKER_RECOVERY_TIMEOUT: '0' });
    expect(new CircuitBreaker('api', options).options).toMatchObject({ failureThreshold: 3, recoveryTimeout: 0 });
  });

  it('trims values', () => {
    expect(optionsFromEnv({ CIRCUIT_BREAKER_FAILURE_THRESHOLD: ' 7 ', CIRCUIT_BREAKER_ENABLED: ' OFF ' })).toEqual({ failureThreshold: 7, enabled: false });
  });

  it('ignores empty values', () => {
    expect(optionsFromEnv({ CIRCUIT_BREAKER_FAILURE_THRESHOLD: '', CIRCUIT_BREAKER_RECOVERY_TIMEOUT: '   ', CIRCUIT_BREAKER_ENABLED: undefined })).toEqual({});
  });

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['on', true],
    ['FALSE', false],
    ['0', false],
    ['no', false],
    ['off', false],
  ])('reads ENABLED=%s as %s', (raw, enabled) => {
    expect(optionsFromEnv({ CIRCUIT_BREAKER_ENABLED: raw })).toEqual({ enabled });
  });

  it('makes a breaker start disabled with ENABLED=false', () => {
    const breaker = new CircuitBreaker('api', optionsFromEnv({ CIRCUIT_BREAKER_ENABLED: 'false' }));
    expect(breaker.state).toBe('disabled');
  });

  it('lets the per-breaker variables win over the global ones, and keeps the other global ones', () => {
    const env = {
      CIRCUIT_BREAKER_FAILURE_THRESHOLD: '5',
      CIRCUIT_BREAKER_RECOVERY_TIMEOUT: '60',
      CIRCUIT_BREAKER_PAYMENTS_FAILURE_THRESHOLD: '2',
    };
    expect(optionsFromEnv(env, { name: 'payments' })).toEqual({ failureThreshold: 2, recoveryTimeout: 60_000 });
    expect(optionsFromEnv(env, { name: 'search' })).toEqual({ failureThreshold: 5, recoveryTimeout: 60_000 });
    expect(optionsFromEnv(env)).toEqual({ failureThreshold: 5, recoveryTimeout: 60_000 });
  });

  it.each([
    ['payments-api', 'PAYMENTS_API'],
    ['payments.api v2', 'PAYMENTS_API_V2'],
    ['-orders-', 'ORDERS'],
    ['api.example.com:443', 'API_EXAMPLE_COM_443'],
  ])('reads the variables of a breaker named %s under %s', (name, normalised) => {
    expect(optionsFromEnv({ [`CIRCUIT_BREAKER_${normalised}_CALL_TIMEOUT`]: '1' }, { name })).toEqual({ callTimeout: 1_000 });
  });

  it('reads the variables under another prefix, and only those', () => {
    const env = { CB_FAILURE_THRESHOLD: '4', CB_PAYMENTS_RECOVERY_TIMEOUT: '10', CIRCUIT_BREAKER_FAILURE_THRESHOLD: '9' };
    expect(optionsFromEnv(env, { prefix: 'CB', name: 'payments' })).toEqual({ failureThreshold: 4, recoveryTimeout: 10_000 });
  });

  it('reads process.env by default', () => {
    vi.stubEnv('CIRCUIT_BREAKER_FAILURE_THRESHOLD', '8');
    expect(optionsFromEnv()).toMatchObject({ failureThreshold: 8 });
  });

  const badValues: [string, string][] = [
    ['CIRCUIT_BREAKER_FAILURE_THRESHOLD', 'five'],
    ['CIRCUIT_BREAKER_FAILURE_THRESHOLD', '0'],
    ['CIRCUIT_BREAKER_FAILURE_THRESHOLD', '-3'],
    ['CIRCUIT_BREAKER_FAILURE_THRESHOLD', '2.5'],
    ['CIRCUIT_BREAKER_RECOVERY_TIMEOUT', '30s'],
    ['CIRCUIT_BREAKER_RECOVERY_TIMEOUT', '-1'],
    ['CIRCUIT_BREAKER_RECOVERY_TIMEOUT', 'Infinity'],
    ['CIRCUIT_BREAKER_HALF_OPEN_MAX_CALLS', '0'],
    ['CIRCUIT_BREAKER_SUCCESS_THRESHOLD', 'two'],
    ['CIRCUIT_BREAKER_HALF_OPEN_MAX_WAIT', '0'],
    ['CIRCUIT_BREAKER_CALL_TIMEOUT', '0'],
    ['CIRCUIT_BREAKER_CALL_TIMEOUT', 'NaN'],
    ['CIRCUIT_BREAKER_SUCCESS_ON', 'first'],
    ['CIRCUIT_BREAKER_ENABLED', 'maybe'],
  ];

  it.each(badValues)('throws InvalidConfigError naming %s for the value %j', (variable, raw) => {
    const error = thrown(() => optionsFromEnv({ [variable]: raw }));
    expect(isInvalidConfigError(error)).toBe(true);
    expect(error).toMatchObject({ option: variable, value: raw });
    expect((error as Error).message).toContain(variable);
    expect((error as Error).message).toContain(JSON.stringify(raw));
  });

  it('names the per-breaker variable when that one is bad', () => {
    const error = thrown(() => optionsFromEnv({ CIRCUIT_BREAKER_PAYMENTS_API_RECOVERY_TIMEOUT: 'soon' }, { name: 'payments-api' }));
    expect(error).toMatchObject({ option: 'CIRCUIT_BREAKER_PAYMENTS_API_RECOVERY_TIMEOUT', value: 'soon' });
  });

  it('does not read the per-breaker variables of another breaker, bad ones included', () => {
    expect(optionsFromEnv({ CIRCUIT_BREAKER_SEARCH_FAILURE_THRESHOLD: 'x' }, { name: 'payments' })).toEqual({});
  });

  it('throws InvalidConfigError for an unusable env, prefix or name', () => {
    expect(thrown(() => optionsFromEnv(null as never))).toMatchObject({ option: 'env' });
    expect(thrown(() => optionsFromEnv({}, { prefix: '' }))).toMatchObject({ option: 'prefix' });
    expect(thrown(() => optionsFromEnv({}, { name: '--' }))).toMatchObject({ option: 'name', value: '--' });
  });
});
