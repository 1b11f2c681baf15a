import type { Observable, SchedulerLike, Subscription } from 'rxjs';
import { asyncScheduler, BehaviorSubject, defer, startWith, Subject } from 'rxjs';
import { CircuitOpenError } from '../errors/CircuitOpenError.js';
import { InvalidConfigError } from '../errors/InvalidConfigError.js';
import { scheduleUnref } from '../internal/scheduleUnref.js';
import type { TripStrategy } from '../strategies/TripStrategy.js';
import { BreakerCounters } from './BreakerCounters.js';
import { CallPermit, Outcome } from './CallPermit.js';
import { CircuitState } from './CircuitState.js';
import type { CircuitBreakerOptions, ErrorKind, ResolvedOptions } from './options.js';
import { resolveOptions } from './options.js';
import type { SharedLink, SharedTransition } from './SharedLink.js';
import type { CircuitEvent, CircuitStats, TransitionReason } from './types.js';
import type { ExecuteOptions, ExecuteResult } from './execute.js';
import type { CircuitBreakerJSON } from './persistence.js';
import { BREAKER_JSON_VERSION, checkStrategySnapshot, validateBreakerJSON } from './persistence.js';
import { execute } from './execute.js';
import type { WrapOptions, Wrapped } from './wrap.js';
import { wrapFunction } from './wrap.js';

const OUTCOME_EVENT = ['success', 'failure', 'timeout', 'ignored', 'cancelled'] as const;

/**
 * A circuit breaker whose state is a stream. Calls go through it with the
 * {@link circuitBreaker} operator, `execute()`, or {@link CircuitBreaker.acquire}; it opens
 * when its trip strategy says so, rejects calls while open, half-opens on a scheduled timer
 * and closes after enough successful trials.
 *
 * @example
 * ```ts
 * const breaker = new CircuitBreaker('api', { failureThreshold: 3, recoveryTimeout: 10_000 });
 * breaker.state$.subscribe((state) => console.log('api is', state)); // api is closed
 * http.get('/items').pipe(circuitBreaker(breaker)).subscribe(render);
 * ```
 */
export class CircuitBreaker {
  /** The options as given. */
  readonly options: Readonly<CircuitBreakerOptions>;
  /** @internal */
  readonly resolved: ResolvedOptions;
  /** The scheduler of every timer and timestamp of this breaker. */
  readonly scheduler: SchedulerLike;

  private current: CircuitState;
  private readonly state$$: BehaviorSubject<CircuitState>;
  // Created on first subscription: most breakers are never watched, and each Subject costs memory.
  private events$$: Subject<CircuitEvent> | null = null;
  private stats$$: Subject<CircuitStats> | null = null;
  private counters = new BreakerCounters();
  private readonly strategy: TripStrategy;

  private generation = 0;
  private lastStateChangeAt: number;
  /** Scheduler time the current break ends (`open` only). */
  private openUntil = 0;
  /** Breaks in a row without closing: the attempt number given to a `Backoff` recovery. */
  private recoveryAttempt = 0;
  private lastBreakMs = 0;
  private trialsUsed = 0;
  private trialsInFlight = 0;
  private trialSuccesses = 0;
  private timer: Subscription | null = null;
  private disposed = false;
  /** A shared-state store's hooks (see {@link CircuitBreaker.setSharedLink}); null for a purely local breaker. */
  private link: SharedLink | null = null;

  /** Current state, then every change (distinct). Backed by a `BehaviorSubject`. */
  readonly state$: Observable<CircuitState>;
  /** Every call outcome, rejection, transition and reset. */
  get events$(): Observable<CircuitEvent> {
    return this.lazyEvents$ ??= defer(() => this.eventsSubject());
  }

  /** The current stats on subscribe, then a fresh snapshot after each outcome or transition. */
  get stats$(): Observable<CircuitStats> {
    return this.lazyStats$ ??= defer(() => this.statsSubject().pipe(startWith(this.stats())));
  }

  private lazyEvents$: Observable<CircuitEvent> | null = null;
  private lazyStats$: Observable<CircuitStats> | null = null;

  private eventsSubject(): Subject<CircuitEvent> {
    if (this.events$$ === null) {
      this.events$$ = new Subject<CircuitEvent>();
      if (this.disposed) this.events$$.complete();
    }
    return this.events$$;
  }

  private statsSubject(): Subject<CircuitStats> {
    if (this.stats$$ === null) {
      this.stats$$ = new Subject<CircuitStats>();
      if (this.disposed) this.stats$$.complete();
    }
    return this.stats$$;
  }

