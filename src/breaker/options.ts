import type { SchedulerLike } from 'rxjs';
import { asyncScheduler } from 'rxjs';
import type { Backoff } from '../backoff/Backoff.js';
import type { RetryBackoffConfig } from '../retry/retryBackoff.js';
import { validateRetry } from '../retry/validateRetry.js';
import { InvalidConfigError } from '../errors/InvalidConfigError.js';
import {
  requireBoolean,
  requireFunction,
  requireInteger,
  requireNumber,
  requireOneOf,
  requireScheduler,
} from '../internal/validate.js';
import { consecutiveFailures } from '../strategies/consecutiveFailures.js';
import type { TripStrategyFactory } from '../strategies/TripStrategy.js';
import type { ErrorFilter } from './ErrorFilter.js';
import { compileErrorFilter } from './ErrorFilter.js';

/**
 * Options of a {@link CircuitBreaker}. Every duration is in milliseconds of scheduler time.
 *
 * @example
 * ```ts
 * new CircuitBreaker('api', { failureThreshold: 3, recoveryTimeout: 10_000, callTimeout: 2_000 });
 * ```
 */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit: shorthand for `trip: consecutiveFailures(n)`. Default 5. */
  failureThreshold?: number;
  /** The trip rule (a strategy factory). Default `consecutiveFailures(5)`. Not together with `failureThreshold`. */
  trip?: TripStrategyFactory;
  /** How long a break lasts before `half_open`: milliseconds, or a `Backoff` of the n-th break in a row for growing breaks. Default 60_000. */
  recoveryTimeout?: number | Backoff;
  /** Trial calls admitted per half-open round. Default 3. */
  halfOpenMaxCalls?: number;
  /** Successful trials that close the circuit; at most `halfOpenMaxCalls`. Default `halfOpenMaxCalls`. */
  successThreshold?: number;
  /** How long a half-open round may stay undecided after its first trial before it opens again. Default: the break that preceded it. */
  halfOpenMaxWait?: number;
  /** A call still without outcome after this long fails with `CallTimeoutError` and its source is unsubscribed. Default: none. */
  callTimeout?: number;
  /** What counts as success: the first value (`'value'`, default) or completion (`'complete'`). */
  successOn?: 'value' | 'complete';
  /** Errors that count as failures. Default: every error. */
  recordErrors?: ErrorFilter;
  /** Errors that count as neither success nor failure; wins over `recordErrors`. */
  ignoreErrors?: ErrorFilter;
  /** The scheduler of every timer and timestamp. Default `asyncScheduler`. */
  scheduler?: SchedulerLike;
  /** Give rejection errors a stack trace (costly during an outage). Default false. */
  captureRejectionStack?: boolean;
  /** `false` creates the breaker `disabled`. Default true. */
  enabled?: boolean;
  /** Default retries of `execute()`, `wrap()` and the decorators (a `retryBackoff` config). The operator ignores it. */
  retry?: number | RetryBackoffConfig;
}

/** What an error means to a breaker. */
export type ErrorKind = 'failure' | 'ignored' | 'success';

/** @internal Options after validation, with defaults applied. */
export interface ResolvedOptions {
  readonly trip: TripStrategyFactory;
  readonly recovery: Backoff;
  readonly halfOpenMaxCalls: number;
  readonly successThreshold: number;
  readonly halfOpenMaxWait: number | undefined;
  readonly callTimeout: number | undefined;
  readonly successOn: 'value' | 'complete';
  readonly classify: (error: unknown) => ErrorKind;
  readonly scheduler: SchedulerLike;
  readonly captureRejectionStack: boolean;
  readonly enabled: boolean;
}

const KNOWN = new Set([
  'failureThreshold', 'trip', 'recoveryTimeout', 'halfOpenMaxCalls', 'successThreshold', 'halfOpenMaxWait',
  'callTimeout', 'successOn', 'recordErrors', 'ignoreErrors', 'scheduler', 'captureRejectionStack', 'enabled',
  // Read by other layers (retry by execute/wrap/decorators, operator-only options); accepted here.
  'retry', 'registry', 'fallback',
]);

