// The library under test for the NestJS 12 run: the packed package, as an application gets it
// (ESM entry, resolved through package.json "exports").
export * from 'rxjs-circuit-breaker/nestjs';
export { CircuitBreakerRegistry, WithCircuitBreaker, defaultRegistry, isInvalidConfigError } from 'rxjs-circuit-breaker';
export type { CircuitStats } from 'rxjs-circuit-breaker';

/** Which build of the library the suite runs against (environment.test.ts). */
export const LIBRARY_BUILD: 'source' | 'package' = 'package';
