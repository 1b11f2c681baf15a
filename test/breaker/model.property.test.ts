import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallPermit } from '../../src/breaker/CallPermit.js';
import { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import type { CircuitState } from '../../src/breaker/CircuitState.js';
import { CircuitOpenError } from '../../src/errors/CircuitOpenError.js';
import { IgnoredError, VirtualClock } from './helpers.js';

// A reference model of DESIGN.md §2, §3 and §8, written from the text rather than from the code:
// the state, the consecutive-failure count of the trip rule, the half-open round (slots used,
// trials in flight, successes), the break end and the half-open deadline. Random sequences of
// calls, outcomes, cancellations, manual transitions, time steps and dispose() run against it
// and against the real breaker on a virtual clock; after every step both must agree.

interface Config {
  failureThreshold: number;
  breakMs: number;
  growing: boolean;
  halfOpenMaxCalls: number;
  successThreshold: number;
  halfOpenMaxWait: number | undefined;
}

type Outcome = 'success' | 'failure' | 'timeout' | 'ignored' | 'cancel';
type Manual = 'forceOpen' | 'forceClose' | 'disable' | 'reset';
type Command =
  | { kind: 'call' }
  | { kind: 'settle'; index: number; outcome: Outcome }
  | { kind: 'manual'; method: Manual }
  | { kind: 'advance'; ms: number }
  | { kind: 'dispose' };

interface ModelCall {
  generation: number;
  trial: boolean;
}

class Model {
  state: CircuitState = 'closed';
  generation = 0;
  failures = 0;
  attempt = 0;
  lastBreak = 0;
  breakEnd = 0;
  waitEnd: number | null = null;
  slotsUsed = 0;
  trialsInFlight = 0;
  successes = 0;
  streakFailures = 0;
  streakSuccesses = 0;
  disposed = false;
  now = 0;

  constructor(private readonly config: Config) {}

  private recovery(attempt: number): number {
    return this.config.growing ? this.config.breakMs * attempt : this.config.breakMs;
  }

  private enter(state: CircuitState): void {
    this.generation++;
    this.state = state;
    this.waitEnd = null;
    this.slotsUsed = 0;
    this.trialsInFlight = 0;
    this.successes = 0;
    if (state === 'open') {
      this.attempt++;
      this.lastBreak = this.recovery(this.attempt);
      this.breakEnd = this.now + this.lastBreak;
    } else if (state === 'closed') {
      this.failures = 0;
      this.attempt = 0;
    }
  }

  get timerPending(): boolean {
    return !this.disposed && (this.state === 'open' || (this.state === 'half_open' && this.waitEnd !== null));
  }

  get retryAfterMs(): number | null {
    return this.state === 'open' ? Math.max(0, this.breakEnd - this.now) : null;
  }

  advance(ms: number): void {
    const target = this.now + ms;
    for (;;) {
      if (!this.timerPending) break;
      const due = this.state === 'open' ? this.breakEnd : (this.waitEnd as number);
      if (due > target) break;
      this.now = due;
      this.enter(this.state === 'open' ? 'half_open' : 'open');
    }
    this.now = target;
  }

  /** The call admitted, or null when it is rejected. */
  acquire(): ModelCall | null {
    if (this.state === 'closed' || this.state === 'disabled') return { generation: this.generation, trial: false };
    if (this.state === 'open' && this.now >= this.breakEnd && !this.disposed) this.enter('half_open');
    if (this.state === 'half_open' && this.slotsUsed < this.config.halfOpenMaxCalls) {
      this.slotsUsed++;
      this.trialsInFlight++;
      if (this.waitEnd === null && !this.disposed) this.waitEnd = this.now + (this.config.halfOpenMaxWait ?? this.lastBreak);
      return { generation: this.generation, trial: true };
    }
    return null;
  }

  settle(call: ModelCall, outcome: Outcome): void {
    if (this.disposed) return;
    const failed = outcome === 'failure' || outcome === 'timeout';
    if (outcome === 'success') {
      this.streakSuccesses++;
      this.streakFailures = 0;
    } else if (failed) {
      this.streakFailures++;
      this.streakSuccesses = 0;
    }
    if (call.generation !== this.generation) return;
    if (call.trial) {
      this.trialsInFlight--;
      if (outcome === 'success') {
        if (++this.successes >= this.config.successThreshold) this.enter('closed');
      } else if (failed) {
        this.enter('open');
      } else {
        this.slotsUsed--;
      }
    } else if (this.state === 'closed') {
      if (outcome === 'success') this.failures = 0;
      if (failed && ++this.failures >= this.config.failureThreshold) this.enter('open');
    }
  }

  manual(method: Manual): void {
    if (this.disposed) return;
    if (method === 'forceClose' || method === 'reset') {
      this.streakFailures = 0;
      this.streakSuccesses = 0;
    }
    const to: Record<Manual, CircuitState> = { forceOpen: 'forced_open', forceClose: 'closed', disable: 'disabled', reset: 'closed' };
    this.enter(to[method]);
  }

  dispose(): void {
    this.disposed = true;
  }
}

const configArb: fc.Arbitrary<Config> = fc
  .record({
    failureThreshold: fc.integer({ min: 1, max: 3 }),
    breakMs: fc.integer({ min: 1, max: 60 }),
    growing: fc.boolean(),
    halfOpenMaxCalls: fc.integer({ min: 1, max: 3 }),
    successThreshold: fc.integer({ min: 1, max: 3 }),
    halfOpenMaxWait: fc.option(fc.integer({ min: 1, max: 80 }), { nil: undefined }),
  })
  .map((c) => ({ ...c, successThreshold: Math.min(c.successThreshold, c.halfOpenMaxCalls) }));

// dispose() is rare, so that most sequences run long before it (and some go on after it).
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 30, arbitrary: fc.constant({ kind: 'call' as const }) },
  {
    weight: 30,
    arbitrary: fc.record({
      kind: fc.constant('settle' as const),
      index: fc.nat(),
      outcome: fc.constantFrom<Outcome>('success', 'failure', 'timeout', 'ignored', 'cancel'),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('manual' as const), method: fc.constantFrom<Manual>('forceOpen', 'forceClose', 'disable', 'reset') }),
  },
  { weight: 18, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 150 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'dispose' as const }) },
);

