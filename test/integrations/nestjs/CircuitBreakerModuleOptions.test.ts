import { describe, expect, it } from 'vitest';
import { CircuitBreakerModule, CircuitBreakerRegistry, isInvalidConfigError } from './lib.js';

function errorOf(run: () => unknown): Error & { option?: string } {
  try {
    run();
  } catch (error) {
    expect(isInvalidConfigError(error)).toBe(true);
    return error as Error & { option?: string };
  }
  throw new Error('expected an InvalidConfigError');
}

describe('CircuitBreakerModule.forRoot options', () => {
  it('rejects an unknown option by name', () => {
    expect(errorOf(() => CircuitBreakerModule.forRoot({ default: {} } as never)).message).toBe('default must be a known option (no such option), got an object');
  });

  it('rejects a bad breaker default, naming it by path', () => {
    expect(errorOf(() => CircuitBreakerModule.forRoot({ defaults: { failureThreshold: 0 } })).option).toBe('defaults.failureThreshold');
  });

  it('rejects defaults given with a registry', () => {
    const registry = new CircuitBreakerRegistry();
    expect(errorOf(() => CircuitBreakerModule.forRoot({ registry, defaults: {} })).message).toMatch(/^defaults must be left out when registry is given/);
    registry.dispose();
  });

  it('rejects a registry that is not one', () => {
    expect(errorOf(() => CircuitBreakerModule.forRoot({ registry: {} as never })).option).toBe('registry');
  });

  it('rejects a non-boolean isGlobal', () => {
    expect(errorOf(() => CircuitBreakerModule.forRoot({ isGlobal: 'yes' as never })).option).toBe('isGlobal');
  });

  it('rejects an admin path that does not start with a slash', () => {
    expect(errorOf(() => CircuitBreakerModule.forRoot({ admin: { enabled: true, path: 'ops', guard: { canActivate: () => true } } })).option).toBe('admin.path');
  });

  it('rejects an admin guard without canActivate', () => {
    expect(errorOf(() => CircuitBreakerModule.forRoot({ admin: { enabled: true, guard: {} as never } })).option).toBe('admin.guard');
  });

  it('accepts a disabled admin API without a guard', () => {
    expect(CircuitBreakerModule.forRoot({ admin: { enabled: false } }).controllers).toEqual([]);
  });

  it('makes the module global only when asked', () => {
    expect(CircuitBreakerModule.forRoot({ isGlobal: true }).global).toBe(true);
    expect(CircuitBreakerModule.forRoot({}).global).toBe(false);
  });
});