  constructor(
    /** The breaker's name, used in errors, events, logs and metrics. */
    readonly name: string,
    options: CircuitBreakerOptions = {},
  ) {
    if (typeof name !== 'string' || name.length === 0) throw new InvalidConfigError('name', name, 'a non-empty string');
    this.resolved = resolveOptions(options);
    this.options = Object.freeze({ ...options });
    this.scheduler = this.resolved.scheduler;
    this.strategy = this.resolved.trip();
    this.current = this.resolved.enabled ? CircuitState.Closed : CircuitState.Disabled;
    this.lastStateChangeAt = this.scheduler.now();
    this.state$$ = new BehaviorSubject<CircuitState>(this.current);
    this.state$ = this.state$$.asObservable();
  }

  /** The current state. */
  get state(): CircuitState {
    return this.current;
  }

  /**
   * Asks to make one call. Returns a {@link CallPermit} to report the call's outcome on, or
   * the `CircuitOpenError` to fail it with (already counted as a rejection).
   */
  acquire(): CallPermit | CircuitOpenError {
    const state = this.current;
    if (state === CircuitState.Closed || state === CircuitState.Disabled) {
      return new CallPermit(this, this.generation, this.startTime(), false);
    }
    if (state === CircuitState.Open) {
      const now = this.now();
      // Still in its break: the rejection reuses this clock read for the time left.
      if (now < this.openUntil) return this.reject(now);
      // The recovery timer is due but has not run yet (a busy event loop): half-open now.
      this.transition(CircuitState.HalfOpen, 'recovery_timeout', null);
    }
    if (this.current === CircuitState.HalfOpen && this.trialsUsed < this.resolved.halfOpenMaxCalls) {
      // A fleet shares one half-open budget: the store admits a trial only on a lease it holds.
      if (this.link !== null && !this.link.tryAcquireTrial()) return this.reject();
      this.trialsUsed++;
      this.trialsInFlight++;
      if (this.timer === null) this.startHalfOpenWait();
      return new CallPermit(this, this.generation, this.startTime(), true);
    }
    return this.reject();
  }

  /**
   * Runs `fn` as one call through the breaker and resolves with its result (the first value
   * of an Observable). `fn` gets an `AbortSignal` that aborts when the call times out, is
   * cancelled, or `options.signal` aborts; an aborted caller is rejected at once with the
   * signal's reason and the call counts as cancelled. Never throws synchronously: an open
   * circuit rejects the promise with `CircuitOpenError`.
   *
   * @example
   * ```ts
   * const items = await breaker.execute((signal) => fetch('/items', { signal }).then((r) => r.json()), { signal: AbortSignal.timeout(5_000) });
   * ```
   */
  execute<R>(fn: (signal: AbortSignal) => R, options?: ExecuteOptions): Promise<ExecuteResult<R>> {
    return execute(this, fn, options);
  }

  /**
   * The same function, guarded, keeping its parameter and return types: a Promise-returning
   * function stays Promise-returning (one call per invocation), an Observable-returning one
   * stays Observable-returning (one call per subscription); any other result comes as a
   * Promise of it. Until the first call shows the kind, a call the circuit rejects gets a
   * rejected Promise: pass `{ returns: 'observable' }` when that matters.
   *
   * @example
   * ```ts
   * const getUser = breaker.wrap((id: string) => fetch(`/users/${id}`).then((r) => r.json()));
   * await getUser('42');
   * ```
   */
  wrap<A extends unknown[], R>(fn: (...args: A) => R, options?: WrapOptions): (...args: A) => Wrapped<R> {
    if (typeof fn !== 'function') throw new InvalidConfigError('fn', fn, 'a function');
    return wrapFunction(() => this, fn, options);
  }

  /** What `error` means to this breaker: `'failure'`, `'ignored'`, or `'success'` (the dependency answered). */
  classify(error: unknown): ErrorKind {
    return this.resolved.classify(error);
  }

  /**
   * Reports that a call through this breaker is being retried: `retryBackoff` calls it, so
   * that metrics and logs (`events$`, type `retry`) can count retries per breaker. It changes
   * no state and no stats.
   *
   * @example
   * ```ts
   * breaker.events$.subscribe((e) => e.type === 'retry' && console.log(`retry ${e.attempt} in ${e.delayMs} ms`));
   * breaker.recordRetry(1, 200, new Error('ECONNRESET')); // retry 1 in 200 ms
   * ```
   */
  recordRetry(attempt: number, delayMs: number, error: unknown): void {
    if (this.disposed || !this.events$$?.observed) return;
    this.events$$!.next({ type: 'retry', breaker: this.name, at: this.scheduler.now(), attempt, delayMs, error });
  }

