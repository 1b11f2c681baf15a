/**
 * The instrumentation scope of the meter and tracer: the package's name and version. A
 * constant rather than a runtime read of package.json, which neither the ESM nor the CJS
 * build could import safely; a test keeps it equal to package.json's version.
 *
 * @example
 * ```ts
 * console.log(INSTRUMENTATION_SCOPE); // { name: 'rxjs-circuit-breaker', version: '0.1.0' }
 * ```
 */
export const INSTRUMENTATION_SCOPE = Object.freeze({ name: 'rxjs-circuit-breaker', version: '0.1.0' });
