import { CircuitBreakerRegistry } from './CircuitBreakerRegistry.js';

const KEY = Symbol.for('rxjs-circuit-breaker');

interface GlobalState {
  defaultRegistry?: CircuitBreakerRegistry;
}

const holder = globalThis as unknown as Record<symbol, GlobalState | undefined>;
const state: GlobalState = (holder[KEY] ??= {});

/**
 * The process-wide registry used by `circuitBreaker('name')` when no `registry` is given.
 * It lives under `globalThis[Symbol.for('rxjs-circuit-breaker')]`, so two loaded copies of
 * the package (ESM and CJS) share it.
 *
 * @example
 * ```ts
 * source$.pipe(circuitBreaker('api'));
 * defaultRegistry.get('api').state$.subscribe(console.log); // closed
 * ```
 */
export const defaultRegistry: CircuitBreakerRegistry = (state.defaultRegistry ??= new CircuitBreakerRegistry());
