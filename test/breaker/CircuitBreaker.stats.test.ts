import { describe, expect, it } from 'vitest';
import { CallPermit } from '../../src/breaker/CallPermit.js';
import { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import type { CircuitBreakerOptions } from '../../src/breaker/options.js';
import type { CircuitStats } from '../../src/breaker/types.js';
import { CircuitOpenError } from '../../src/errors/CircuitOpenError.js';
import { collectEvents, failCalls, IgnoredError, succeedCalls, VirtualClock } from './helpers.js';

const iso = (ms: number) => new Date(ms).toISOString();

function setup(options: CircuitBreakerOptions = {}) {
  const clock = new VirtualClock();
  const breaker = new CircuitBreaker('api', {
    failureThreshold: 2,
    recoveryTimeout: 100,
    halfOpenMaxCalls: 1,
    ignoreErrors: IgnoredError,
    scheduler: clock,
    ...options,
  });
  return { clock, breaker };
}

function permitOf(breaker: CircuitBreaker): CallPermit {
  const permit = breaker.acquire();
  if (!(permit instanceof CallPermit)) throw permit;
  return permit;
}

/** success, ignored, cancelled, failure, timeout (opens at 40), rejected: one of each. */
function knownSequence() {
  const { clock, breaker } = setup();
  clock.advance(5);
  const first = permitOf(breaker);
  clock.advance(5);
  first.success();
  clock.advance(10);
  permitOf(breaker).error(new IgnoredError('busy'));
  clock.advance(5);
  permitOf(breaker).cancel();
  clock.advance(5);
  permitOf(breaker).failure(new Error('boom'));
  clock.advance(10);
  permitOf(breaker).timeout(new Error('slow'));
  clock.advance(10);
  breaker.acquire();
  clock.advance(10);
  return { clock, breaker };
}

describe('CircuitBreaker stats', () => {
  it('reports every field after a known sequence of calls', () => {
    const { breaker } = knownSequence();
    const stats = breaker.stats();
    expect(stats).toEqual({
      name: 'api',
      state: 'open',
      totalCalls: 6,
      successfulCalls: 1,
      failedCalls: 2,
      rejectedCalls: 1,
      ignoredCalls: 1,
      cancelledCalls: 1,
      timeouts: 1,
      successRate: expect.closeTo(33.333, 3) as number,
      failureRate: expect.closeTo(66.667, 3) as number,
      openedCount: 1,
      consecutiveFailures: 2,
      consecutiveSuccesses: 0,
      lastFailureTime: iso(40),
      lastSuccessTime: iso(10),
      lastStateChange: iso(40),
      retryAfterMs: 80,
      halfOpenTrials: 0,
    } satisfies Record<keyof CircuitStats, unknown>);
  });

  it('is JSON-safe', () => {
    const { breaker } = knownSequence();
    const stats = breaker.stats();
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
  });

  it('reports rates of 100 and 0 percent before any success or failure', () => {
    const { breaker } = setup();
    breaker.acquire();
    permitOf(breaker).cancel();
    expect(breaker.stats()).toMatchObject({ successRate: 100, failureRate: 0 });
  });

  it('starts lastStateChange at creation and the other times at null', () => {
    const clock = new VirtualClock();
    clock.advance(1_234);
    const breaker = new CircuitBreaker('api', { scheduler: clock });
    expect(breaker.stats()).toMatchObject({ lastStateChange: iso(1_234), lastFailureTime: null, lastSuccessTime: null });
  });

  it('keeps the consecutive counters across opening and resets them with the opposite outcome', () => {
    const { clock, breaker } = knownSequence();
    expect(breaker.stats().consecutiveFailures).toBe(2);
    clock.advance(100);
    succeedCalls(breaker);
    expect(breaker.stats()).toMatchObject({ state: 'closed', consecutiveFailures: 0, consecutiveSuccesses: 1, lastStateChange: iso(160) });
  });

  const notOpen: [string, (breaker: CircuitBreaker, clock: VirtualClock) => void][] = [
    ['closed', () => undefined],
    [
      'half_open',
      (breaker, clock) => {
        failCalls(breaker, 2);
        clock.advance(100);
      },
    ],
    ['forced_open', (breaker) => breaker.forceOpen()],
    ['disabled', (breaker) => breaker.disable()],
  ];

  it.each(notOpen)('reports no retryAfterMs while %s', (state, into) => {
    const { clock, breaker } = setup();
    into(breaker, clock);
    expect(breaker.stats()).toMatchObject({ state, retryAfterMs: null });
  });

  it('counts down retryAfterMs while open', () => {
    const { clock, breaker } = setup();
    failCalls(breaker, 2);
    clock.advance(30);
    expect(breaker.stats().retryAfterMs).toBe(70);
  });

  it('counts a timeout in failedCalls and in timeouts', () => {
    const { breaker } = setup();
    permitOf(breaker).timeout(new Error('slow'));
    expect(breaker.stats()).toMatchObject({ failedCalls: 1, timeouts: 1, consecutiveFailures: 1 });
  });

  it('counts an error that recordErrors does not match as a success', () => {
    const { breaker } = setup({ recordErrors: TypeError });
    expect(permitOf(breaker).error(new RangeError('answered'))).toBe('success');
    expect(breaker.stats()).toMatchObject({ successfulCalls: 1, failedCalls: 0 });
  });
});

describe('CircuitBreaker stats$', () => {
  it('gives the current stats on subscribe', () => {
    const { breaker } = knownSequence();
    const seen: CircuitStats[] = [];
    breaker.stats$.subscribe((s) => seen.push(s));
    expect(seen).toEqual([breaker.stats()]);
  });

  it('gives a fresh snapshot after each outcome, rejection and transition', () => {
    const { clock, breaker } = setup();
    const seen: string[] = [];
    breaker.stats$.subscribe((s) => seen.push(`${s.state}:${s.totalCalls}`));
    succeedCalls(breaker);
    failCalls(breaker, 2);
    breaker.acquire();
    clock.advance(100);
    breaker.forceOpen();
    expect(seen).toEqual(['closed:0', 'closed:1', 'closed:2', 'open:3', 'open:4', 'half_open:4', 'forced_open:4']);
  });
});

describe('CircuitBreaker events$', () => {
  it('reports each outcome with its breaker, time, duration and lateness', () => {
    const { clock, breaker } = setup({ failureThreshold: 5 });
    const events = collectEvents(breaker);
    const error = new Error('boom');
    const ignored = new IgnoredError('busy');
    const timeout = new Error('slow');
    const permits = [permitOf(breaker), permitOf(breaker), permitOf(breaker), permitOf(breaker), permitOf(breaker)];
    clock.advance(7);
    permits[0]?.success();
    permits[1]?.failure(error);
    permits[2]?.timeout(timeout);
    permits[3]?.error(ignored);
    permits[4]?.cancel();
    const common = { breaker: 'api', at: 7, durationMs: 7, late: false };
    expect(events).toEqual([
      { type: 'success', ...common },
      { type: 'failure', ...common, error },
      { type: 'timeout', ...common, error: timeout },
      { type: 'ignored', ...common, error: ignored },
      { type: 'cancelled', ...common },
    ]);
  });

  it('reports a rejection with the state and the retry hint', () => {
    const { clock, breaker } = setup();
    failCalls(breaker, 2);
    clock.advance(25);
    const events = collectEvents(breaker);
    breaker.acquire();
    expect(events).toEqual([{ type: 'rejected', breaker: 'api', at: 25, state: 'open', retryAfterMs: 75 }]);
  });

  it('reports a trip after the failure that caused it, with the strategy description', () => {
    const { clock, breaker } = setup();
    const events = collectEvents(breaker);
    clock.advance(3);
    failCalls(breaker, 2);
    expect(events.map((e) => e.type)).toEqual(['failure', 'failure', 'state_change']);
    expect(events[2]).toEqual({
      type: 'state_change',
      breaker: 'api',
      at: 3,
      from: 'closed',
      to: 'open',
      reason: 'failure_threshold',
      detail: '2 consecutive failures',
    });
  });

  it('reports the reasons of the recovery round', () => {
    const { clock, breaker } = setup({ halfOpenMaxCalls: 2 });
    const events = collectEvents(breaker);
    failCalls(breaker, 2);
    clock.advance(100);
    failCalls(breaker);
    clock.advance(100);
    succeedCalls(breaker, 2);
    expect(events.filter((e) => e.type === 'state_change').map((e) => [e.from, e.to, e.reason, e.detail])).toEqual([
      ['closed', 'open', 'failure_threshold', '2 consecutive failures'],
      ['open', 'half_open', 'recovery_timeout', null],
      ['half_open', 'open', 'trial_failed', 'a trial call failed'],
      ['open', 'half_open', 'recovery_timeout', null],
      ['half_open', 'closed', 'trials_succeeded', '2 successful call(s)'],
    ]);
  });

  it('emits state$ as distinct values, current first', () => {
    const { breaker } = setup();
    const states: string[] = [];
    breaker.forceClose();
    breaker.state$.subscribe((s) => states.push(s));
    breaker.forceClose();
    breaker.disable();
    breaker.disable();
    expect(states).toEqual(['closed', 'disabled']);
  });

  it('rejects with the state the breaker is in', () => {
    const { breaker } = setup();
    failCalls(breaker, 2);
    const rejection = breaker.acquire();
    expect(rejection).toBeInstanceOf(CircuitOpenError);
    expect(rejection).toMatchObject({ breakerName: 'api', state: 'open', retryAfterMs: 100 });
  });
});