function run(config: Config, commands: readonly Command[]): void {
  const clock = new VirtualClock();
  const breaker = new CircuitBreaker('model', {
    failureThreshold: config.failureThreshold,
    recoveryTimeout: config.growing ? (attempt: number) => config.breakMs * attempt : config.breakMs,
    halfOpenMaxCalls: config.halfOpenMaxCalls,
    successThreshold: config.successThreshold,
    ...(config.halfOpenMaxWait === undefined ? {} : { halfOpenMaxWait: config.halfOpenMaxWait }),
    ignoreErrors: IgnoredError,
    scheduler: clock,
  });
  const model = new Model(config);
  const calls: { permit: CallPermit; model: ModelCall }[] = [];

  // Compared as one JSON string per step (fast); vitest's diff only when they differ.
  const check = (step: number) => {
    const stats = breaker.stats();
    const actual = {
      state: breaker.state,
      halfOpenTrials: stats.halfOpenTrials,
      withinPermits: stats.halfOpenTrials <= config.halfOpenMaxCalls,
      retryAfterMs: stats.retryAfterMs,
      streaks: [stats.consecutiveFailures, stats.consecutiveSuccesses],
      timers: clock.pending,
    };
    const expected = {
      state: model.state,
      halfOpenTrials: model.trialsInFlight,
      withinPermits: true,
      retryAfterMs: model.retryAfterMs,
      streaks: [model.streakFailures, model.streakSuccesses],
      timers: model.timerPending ? 1 : 0,
    };
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      expect(actual, `after step ${step} (${JSON.stringify(commands[step])})`).toEqual(expected);
    }
  };

  commands.forEach((command, step) => {
    switch (command.kind) {
      case 'call': {
        const expected = model.acquire();
        const permit = breaker.acquire();
        if (expected === null) {
          if (!(permit instanceof CircuitOpenError) || permit.state !== model.state || permit.retryAfterMs !== model.retryAfterMs) {
            expect(permit, `call at step ${step} is rejected`).toMatchObject({ state: model.state, retryAfterMs: model.retryAfterMs });
          }
        } else {
          if (!(permit instanceof CallPermit)) expect(permit, `call at step ${step} is admitted`).toBeInstanceOf(CallPermit);
          calls.push({ permit: permit as CallPermit, model: expected });
        }
        break;
      }
      case 'settle': {
        if (calls.length === 0) break;
        const [call] = calls.splice(command.index % calls.length, 1);
        if (call === undefined) break;
        model.settle(call.model, command.outcome);
        const { permit } = call;
        if (command.outcome === 'success') permit.success();
        else if (command.outcome === 'failure') permit.error(new Error('down'));
        else if (command.outcome === 'timeout') permit.timeout(new Error('slow'));
        else if (command.outcome === 'ignored') permit.error(new IgnoredError('busy'));
        else permit.cancel();
        break;
      }
      case 'manual':
        model.manual(command.method);
        breaker[command.method]();
        break;
      case 'advance':
        model.advance(command.ms);
        clock.advance(command.ms);
        break;
      case 'dispose':
        model.dispose();
        breaker.dispose();
        break;
    }
    check(step);
  });

  breaker.dispose();
  expect(clock.pending, 'after dispose()').toBe(0);
  // A disposed breaker schedules nothing, whatever comes afterwards.
  for (const { permit } of calls) permit.failure(new Error('after dispose'));
  breaker.acquire();
  clock.advance(1_000);
  breaker.acquire();
  expect(clock.pending, 'calls after dispose()').toBe(0);
}

describe('CircuitBreaker against a reference model', () => {
  it('agrees with the model on every step, keeps to its half-open permits and leaves no timer after dispose()', () => {
    fc.assert(
      fc.property(configArb, fc.array(commandArb, { maxLength: 80, size: 'max' }), (config, commands) => run(config, commands)),
      { numRuns: 200 },
    );
  });

  it('agrees with the model on a round that re-opens, recovers and closes', () => {
    run({ failureThreshold: 2, breakMs: 10, growing: true, halfOpenMaxCalls: 2, successThreshold: 2, halfOpenMaxWait: undefined }, [
      { kind: 'call' },
      { kind: 'call' },
      { kind: 'settle', index: 0, outcome: 'failure' },
      { kind: 'settle', index: 0, outcome: 'timeout' },
      { kind: 'advance', ms: 10 },
      { kind: 'call' },
      { kind: 'call' },
      { kind: 'call' },
      { kind: 'settle', index: 0, outcome: 'failure' },
      { kind: 'advance', ms: 20 },
      { kind: 'call' },
      { kind: 'settle', index: 1, outcome: 'ignored' },
      { kind: 'call' },
      { kind: 'call' },
      { kind: 'settle', index: 1, outcome: 'success' },
      { kind: 'settle', index: 1, outcome: 'success' },
    ]);
  });
});
