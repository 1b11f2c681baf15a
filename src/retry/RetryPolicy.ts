import { asyncScheduler, timer, type Observable, type SchedulerLike } from 'rxjs';
import type { Backoff } from '../backoff/Backoff.js';
import { decorrelatedJitter } from '../backoff/exponentialBackoff.js';
import { applyJitter, MAX_DELAY_MS, requireJitter, type Jitter } from '../backoff/jitter.js';
import { InvalidConfigError } from '../errors/InvalidConfigError.js';
import { RetriesExhaustedError } from '../errors/RetriesExhaustedError.js';
import { requireBoolean, requireFunction, requireNumber, requireScheduler } from '../internal/validate.js';
import { retryAfterMs } from './retryAfter.js';
import type { RetryBackoffConfig, RetryInfo, RetryReporter } from './retryBackoff.js';

type ShouldRetry = (error: unknown, attempt: number) => boolean;
type BackoffDelay = (iteration: number, initialInterval: number) => number;

/**
 * @internal A validated `retryBackoff` config and the decision taken on each error. A class,
 * so that creating an operator allocates one object rather than a set of closures.
 */
export class RetryPolicy {
  readonly initialInterval: number;
  readonly maxRetries: number;
  readonly maxInterval: number;
  readonly resetOnSuccess: boolean;
  readonly wrapExhausted: boolean;
  readonly decorrelated: boolean;
  private readonly shouldRetry: ShouldRetry;
  private readonly backoffDelay: BackoffDelay;
  private readonly backoff: Backoff | undefined;
  private readonly jitter: Jitter;
  private readonly random: () => number;
  private readonly onRetry: ((info: RetryInfo) => void) | undefined;
  private readonly reporter: RetryReporter | undefined;
  private readonly scheduler: SchedulerLike;
  /** `maxInterval`, but no longer than a timer can wait (Node fires a longer one after 1 ms). */
  private readonly cap: number;

  constructor(config: number | RetryBackoffConfig | undefined) {
    const c: RetryBackoffConfig =
      config === undefined ? { initialInterval: 1_000, maxRetries: 3, maxInterval: 60_000 }
      : typeof config === 'number' ? { initialInterval: config }
      : config;
    if (typeof c !== 'object' || c === null) {
      throw new InvalidConfigError('retryBackoff', config, 'a number (the initial interval in ms) or a RetryBackoffConfig object');
    }
    // Defaults replace only what is left out: an explicit null is a mistake worth reporting.
    const { initialInterval = 1_000, maxRetries = Infinity, maxInterval = Infinity, resetOnSuccess = false } = c;
    const { wrapExhausted = false, jitter = 'none', random = Math.random, scheduler = asyncScheduler } = c;
    this.initialInterval = requireNumber('retryBackoff.initialInterval', initialInterval, 0);
    this.maxRetries = maxRetries;
    if (this.maxRetries !== Infinity && !(Number.isInteger(this.maxRetries) && this.maxRetries >= 0)) {
      throw new InvalidConfigError('retryBackoff.maxRetries', this.maxRetries, 'an integer >= 0 or Infinity');
    }
    this.maxInterval = maxInterval;
    if (typeof this.maxInterval !== 'number' || !(this.maxInterval >= 0)) {
      throw new InvalidConfigError('retryBackoff.maxInterval', this.maxInterval, 'a number >= 0 (Infinity for no cap)');
    }
    this.cap = this.maxInterval < MAX_DELAY_MS ? this.maxInterval : MAX_DELAY_MS;
    this.shouldRetry = optionalFunction('shouldRetry', c.shouldRetry) ?? retryEverything;
    this.resetOnSuccess = requireBoolean('retryBackoff.resetOnSuccess', resetOnSuccess);
    this.wrapExhausted = requireBoolean('retryBackoff.wrapExhausted', wrapExhausted);
    this.jitter = requireJitter('retryBackoff.jitter', jitter, true);
    this.decorrelated = this.jitter === 'decorrelated';
    this.random = requireFunction('retryBackoff.random', random);
    this.onRetry = optionalFunction('onRetry', c.onRetry);
    if (c.breaker !== undefined && typeof (c.breaker as Partial<RetryReporter> | null)?.recordRetry !== 'function') {
      throw new InvalidConfigError('retryBackoff.breaker', c.breaker, 'a CircuitBreaker (an object with recordRetry())');
    }
    this.reporter = c.breaker;
    this.scheduler = requireScheduler('retryBackoff.scheduler', scheduler);
    this.backoff = optionalFunction('backoff', c.backoff);
    const backoffDelay = optionalFunction<BackoffDelay>('backoffDelay', c.backoffDelay);
    this.backoffDelay = backoffDelay ?? exponentialDelay;
    if (this.backoff !== undefined && backoffDelay !== undefined) {
      throw new InvalidConfigError('retryBackoff.backoff', this.backoff, 'left out when backoffDelay is given (they are two forms of one schedule)');
    }
    if (this.decorrelated && (this.backoff !== undefined || backoffDelay !== undefined)) {
      throw new InvalidConfigError(
        'retryBackoff.jitter',
        this.jitter,
        "'none', 'full', 'equal' or a fraction when backoff or backoffDelay is given ('decorrelated' is a schedule of its own)",
      );
    }
  }

  /** A fresh decorrelated schedule: its draws are linked from one attempt to the next. */
  decorrelatedSchedule(): Backoff {
    return decorrelatedJitter(this.initialInterval, this.cap, this.random);
  }

  /**
   * What happens after the error of subscription number `attempts`: throws the error (or a
   * `RetriesExhaustedError`) to stop, or returns the timer to resubscribe after.
   * `attempt` is the retry this would be, 1-based.
   */
  notifier(error: unknown, attempt: number, attempts: number, schedule: Backoff | null): Observable<0> {
    if (attempt > this.maxRetries) {
      throw this.wrapExhausted && this.shouldRetry(error, attempt) ? new RetriesExhaustedError(error, attempts) : error;
    }
    if (!this.shouldRetry(error, attempt)) throw error;
    let delayMs = schedule === null ? this.delay(attempt, error) : schedule(attempt, error);
    const hint = retryAfterMs(error, this.scheduler.now());
    if (hint !== null) {
      // Retrying sooner is pointless; waiting longer than the user allowed is wrong.
      if (hint > this.maxInterval) throw this.wrapExhausted ? new RetriesExhaustedError(error, attempts) : error;
      if (hint > delayMs) delayMs = hint;
    }
    if (delayMs > MAX_DELAY_MS) delayMs = MAX_DELAY_MS;
    this.reporter?.recordRetry(attempt, delayMs, error);
    this.onRetry?.({ error, attempt, delayMs });
    return timer(delayMs, this.scheduler);
  }

  private delay(attempt: number, error: unknown): number {
    const raw = this.backoff === undefined ? this.backoffDelay(attempt - 1, this.initialInterval) : this.backoff(attempt, error);
    // Negative and NaN delays mean "now", as RxJS's timer treats a negative one.
    const delay = raw >= 0 ? (raw < this.cap ? raw : this.cap) : 0;
    return this.jitter === 'none' ? delay : applyJitter(delay, this.jitter, this.random);
  }
}

function optionalFunction<F>(name: string, value: unknown): F | undefined {
  return value === undefined ? undefined : requireFunction<F>(`retryBackoff.${name}`, value);
}

function retryEverything(): boolean {
  return true;
}

function exponentialDelay(iteration: number, initialInterval: number): number {
  return 2 ** iteration * initialInterval;
}