/** @internal Validates options and applies defaults; throws `InvalidConfigError` naming the option. */
export function resolveOptions(options: CircuitBreakerOptions = {}, prefix = ''): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw new InvalidConfigError(prefix || 'options', options, 'an object');
  const o = options as Record<string, unknown>;
  const name = (key: string) => prefix + key;
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) throw new InvalidConfigError(name(key), o[key], 'a known option (no such option)');
  }
  if (o.trip !== undefined && o.failureThreshold !== undefined) {
    throw new InvalidConfigError(name('trip'), o.trip, 'given without failureThreshold (both were given; use one)');
  }
  const trip =
    o.trip !== undefined
      ? requireFunction<TripStrategyFactory>(name('trip'), o.trip)
      : thresholdFactory(o.failureThreshold === undefined ? 5 : requireInteger(name('failureThreshold'), o.failureThreshold));
  const recovery = resolveRecovery(name('recoveryTimeout'), o.recoveryTimeout);
  const halfOpenMaxCalls = o.halfOpenMaxCalls === undefined ? 3 : requireInteger(name('halfOpenMaxCalls'), o.halfOpenMaxCalls);
  const successThreshold =
    o.successThreshold === undefined ? halfOpenMaxCalls : requireInteger(name('successThreshold'), o.successThreshold);
  if (successThreshold > halfOpenMaxCalls) {
    throw new InvalidConfigError(name('successThreshold'), successThreshold, `at most halfOpenMaxCalls (${halfOpenMaxCalls})`);
  }
  const record = o.recordErrors === undefined ? undefined : compileErrorFilter(name('recordErrors'), o.recordErrors);
  const ignore = o.ignoreErrors === undefined ? undefined : compileErrorFilter(name('ignoreErrors'), o.ignoreErrors);
  const scheduler = o.scheduler === undefined ? asyncScheduler : requireScheduler(name('scheduler'), o.scheduler);
  // Read by execute(), wrap() and the decorators; creating the operator checks it now, at creation.
  if (o.retry !== undefined) validateRetry(name('retry'), o.retry);
  return {
    trip,
    recovery,
    halfOpenMaxCalls,
    successThreshold,
    halfOpenMaxWait: o.halfOpenMaxWait === undefined ? undefined : requireNumber(name('halfOpenMaxWait'), o.halfOpenMaxWait, 0, true),
    callTimeout: o.callTimeout === undefined ? undefined : requireNumber(name('callTimeout'), o.callTimeout, 0, true),
    successOn: o.successOn === undefined ? 'value' : requireOneOf(name('successOn'), o.successOn, ['value', 'complete'] as const),
    classify:
      record === undefined && ignore === undefined
        ? classifyAll
        : (error) => {
            try {
              return ignore?.(error) ? 'ignored' : record === undefined || record(error) ? 'failure' : 'success';
            } catch {
              // A filter that throws must not break the call it classifies: count a failure.
              return 'failure';
            }
          },
    scheduler,
    captureRejectionStack:
      o.captureRejectionStack === undefined ? false : requireBoolean(name('captureRejectionStack'), o.captureRejectionStack),
    enabled: o.enabled === undefined ? true : requireBoolean(name('enabled'), o.enabled),
  };
}

// Factories hold no state, so breakers with the same failureThreshold share one: most of a
// breaker's memory would otherwise be its own copy of the default factory.
const thresholdFactories = new Map<number, TripStrategyFactory>();
function thresholdFactory(threshold: number): TripStrategyFactory {
  let factory = thresholdFactories.get(threshold);
  if (factory === undefined) {
    factory = consecutiveFailures(threshold);
    if (thresholdFactories.size < 64) thresholdFactories.set(threshold, factory);
  }
  return factory;
}

const classifyAll = (): ErrorKind => 'failure';
const defaultRecovery: Backoff = () => 60_000;

function resolveRecovery(option: string, value: unknown): Backoff {
  if (value === undefined) return defaultRecovery;
  if (typeof value === 'function') {
    const backoff = value as Backoff;
    // A schedule is user code; a bad delay must not leave the breaker open forever or flapping.
    return (attempt) => {
      const delay = backoff(attempt);
      return typeof delay === 'number' && Number.isFinite(delay) && delay >= 0 ? delay : 60_000;
    };
  }
  const ms = requireNumber(option, value, 0);
  return () => ms;
}


/**
 * @internal Layers option objects (registry defaults, per-name config, call-site options):
 * a later `trip` replaces an earlier `failureThreshold` and the reverse, so layering never
 * produces the "both given" error.
 */
export function mergeOptions<T extends CircuitBreakerOptions>(...layers: (T | undefined)[]): T {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    if (layer === undefined) continue;
    if (layer.trip !== undefined) delete merged.failureThreshold;
    if (layer.failureThreshold !== undefined) delete merged.trip;
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) merged[key] = value;
  }
  return merged as T;
}