  /**
   * A call's start time, read only when something will use its duration: the strategy or
   * an `events$` listener. A clock read costs as much as the rest of a call on some machines.
   */
  private startTime(): number {
    return this.strategy.usesDuration !== false || this.events$$?.observed === true ? this.now() : NaN;
  }

  /** Reads the scheduler's clock; a success waiting for its timestamp takes this one. */
  private now(): number {
    const now = this.scheduler.now();
    if (this.successUnstamped) {
      this.successUnstamped = false;
      this.counters.lastSuccessAt = now;
    }
    return now;
  }

  /**
   * On the real async scheduler a success nothing else needs the time of is stamped at the
   * breaker's next clock read, at the latest in a microtask: the successes of one
   * synchronous run share one reading. Virtual schedulers read the clock every time.
   */
  private successUnstamped = false;
  private readonly stampSuccess = (): void => {
    if (this.successUnstamped) this.now();
  };

  /** @internal Called by {@link CallPermit} with the call's only outcome. */
  record(permit: CallPermit, outcome: Outcome, error: unknown): void {
    if (this.disposed) return;
    const observed = this.events$$?.observed === true;
    const lazy =
      outcome === Outcome.Success &&
      !permit.eager &&
      !observed &&
      this.strategy.usesTime === false &&
      this.scheduler === asyncScheduler;
    const at = lazy ? NaN : this.now();
    const durationMs = permit.startedAt === permit.startedAt && at === at ? at - permit.startedAt : 0;
    this.counters.record(outcome, at);
    if (lazy && !this.successUnstamped) {
      this.successUnstamped = true;
      queueMicrotask(this.stampSuccess);
    }
    const late = permit.generation !== this.generation;
    let trip: TransitionReason | null = null;
    if (!late) {
      if (permit.trial) {
        this.trialsInFlight--;
        trip = this.recordTrial(outcome);
      } else if (this.current === CircuitState.Closed) {
        const tripped =
          outcome === Outcome.Success
            ? this.strategy.onSuccess(durationMs, at)
            : outcome === Outcome.Failure || outcome === Outcome.Timeout
              ? this.strategy.onFailure(durationMs, at)
              : false;
        if (tripped) trip = 'failure_threshold';
      }
    }
    if (this.events$$?.observed) {
      const type = OUTCOME_EVENT[outcome];
      this.events$$!.next(
        outcome === Outcome.Success || outcome === Outcome.Cancelled
          ? { type: type as 'success' | 'cancelled', breaker: this.name, at, durationMs, late }
          : { type: type as 'failure' | 'timeout' | 'ignored', breaker: this.name, at, durationMs, error, late },
      );
    }
    if (trip === 'failure_threshold') {
      this.transition(CircuitState.Open, trip, this.strategy.describe(at));
    } else if (trip === 'trial_failed') {
      this.transition(CircuitState.Open, trip, 'a trial call failed');
    } else if (trip === 'trials_succeeded') {
      this.transition(CircuitState.Closed, trip, `${this.trialSuccesses} successful call(s)`);
    } else {
      this.publishStats();
    }
  }

  /** @internal Undoes {@link CircuitBreaker.acquire} for a permit that made no call. */
  discard(permit: CallPermit): void {
    if (permit.trial && permit.generation === this.generation) {
      this.trialsUsed--;
      this.trialsInFlight--;
      this.link?.trialEnded(false);
    }
  }

  private recordTrial(outcome: Outcome): TransitionReason | null {
    switch (outcome) {
      case Outcome.Success:
        this.link?.trialEnded(true);
        return ++this.trialSuccesses >= this.resolved.successThreshold ? 'trials_succeeded' : null;
      case Outcome.Failure:
      case Outcome.Timeout:
        return 'trial_failed';
      default:
        // Ignored and cancelled trials decided nothing: their slot goes back to the round.
        this.trialsUsed--;
        this.link?.trialEnded(false);
        return null;
    }
  }

