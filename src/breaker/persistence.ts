import { InvalidConfigError } from '../errors/InvalidConfigError.js';
import type { TripStrategyFactory } from '../strategies/TripStrategy.js';
import { CIRCUIT_STATES } from './CircuitState.js';
import type { CircuitState } from './CircuitState.js';

/** The version of {@link CircuitBreakerJSON} this package writes and reads. */
export const BREAKER_JSON_VERSION = 1;

/** Counters carried by {@link CircuitBreakerJSON}. */
export interface CountersJSON {
  totalCalls: number;
  successfulCalls: number;
  failedCalls: number;
  rejectedCalls: number;
  ignoredCalls: number;
  cancelledCalls: number;
  timeouts: number;
  openedCount: number;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  lastFailureAt: number | null;
  lastSuccessAt: number | null;
}

/**
 * A breaker's state as JSON (`breaker.toJSON()`, `CircuitBreaker.fromJSON()`), for hydration
 * after a restart. Times are scheduler milliseconds: epoch milliseconds on the real
 * scheduler, so an open breaker restored elsewhere keeps its original break end.
 */
export interface CircuitBreakerJSON {
  version: typeof BREAKER_JSON_VERSION;
  name: string;
  state: CircuitState;
  /** When the current break started (`open` only). */
  openedAt: number | null;
  /** When the current break ends (`open` only). */
  breakEndsAt: number | null;
  /** Breaks in a row without closing: the next `Backoff` attempt counts on from it. */
  recoveryAttempt: number;
  lastStateChangeAt: number;
  /** The trip strategy's snapshot (its window). */
  strategy: unknown;
  counters: CountersJSON;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isTime = (v: unknown): v is number | null => v === null || isNumber(v);

/** @internal Checks the shape of a breaker's JSON, naming the first bad field. */
export function validateBreakerJSON(json: unknown): CircuitBreakerJSON {
  if (typeof json !== 'object' || json === null) throw new InvalidConfigError('json', json, 'a CircuitBreakerJSON object');
  const j = json as Record<string, unknown>;
  if (j.version !== BREAKER_JSON_VERSION) {
    throw new InvalidConfigError('json.version', j.version, `version ${BREAKER_JSON_VERSION} (this package reads version ${BREAKER_JSON_VERSION} only)`);
  }
  if (typeof j.name !== 'string' || j.name === '') throw new InvalidConfigError('json.name', j.name, 'a non-empty string');
  if (!CIRCUIT_STATES.includes(j.state as CircuitState)) throw new InvalidConfigError('json.state', j.state, `one of ${CIRCUIT_STATES.join(', ')}`);
  if (!isTime(j.openedAt)) throw new InvalidConfigError('json.openedAt', j.openedAt, 'a number or null');
  if (!isTime(j.breakEndsAt)) throw new InvalidConfigError('json.breakEndsAt', j.breakEndsAt, 'a number or null');
  if (j.state === 'open' && j.openedAt === null) throw new InvalidConfigError('json.openedAt', j.openedAt, 'a number when the state is open');
  if (j.state === 'open' && j.breakEndsAt === null) throw new InvalidConfigError('json.breakEndsAt', j.breakEndsAt, 'a number when the state is open');
  if (!Number.isInteger(j.recoveryAttempt) || (j.recoveryAttempt as number) < 0) {
    throw new InvalidConfigError('json.recoveryAttempt', j.recoveryAttempt, 'an integer >= 0');
  }
  if (!isNumber(j.lastStateChangeAt)) throw new InvalidConfigError('json.lastStateChangeAt', j.lastStateChangeAt, 'a number');
  const c = j.counters as Record<string, unknown> | null;
  if (typeof c !== 'object' || c === null) throw new InvalidConfigError('json.counters', c, 'an object');
  for (const key of ['totalCalls', 'successfulCalls', 'failedCalls', 'rejectedCalls', 'ignoredCalls', 'cancelledCalls', 'timeouts', 'openedCount', 'consecutiveFailures', 'consecutiveSuccesses']) {
    if (!Number.isInteger(c[key]) || (c[key] as number) < 0) throw new InvalidConfigError(`json.counters.${key}`, c[key], 'an integer >= 0');
  }
  for (const key of ['lastFailureAt', 'lastSuccessAt']) {
    if (!isTime(c[key])) throw new InvalidConfigError(`json.counters.${key}`, c[key], 'a number or null');
  }
  return json as CircuitBreakerJSON;
}

/**
 * @internal Throws `InvalidConfigError` (naming `option`) unless `snapshot` restores into a
 * fresh strategy from `trip`: checked before anything is applied, so a bad one changes nothing.
 */
export function checkStrategySnapshot(trip: TripStrategyFactory, snapshot: unknown, option = 'json.strategy'): void {
  try {
    trip().restore(snapshot);
  } catch (error) {
    throw new InvalidConfigError(option, snapshot, `a snapshot of this breaker's trip strategy (${(error as Error).message})`);
  }
}
