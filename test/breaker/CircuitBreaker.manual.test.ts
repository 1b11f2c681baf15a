import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import type { CircuitBreakerOptions } from '../../src/breaker/options.js';
import type { CircuitState } from '../../src/breaker/CircuitState.js';
import { CircuitOpenError } from '../../src/errors/CircuitOpenError.js';
import { collectEvents, failCalls, succeedCalls, VirtualClock } from './helpers.js';

function setup(options: CircuitBreakerOptions = {}) {
  const clock = new VirtualClock();
  const breaker = new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: 100, scheduler: clock, ...options });
  return { clock, breaker };
}

/** Brings a fresh breaker into `state` the way a user would. */
function into(state: CircuitState) {
  const { clock, breaker } = setup();
  if (state === 'open' || state === 'half_open') failCalls(breaker);
  if (state === 'half_open') clock.advance(100);
  if (state === 'forced_open') breaker.forceOpen();
  if (state === 'disabled') breaker.disable();
  expect(breaker.state).toBe(state);
  return { clock, breaker };
}

const FROM: CircuitState[] = ['closed', 'open', 'half_open', 'forced_open', 'disabled'];
const MANUAL = [
  ['forceOpen', 'forced_open'],
  ['forceClose', 'closed'],
  ['disable', 'disabled'],
  ['reset', 'closed'],
] as const;
const MATRIX = FROM.flatMap((from) => MANUAL.map(([method, to]) => [from, method, to] as const));

describe('CircuitBreaker manual transitions', () => {
  it.each(MATRIX)('goes from %s with %s() to %s, leaving no timer', (from, method, to) => {
    const { clock, breaker } = into(from);
    const events = collectEvents(breaker);
    breaker[method]();
    expect(breaker.state).toBe(to);
    expect(clock.pending).toBe(0);
    const changes = events.filter((e) => e.type === 'state_change');
    expect(changes).toEqual(from === to ? [] : [{ type: 'state_change', breaker: 'api', at: clock.now(), from, to, reason: 'manual', detail: null }]);
  });

  it.each(MANUAL)('%s() makes calls in flight late, even without a change of state', (method) => {
    const { breaker } = setup();
    breaker.disable();
    breaker.forceClose();
    const permit = breaker.acquire();
    if (permit instanceof CircuitOpenError) throw permit;
    breaker[method]();
    const before = breaker.state;
    permit.failure(new Error('late'));
    expect(breaker.state).toBe(before);
  });

  it('cancels the half-open wait timer of a trial in flight', () => {
    const { clock, breaker } = setup({ halfOpenMaxWait: 50 });
    failCalls(breaker);
    clock.advance(100);
    breaker.acquire();
    expect(clock.pending).toBe(1);
    breaker.forceOpen();
    expect(clock.pending).toBe(0);
  });

  describe('forceOpen', () => {
    it('rejects with the forced_open state and no retry hint', () => {
      const { breaker } = setup();
      breaker.forceOpen();
      const rejection = breaker.acquire();
      expect(rejection).toBeInstanceOf(CircuitOpenError);
      expect(rejection).toMatchObject({ breakerName: 'api', state: 'forced_open', retryAfterMs: null });
    });

    it('stays forced_open however long it waits', () => {
      const { clock, breaker } = setup();
      failCalls(breaker);
      breaker.forceOpen();
      clock.advance(1_000_000);
      expect(breaker.state).toBe('forced_open');
    });
  });

  describe('forceClose', () => {
    it('clears the trip strategy, so the next trip needs a full run of failures', () => {
      const { breaker } = setup({ failureThreshold: 3 });
      failCalls(breaker, 2);
      breaker.forceClose();
      failCalls(breaker, 2);
      expect(breaker.state).toBe('closed');
    });

    it('clears the streaks and keeps the totals', () => {
      const { breaker } = setup({ failureThreshold: 3 });
      succeedCalls(breaker);
      failCalls(breaker, 2);
      breaker.forceClose();
      expect(breaker.stats()).toMatchObject({ consecutiveFailures: 0, consecutiveSuccesses: 0, failedCalls: 2, successfulCalls: 1, totalCalls: 3 });
    });
  });

  describe('reset', () => {
    it('clears every counter and total', () => {
      const { breaker } = setup();
      succeedCalls(breaker);
      failCalls(breaker);
      breaker.acquire();
      breaker.reset();
      expect(breaker.stats()).toMatchObject({
        state: 'closed',
        totalCalls: 0,
        successfulCalls: 0,
        failedCalls: 0,
        rejectedCalls: 0,
        openedCount: 0,
        consecutiveFailures: 0,
        lastFailureTime: null,
        lastSuccessTime: null,
        retryAfterMs: null,
      });
    });

    it('emits a reset event before its state_change', () => {
      const { clock, breaker } = setup();
      failCalls(breaker);
      clock.advance(5);
      const events = collectEvents(breaker);
      breaker.reset();
      expect(events.map((e) => e.type)).toEqual(['reset', 'state_change']);
      expect(events[0]).toEqual({ type: 'reset', breaker: 'api', at: 5 });
    });
  });

  describe('disable', () => {
    it('lets every call through and still counts its outcome', () => {
      const { breaker } = setup();
      breaker.disable();
      failCalls(breaker, 10);
      succeedCalls(breaker);
      expect(breaker.state).toBe('disabled');
      expect(breaker.stats()).toMatchObject({ failedCalls: 10, successfulCalls: 1, totalCalls: 11, rejectedCalls: 0, openedCount: 0 });
    });

    it('starts disabled with enabled: false', () => {
      const { breaker } = setup({ enabled: false });
      failCalls(breaker, 3);
      expect(breaker.state).toBe('disabled');
    });
  });
});