  /** Counts and builds a rejection; `now` is a clock read the caller already made. */
  private reject(now?: number): CircuitOpenError {
    this.counters.rejected();
    const observed = this.events$$?.observed === true;
    // One clock read serves both the time left and the event; neither may need it.
    const at = now ?? (observed || this.current === CircuitState.Open ? this.now() : NaN);
    const retryAfterMs = this.retryAfterMs(at);
    const error = this.resolved.captureRejectionStack
      ? new CircuitOpenError(this.name, this.current, retryAfterMs)
      : CircuitOpenError.withoutStack(this.name, this.current, retryAfterMs);
    if (observed) {
      this.events$$!.next({ type: 'rejected', breaker: this.name, at, state: this.current, retryAfterMs });
    }
    this.publishStats();
    return error;
  }

  private retryAfterMs(now: number): number | null {
    return this.current === CircuitState.Open ? Math.max(0, this.openUntil - now) : null;
  }

  /** A snapshot of the counters, JSON-safe. */
  stats(): CircuitStats {
    const now = this.now();
    return this.counters.snapshot(this.name, this.current, this.lastStateChangeAt, this.retryAfterMs(now), this.trialsInFlight);
  }

  /**
   * The breaker's state as JSON: state, break start and end, recovery attempt count, the
   * trip strategy's window and the counters. Restore it with {@link CircuitBreaker.fromJSON}.
   *
   * @example
   * ```ts
   * await fs.writeFile('breaker.json', JSON.stringify(breaker));
   * const restored = CircuitBreaker.fromJSON(JSON.parse(await fs.readFile('breaker.json', 'utf8')), options);
   * ```
   */
  toJSON(): CircuitBreakerJSON {
    const open = this.current === CircuitState.Open;
    return {
      version: BREAKER_JSON_VERSION,
      name: this.name,
      state: this.current,
      openedAt: open ? this.openUntil - this.lastBreakMs : null,
      breakEndsAt: open ? this.openUntil : null,
      recoveryAttempt: this.recoveryAttempt,
      lastStateChangeAt: this.lastStateChangeAt,
      strategy: this.strategy.snapshot(),
      counters: this.counters.toJSON(),
    };
  }

  /**
   * A breaker restored from {@link CircuitBreaker.toJSON} output, with `options` (which must
   * use the same kind of trip strategy). An open breaker keeps its original break end; one
   * whose break has already ended starts `half_open`. Throws `InvalidConfigError` for
   * malformed JSON or an unknown `version`.
   */
  static fromJSON(json: CircuitBreakerJSON, options?: CircuitBreakerOptions): CircuitBreaker {
    const valid = validateBreakerJSON(json);
    const breaker = new CircuitBreaker(valid.name, options);
    breaker.restore(valid);
    return breaker;
  }

  /** @internal Applies validated JSON to a breaker that has made no call yet. */
  restore(json: CircuitBreakerJSON): void {
    checkStrategySnapshot(this.resolved.trip, json.strategy);
    const now = this.scheduler.now();
    if (json.state === CircuitState.Open && json.openedAt !== null && json.breakEndsAt !== null && json.breakEndsAt > now) {
      this.transition(CircuitState.Open, 'restored', null, json.breakEndsAt - now);
      this.lastBreakMs = json.breakEndsAt - json.openedAt;
    } else {
      // A break that ended while the breaker was away: half-open at once.
      this.transition(json.state === CircuitState.Open ? CircuitState.HalfOpen : json.state, 'restored', null);
      this.lastBreakMs = this.resolved.recovery(Math.max(1, json.recoveryAttempt));
    }
    // After the transition, which resets the strategy and counts an opening of its own.
    try {
      this.strategy.restore(json.strategy);
    } catch (error) {
      throw new InvalidConfigError('json.strategy', json.strategy, `a snapshot of this breaker's trip strategy (${(error as Error).message})`);
    }
    this.counters.restore(json.counters);
    this.recoveryAttempt = json.recoveryAttempt;
    this.lastStateChangeAt = json.lastStateChangeAt;
  }

  /** Rejects every call until `forceClose()` or `reset()`; no recovery timer runs. */
  forceOpen(): void {
    this.manual(CircuitState.ForcedOpen);
  }

  /** Returns to a fresh `closed`: the trip strategy and streaks are cleared, totals kept. */
  forceClose(): void {
    // Disposed: stats stay as they were, like every other manual transition.
    if (this.disposed) return;
    this.strategy.reset();
    this.counters.clearStreaks();
    this.recoveryAttempt = 0;
    this.manual(CircuitState.Closed);
  }

  /** Lets every call through (outcomes are still counted) until another manual transition. */
  disable(): void {
    this.manual(CircuitState.Disabled);
  }

