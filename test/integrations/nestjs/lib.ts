// The library under test, as the suite sees it. The NestJS 12 run (nest12/) swaps this file
// for one that imports the built package, so the same suite runs against dist/.
export * from '../../../src/integrations/nestjs/index.js';
export { CircuitBreakerRegistry, WithCircuitBreaker, defaultRegistry, isInvalidConfigError } from '../../../src/index.js';
export type { CircuitStats } from '../../../src/index.js';

/** Which build of the library the suite runs against (environment.test.ts). */
export const LIBRARY_BUILD: 'source' | 'package' = 'source';
