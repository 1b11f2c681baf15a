import type { CircuitState } from '../breaker/CircuitState.js';
import type { CircuitEvent, RejectedEvent, StateChangeEvent, TransitionReason } from '../breaker/types.js';
import { InvalidConfigError } from '../errors/InvalidConfigError.js';

/**
 * Where a registry writes its log lines: `console`, a pino logger, a NestJS `Logger` (its
 * `log` stands in for `info`), or anything with the same methods.
 */
export interface CircuitBreakerLogger {
  /** Transitions and resets. */
  info?(message: string): unknown;
  /** Used for transitions and resets when there is no `info` (NestJS `Logger`). */
  log?(message: string): unknown;
  /** Rejected calls, at most one line per breaker per second. */
  warn(message: string): unknown;
}

/** Rejection warnings of one breaker are at most one per this many milliseconds of scheduler time. */
const REJECTION_LOG_INTERVAL_MS = 1_000;

interface RejectionLog {
  lastAt: number;
  suppressed: number;
}

/**
 * Turns breaker events into log lines in the seeds' words, for `events$.subscribe(...)`:
 *
 * - `info`: `Circuit breaker 'ollama' transitioned from CLOSED to OPEN after 5 consecutive failures`,
 *   `... from OPEN to HALF_OPEN`, `... from HALF_OPEN to CLOSED after 3 successful call(s)`,
 *   and `Circuit breaker 'ollama' reset`;
 * - `warn`: `Circuit breaker OPEN for service 'ollama', call rejected, retry after 30000 ms`,
 *   at most once per breaker per second of scheduler time; the next line says how many
 *   warnings were left out.
 *
 * A logger that throws never breaks a call: its error is dropped (a log line is not worth
 * failing a request for, and the logger is the place it would have been reported).
 * `new CircuitBreakerRegistry({ logger })` does this for every breaker of the registry.
 *
 * @throws InvalidConfigError when `logger` has no `warn` method or neither `info` nor `log`.
 *
 * @example
 * ```ts
 * const breaker = new CircuitBreaker('ollama', { failureThreshold: 1 });
 * breaker.events$.subscribe(transitionLogger(console));
 * breaker.execute(() => Promise.reject(new Error('down'))).catch(() => {});
 * // Circuit breaker 'ollama' transitioned from CLOSED to OPEN after 1 consecutive failure
 * ```
 */
export function transitionLogger(logger: CircuitBreakerLogger): (event: CircuitEvent) => void {
  const info = requireLogger(logger);
  const rejections = new Map<string, RejectionLog>();
  return (event) => {
    if (event.type === 'state_change') {
      write(() => info.call(logger, describeTransition(event)));
    } else if (event.type === 'reset') {
      write(() => info.call(logger, `Circuit breaker '${event.breaker}' reset`));
    } else if (event.type === 'rejected') {
      const log = rejections.get(event.breaker) ?? { lastAt: -Infinity, suppressed: 0 };
      rejections.set(event.breaker, log);
      if (event.at - log.lastAt < REJECTION_LOG_INTERVAL_MS) {
        log.suppressed++;
        return;
      }
      const suppressed = log.suppressed;
      log.lastAt = event.at;
      log.suppressed = 0;
      write(() => logger.warn(describeRejection(event, suppressed)));
    }
  };
}

function requireLogger(logger: CircuitBreakerLogger): (message: string) => unknown {
  const info = typeof logger?.info === 'function' ? logger.info : logger?.log;
  if (typeof info !== 'function' || typeof logger.warn !== 'function') {
    throw new InvalidConfigError('logger', logger, 'an object with info (or log) and warn methods, e.g. console');
  }
  return info;
}

function write(line: () => unknown): void {
  try {
    line();
  } catch {
    // Dropped on purpose: logging must never break a call (see transitionLogger's doc).
  }
}

const upper = (state: CircuitState): string => state.toUpperCase();

// Reasons whose detail reads after "after": `5 consecutive failures`, `3 successful call(s)`, `a trial call failed`.
const AFTER: ReadonlySet<TransitionReason> = new Set(['failure_threshold', 'trials_succeeded', 'trial_failed']);

/** @internal The seeds' words for a transition. */
export function describeTransition(event: StateChangeEvent): string {
  const head = `Circuit breaker '${event.breaker}' transitioned from ${upper(event.from)} to ${upper(event.to)}`;
  if (event.reason === 'recovery_timeout') return head;
  if (event.detail !== null && AFTER.has(event.reason)) return `${head} after ${event.detail}`;
  // half_open_timeout says why in its detail; manual and restored transitions have none.
  return `${head} (${event.detail ?? event.reason})`;
}

function describeRejection(event: RejectedEvent, suppressed: number): string {
  const retry = event.retryAfterMs === null ? '' : `, retry after ${event.retryAfterMs} ms`;
  const more = suppressed === 0 ? '' : ` (${suppressed} similar warning${suppressed === 1 ? '' : 's'} suppressed)`;
  return `Circuit breaker ${upper(event.state)} for service '${event.breaker}', call rejected${retry}${more}`;
}
