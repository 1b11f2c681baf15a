import type { SchedulerLike } from 'rxjs';
import { InvalidConfigError } from '../errors/InvalidConfigError.js';

/** @internal Throws unless `value` is a finite number >= `min` (or > `min` when exclusive). */
export function requireNumber(option: string, value: unknown, min: number, exclusive = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (exclusive ? value <= min : value < min)) {
    throw new InvalidConfigError(option, value, `a finite number ${exclusive ? '>' : '>='} ${min}`);
  }
  return value;
}

/** @internal Throws unless `value` is an integer >= `min`. */
export function requireInteger(option: string, value: unknown, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidConfigError(option, value, min === 1 ? 'a positive integer' : `an integer >= ${min}`);
  }
  return value;
}

/** @internal Throws unless `value` is a ratio in (0, 1]. */
export function requireRatio(option: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) {
    throw new InvalidConfigError(option, value, 'a ratio in (0, 1] (0.5 means 50%)');
  }
  return value;
}

/** @internal Throws unless `value` is a function. */
export function requireFunction<F>(option: string, value: unknown): F {
  if (typeof value !== 'function') throw new InvalidConfigError(option, value, 'a function');
  return value as F;
}

/** @internal Throws unless `value` is a boolean. */
export function requireBoolean(option: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidConfigError(option, value, 'a boolean');
  return value;
}

/** @internal Throws unless `value` is one of `allowed`. */
export function requireOneOf<T extends string>(option: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidConfigError(option, value, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  }
  return value as T;
}

/** @internal Throws unless `value` is an RxJS scheduler: an object with `now()` and `schedule()`. */
export function requireScheduler(option: string, value: unknown): SchedulerLike {
  const s = value as Partial<SchedulerLike> | null;
  if (typeof s !== 'object' || s === null || typeof s.now !== 'function' || typeof s.schedule !== 'function') {
    throw new InvalidConfigError(option, value, 'an RxJS SchedulerLike (with now() and schedule())');
  }
  return s as SchedulerLike;
}
