import { of } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { circuitBreaker } from '../../operators/circuitBreaker.js';
import { CircuitBreakerRegistry } from '../../src/registry/CircuitBreakerRegistry.js';
import { defaultRegistry } from '../../src/registry/defaultRegistry.js';

const KEY = Symbol.for('rxjs-circuit-breaker');

describe('defaultRegistry', () => {
  it('is a CircuitBreakerRegistry', () => {
    expect(defaultRegistry).toBeInstanceOf(CircuitBreakerRegistry);
  });

  it("lives at globalThis[Symbol.for('rxjs-circuit-breaker')]", () => {
    const holder = (globalThis as unknown as Record<symbol, { defaultRegistry?: unknown } | undefined>)[KEY];
    expect(holder?.defaultRegistry).toBe(defaultRegistry);
  });

  it('is shared with a second loaded copy of the module', async () => {
    vi.resetModules();
    const copy = await import('../../src/registry/defaultRegistry.js');
    expect(copy.defaultRegistry).toBe(defaultRegistry);
  });

  it('holds the breakers of circuitBreaker(name) without a registry', () => {
    const name = 'defaultRegistry.test';
    try {
      of('x').pipe(circuitBreaker(name)).subscribe();
      expect(defaultRegistry.has(name)).toBe(true);
    } finally {
      defaultRegistry.remove(name);
    }
  });
});
