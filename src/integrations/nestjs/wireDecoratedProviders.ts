import type { DiscoveryService } from '@nestjs/core';
import type { CircuitBreakerRegistry } from '../../index.js';
import { DECORATED_METHOD, DECORATOR_REGISTRY } from '../../index.js';

/**
 * @internal Gives every singleton provider and controller with a `@WithCircuitBreaker` method
 * the module's registry (the decorator reads it from the instance on each call). An instance
 * that already carries a registry (set by the application, or by another CircuitBreakerModule
 * first) keeps it. Request-scoped and transient instances are created later and are not seen
 * here: they use the decorator's `registry` option or `defaultRegistry`.
 */
export function wireDecoratedProviders(discovery: DiscoveryService, registry: CircuitBreakerRegistry): void {
  for (const wrapper of [...discovery.getProviders(), ...discovery.getControllers()]) {
    const instance: unknown = wrapper.instance;
    if (typeof instance !== 'object' || instance === null || !wrapper.isDependencyTreeStatic()) continue;
    if (Object.hasOwn(instance, DECORATOR_REGISTRY) || !hasDecoratedMethod(instance)) continue;
    (instance as Record<symbol, unknown>)[DECORATOR_REGISTRY] = registry;
  }
}

function hasDecoratedMethod(instance: object): boolean {
  for (let proto = Object.getPrototypeOf(instance) as object | null; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const key of Reflect.ownKeys(proto)) {
      const value = Object.getOwnPropertyDescriptor(proto, key)?.value as unknown;
      if (typeof value === 'function' && DECORATED_METHOD in value) return true;
    }
  }
  return false;
}
