import { describe, expect, it } from 'vitest';
import { CircuitBreakerRegistry, isInvalidConfigError } from '../../index.js';
import { thrown } from '../breaker/helpers.js';

describe('CircuitBreakerRegistry with env', () => {
  it('creates breakers with the global and per-breaker variables', () => {
    const registry = new CircuitBreakerRegistry({
      env: { CIRCUIT_BREAKER_FAILURE_THRESHOLD: '3', CIRCUIT_BREAKER_PAYMENTS_API_RECOVERY_TIMEOUT: '120' },
    });
    expect(registry.get('payments-api').options).toMatchObject({ failureThreshold: 3, recoveryTimeout: 120_000 });
    expect(registry.get('search').options).toMatchObject({ failureThreshold: 3 });
    expect(registry.get('search').options.recoveryTimeout).toBeUndefined();
  });

  it('lets the variables win over defaults, configs and the options given to get()', () => {
    const registry = new CircuitBreakerRegistry({
      defaults: { failureThreshold: 10, callTimeout: 1_000 },
      configs: { payments: { failureThreshold: 8 } },
      env: { CIRCUIT_BREAKER_FAILURE_THRESHOLD: '3' },
    });
    expect(registry.get('payments', { failureThreshold: 6 }).options).toMatchObject({ failureThreshold: 3, callTimeout: 1_000 });
  });

  it('creates breakers disabled with ENABLED=false', () => {
    const registry = new CircuitBreakerRegistry({ env: { CIRCUIT_BREAKER_ENABLED: 'false' } });
    expect(registry.get('payments').state).toBe('disabled');
  });

  it('reads the variables under envPrefix', () => {
    const registry = new CircuitBreakerRegistry({ env: { CB_FAILURE_THRESHOLD: '2', CIRCUIT_BREAKER_FAILURE_THRESHOLD: '9' }, envPrefix: 'CB' });
    expect(registry.get('api').options.failureThreshold).toBe(2);
  });

  it('fails at creation on a bad global variable, naming it', () => {
    const error = thrown(() => new CircuitBreakerRegistry({ env: { CIRCUIT_BREAKER_RECOVERY_TIMEOUT: 'a minute' } }));
    expect(isInvalidConfigError(error)).toBe(true);
    expect(error).toMatchObject({ option: 'CIRCUIT_BREAKER_RECOVERY_TIMEOUT', value: 'a minute' });
  });

  it('fails when the breaker is created on a bad per-breaker variable, naming it, and creates no breaker', () => {
    const registry = new CircuitBreakerRegistry({ env: { CIRCUIT_BREAKER_PAYMENTS_FAILURE_THRESHOLD: '0' } });
    expect(thrown(() => registry.get('payments'))).toMatchObject({ option: 'CIRCUIT_BREAKER_PAYMENTS_FAILURE_THRESHOLD', value: '0' });
    expect(registry.has('payments')).toBe(false);
    expect(registry.get('search').state).toBe('closed');
  });
});