describe('CircuitBreaker dispose', () => {
  it('completes state$, events$ and stats$', () => {
    const { breaker } = setup();
    const completed: string[] = [];
    breaker.state$.subscribe({ complete: () => completed.push('state$') });
    breaker.events$.subscribe({ complete: () => completed.push('events$') });
    breaker.stats$.subscribe({ complete: () => completed.push('stats$') });
    breaker.dispose();
    expect(completed).toEqual(['state$', 'events$', 'stats$']);
    expect(breaker.isDisposed).toBe(true);
  });

  it('completes events$ and stats$ at once for a subscriber that comes afterwards', () => {
    const { breaker } = setup();
    breaker.dispose();
    const completed: string[] = [];
    breaker.state$.subscribe({ complete: () => completed.push('state$') });
    breaker.events$.subscribe({ complete: () => completed.push('events$') });
    breaker.stats$.subscribe({ complete: () => completed.push('stats$') });
    expect(completed).toEqual(['state$', 'events$', 'stats$']);
  });

  it('cancels the recovery timer', () => {
    const { clock, breaker } = setup();
    failCalls(breaker);
    expect(clock.pending).toBe(1);
    breaker.dispose();
    expect(clock.pending).toBe(0);
  });

  it('cancels the half-open wait timer', () => {
    const { clock, breaker } = setup();
    failCalls(breaker);
    clock.advance(100);
    breaker.acquire();
    breaker.dispose();
    expect(clock.pending).toBe(0);
  });

  it('lets calls in flight finish and drops their outcomes', () => {
    const { breaker } = setup();
    const permit = breaker.acquire();
    if (permit instanceof CircuitOpenError) throw permit;
    const before = breaker.stats();
    breaker.dispose();
    permit.failure(new Error('after dispose'));
    expect(breaker.stats()).toEqual(before);
    expect(breaker.state).toBe('closed');
  });

  it('ignores manual transitions afterwards', () => {
    const { breaker } = setup();
    breaker.dispose();
    breaker.forceOpen();
    breaker.disable();
    expect(breaker.state).toBe('closed');
  });

  it.each(['forceClose', 'reset'] as const)('leaves the stats alone on %s() afterwards', (method) => {
    const { breaker } = setup({ failureThreshold: 3 });
    failCalls(breaker, 2);
    breaker.dispose();
    const before = breaker.stats();
    breaker[method]();
    expect(breaker.stats()).toEqual(before);
  });

  it('schedules nothing for a call that arrives after the break of a disposed breaker ended', () => {
    const { clock, breaker } = setup();
    failCalls(breaker);
    breaker.dispose();
    clock.advance(200);
    breaker.acquire();
    expect(clock.pending).toBe(0);
  });

  it('schedules nothing for a trial admitted by a disposed half-open breaker', () => {
    const { clock, breaker } = setup();
    failCalls(breaker);
    clock.advance(100);
    breaker.dispose();
    breaker.acquire();
    expect(clock.pending).toBe(0);
  });

  it('can be called twice', () => {
    const { breaker } = setup();
    breaker.dispose();
    expect(() => breaker.dispose()).not.toThrow();
  });
});