  /** Returns to a fresh `closed` and clears every counter and total. */
  reset(): void {
    if (this.disposed) return;
    this.strategy.reset();
    this.counters = new BreakerCounters();
    this.recoveryAttempt = 0;
    if (!this.disposed && this.events$$?.observed) {
      this.events$$!.next({ type: 'reset', breaker: this.name, at: this.scheduler.now() });
    }
    this.manual(CircuitState.Closed);
  }

  /** Cancels timers and completes `state$`, `events$` and `stats$`. Calls in flight finish; their outcomes are dropped. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cancelTimer();
    this.state$$.complete();
    this.events$$?.complete();
    this.stats$$?.complete();
  }

  /** True once `dispose()` was called. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  private manual(to: CircuitState): void {
    if (this.disposed) return;
    this.transition(to, 'manual', null);
  }

  /** @internal Moves to `to`: a new generation, so calls in flight become late outcomes. */
  transition(to: CircuitState, reason: TransitionReason, detail: string | null, breakMs?: number): void {
    // A disposed breaker keeps its last state: its streams are complete and it must schedule nothing.
    if (this.disposed) return;
    const from = this.current;
    const at = this.scheduler.now();
    this.generation++;
    this.cancelTimer();
    this.current = to;
    this.trialsUsed = 0;
    this.trialsInFlight = 0;
    this.trialSuccesses = 0;
    if (to === CircuitState.Open) {
      this.counters.openedCount++;
      this.recoveryAttempt++;
      this.lastBreakMs = breakMs ?? this.resolved.recovery(this.recoveryAttempt);
      this.openUntil = at + this.lastBreakMs;
      this.timer = scheduleUnref(this.scheduler, this.lastBreakMs, () => {
        this.timer = null;
        this.transition(CircuitState.HalfOpen, 'recovery_timeout', null);
      });
    } else if (to === CircuitState.Closed) {
      this.strategy.reset();
      this.recoveryAttempt = 0;
    }
    if (this.link !== null) this.link.transitioned(to, reason, this.lastBreakMs, this.recoveryAttempt);
    if (from === to) {
      this.publishStats();
      return;
    }
    this.lastStateChangeAt = at;
    this.state$$.next(to);
    if (this.events$$?.observed) {
      this.events$$!.next({ type: 'state_change', breaker: this.name, at, from, to, reason, detail });
    }
    this.publishStats();
  }

  // --- Shared state (a `BreakerStore`, e.g. rxjs-circuit-breaker/redis). Unused by local breakers. ---

  /** @internal Plugs a shared-state store's hooks into this breaker (`null` unplugs them). */
  setSharedLink(link: SharedLink | null): void {
    this.link = link;
  }

  /**
   * @internal Follows a transition decided elsewhere in the fleet. The link is not told (no
   * echo back to the store); calls in flight become late outcomes as with any transition.
   * Already `open`, the breaker only moves its break end to the shared one: no new break.
   */
  applyShared(shared: SharedTransition): void {
    if (this.disposed) return;
    const remaining = Math.max(0, shared.breakEndsAt - this.scheduler.now());
    if (shared.state === CircuitState.Open && this.current === CircuitState.Open) {
      this.cancelTimer();
      this.recoveryAttempt = shared.attempt;
      this.lastBreakMs = shared.breakMs;
      this.openUntil = this.scheduler.now() + remaining;
      this.timer = scheduleUnref(this.scheduler, remaining, () => {
        this.timer = null;
        this.transition(CircuitState.HalfOpen, 'recovery_timeout', null);
      });
      this.publishStats();
      return;
    }
    const link = this.link;
    this.link = null;
    try {
      if (shared.state === CircuitState.Open) this.recoveryAttempt = Math.max(0, shared.attempt - 1);
      this.transition(shared.state, shared.reason, shared.detail, remaining);
      if (shared.state === CircuitState.Open) this.lastBreakMs = shared.breakMs;
    } finally {
      this.link = link;
    }
  }

  private startHalfOpenWait(): void {
    // A disposed breaker still admits calls, but starts no timer.
    if (this.disposed) return;
    const wait = this.resolved.halfOpenMaxWait ?? this.lastBreakMs;
    this.timer = scheduleUnref(this.scheduler, wait, () => {
      this.timer = null;
      this.transition(CircuitState.Open, 'half_open_timeout', `no decision within ${wait} ms`);
    });
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.timer.unsubscribe();
      this.timer = null;
    }
  }

  private publishStats(): void {
    if (this.stats$$?.observed) this.stats$$!.next(this.stats());
  }
}
