import { InvalidConfigError } from '../errors/InvalidConfigError.js';

/** An error class (extending `Error`). */
export type ErrorClass = abstract new (...args: never[]) => unknown;

/**
 * Which errors an option applies to: an error class (matched with `instanceof`), a list of
 * classes, or a predicate.
 *
 * @example
 * ```ts
 * new CircuitBreaker('db', { ignoreErrors: [UniqueViolation], recordErrors: (e) => !isAbort(e) });
 * ```
 */
export type ErrorFilter = ErrorClass | readonly ErrorClass[] | ((error: unknown) => boolean);

function isErrorClass(value: unknown): value is ErrorClass {
  return typeof value === 'function' && (value === Error || value.prototype instanceof Error);
}

function isClass(value: unknown): boolean {
  return typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));
}

/** @internal Compiles a filter into a predicate, validating it. */
export function compileErrorFilter(option: string, filter: unknown): (error: unknown) => boolean {
  if (Array.isArray(filter)) {
    filter.forEach((c, i) => {
      if (!isErrorClass(c)) throw new InvalidConfigError(`${option}[${i}]`, c, 'an error class');
    });
    const classes = filter as ErrorClass[];
    return (error) => classes.some((c) => error instanceof c);
  }
  if (isErrorClass(filter)) return (error) => error instanceof filter;
  // A class that is not an error class would throw when called as a predicate, in the middle of a call.
  if (typeof filter === 'function' && !isClass(filter)) return filter as (error: unknown) => boolean;
  throw new InvalidConfigError(option, filter, 'an error class, a list of error classes, or a predicate');
}
