import { describe, expect, it } from 'vitest';
import {
  BREAKER_JSON_VERSION,
  CircuitBreaker,
  countWindow,
  exponentialBackoff,
  failureRate,
  isCircuitOpenError,
  isInvalidConfigError,
  timeWindow,
} from '../../index.js';
import type { CircuitBreakerJSON, CircuitBreakerOptions } from '../../index.js';
import { collectEvents, failCalls, succeedCalls, thrown, transitions, VirtualClock } from './helpers.js';

/** A virtual clock already at `ms`: the "same wall clock" of another process. */
function clockAt(ms: number): VirtualClock {
  const clock = new VirtualClock();
  clock.advance(ms);
  return clock;
}

/** Through a JSON string, as a file or a key-value store would carry it. */
function roundTrip(breaker: CircuitBreaker): CircuitBreakerJSON {
  return JSON.parse(JSON.stringify(breaker)) as CircuitBreakerJSON;
}

/** `fromJSON(json)` on a fresh clock at the same time as `clock`, with the same options. */
function restoreAt(clock: VirtualClock, breaker: CircuitBreaker, options: CircuitBreakerOptions): { restored: CircuitBreaker; clock: VirtualClock } {
  const other = clockAt(clock.now());
  return { restored: CircuitBreaker.fromJSON(roundTrip(breaker), { ...options, scheduler: other }), clock: other };
}

function tripsOnNextFailure(breaker: CircuitBreaker): boolean {
  failCalls(breaker);
  return breaker.state === 'open';
}

describe('CircuitBreaker.toJSON() / fromJSON() in closed', () => {
  it('carries a partly counted run of consecutive failures', () => {
    const clock = new VirtualClock();
    const options = { failureThreshold: 3 };
    const original = new CircuitBreaker('api', { ...options, scheduler: clock });
    failCalls(original, 2);
    const { restored } = restoreAt(clock, original, options);
    expect(restored.state).toBe('closed');
    expect(tripsOnNextFailure(restored)).toBe(true);
    expect(tripsOnNextFailure(original)).toBe(true);
  });

  it('carries a failureRate countWindow: the restored breaker trips on the same next failure as the original', () => {
    const clock = new VirtualClock();
    const options = { trip: failureRate({ threshold: 0.5, minimumCalls: 4, window: countWindow(4) }) };
    const original = new CircuitBreaker('api', { ...options, scheduler: clock });
    succeedCalls(original, 2);
    failCalls(original, 1);
    const { restored } = restoreAt(clock, original, options);
    const fresh = new CircuitBreaker('api', { ...options, scheduler: clock });
    expect(tripsOnNextFailure(fresh)).toBe(false);
    expect(tripsOnNextFailure(restored)).toBe(true);
    expect(tripsOnNextFailure(original)).toBe(true);
  });

  it('carries a failureRate timeWindow, whose buckets then age out as the original’s do', () => {
    const clock = new VirtualClock();
    const options = { trip: failureRate({ threshold: 0.5, minimumCalls: 3, window: timeWindow(1_000, 10) }) };
    const original = new CircuitBreaker('api', { ...options, scheduler: clock });
    failCalls(original, 1);
    clock.advance(300);
    succeedCalls(original, 1);
    const saved = roundTrip(original);
    const sameTime = clockAt(300);
    const restored = CircuitBreaker.fromJSON(saved, { ...options, scheduler: sameTime });
    expect(tripsOnNextFailure(restored)).toBe(true);
    // One second on, the first bucket has left both windows: 2 calls, below minimumCalls.
    const later = clockAt(1_050);
    const restoredLater = CircuitBreaker.fromJSON(saved, { ...options, scheduler: later });
    clock.advance(750);
    expect(tripsOnNextFailure(restoredLater)).toBe(false);
    expect(tripsOnNextFailure(original)).toBe(false);
  });

  it('carries the counters behind stats()', () => {
    const clock = new VirtualClock();
    const original = new CircuitBreaker('api', { failureThreshold: 2, recoveryTimeout: 100, halfOpenMaxCalls: 1, scheduler: clock });
    succeedCalls(original, 3);
    clock.advance(50);
    failCalls(original, 2);
    original.acquire();
    clock.advance(100);
    succeedCalls(original, 1);
    const { restored } = restoreAt(clock, original, { failureThreshold: 2 });
    const { state: _s, ...expected } = original.stats();
    expect(restored.stats()).toMatchObject(expected);
    expect(restored.stats()).toMatchObject({ totalCalls: 7, successfulCalls: 4, failedCalls: 2, rejectedCalls: 1, openedCount: 1 });
    expect(restored.stats().lastFailureTime).toBe(new Date(50).toISOString());
  });
});

describe('CircuitBreaker.toJSON() / fromJSON() in open', () => {
  function openedAt100(clock: VirtualClock): CircuitBreaker {
    const breaker = new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: 1_000, scheduler: clock });
    clock.advance(100);
    failCalls(breaker);
    return breaker;
  }

  it('records when the break started and when it ends, in scheduler time', () => {
    const clock = new VirtualClock();
    const json = openedAt100(clock).toJSON();
    expect(json).toMatchObject({ version: 1, name: 'api', state: 'open', openedAt: 100, breakEndsAt: 1_100, recoveryAttempt: 1 });
  });

  it('keeps the original break end: retryAfterMs continues and it half-opens at the same time as the original', () => {
    const clock = new VirtualClock();
    const original = openedAt100(clock);
    clock.advance(300);
    const { restored, clock: other } = restoreAt(clock, original, { failureThreshold: 1, recoveryTimeout: 1_000 });
    expect(restored.state).toBe('open');
    expect(restored.stats().retryAfterMs).toBe(700);
    expect(restored.toJSON()).toMatchObject({ openedAt: 100, breakEndsAt: 1_100 });
    const rejection = restored.acquire();
    expect(isCircuitOpenError(rejection) && rejection.retryAfterMs).toBe(700);
    other.advance(699);
    clock.advance(699);
    expect([restored.state, original.state]).toEqual(['open', 'open']);
    other.advance(1);
    clock.advance(1);
    expect([restored.state, original.state]).toEqual(['half_open', 'half_open']);
    expect(other.now()).toBe(1_100);
  });

  it('half-opens at once when the break ended while it was away', () => {
    const clock = new VirtualClock();
    const saved = roundTrip(openedAt100(clock));
    const restored = CircuitBreaker.fromJSON(saved, { failureThreshold: 1, scheduler: clockAt(5_000) });
    expect(restored.state).toBe('half_open');
    expect(restored.acquire()).not.toBeInstanceOf(Error);
  });

  it('announces the restored state on events$ with reason restored', () => {
    const clock = new VirtualClock();
    const saved = roundTrip(openedAt100(clock));
    const target = new CircuitBreaker('api', { failureThreshold: 1, scheduler: clockAt(100) });
    const events = collectEvents(target);
    target.restore(saved);
    expect(transitions(events)).toEqual(['closed>open:restored']);
  });

  it('carries the recovery attempt count, so a growing Backoff continues where it was', () => {
    const clock = new VirtualClock();
    const options = { failureThreshold: 1, halfOpenMaxCalls: 1, recoveryTimeout: exponentialBackoff({ initialDelay: 1_000 }) };
    const original = new CircuitBreaker('api', { ...options, scheduler: clock });
    failCalls(original); // break 1: 1 s
    clock.advance(1_000);
    failCalls(original); // a failed trial: break 2, 2 s
    expect(original.stats().retryAfterMs).toBe(2_000);
    const { restored, clock: other } = restoreAt(clock, original, options);
    expect(restored.toJSON().recoveryAttempt).toBe(2);
    other.advance(2_000);
    failCalls(restored); // break 3: 4 s, as the original would take
    expect(restored.stats().retryAfterMs).toBe(4_000);
  });
});

describe('CircuitBreaker.toJSON() / fromJSON() in the other states', () => {
  it('restores half_open, whose trials then close it', () => {
    const clock = new VirtualClock();
    const options = { failureThreshold: 1, recoveryTimeout: 1_000, halfOpenMaxCalls: 2, successThreshold: 2 };
    const original = new CircuitBreaker('api', { ...options, scheduler: clock });
    failCalls(original);
    clock.advance(1_000);
    const { restored } = restoreAt(clock, original, options);
    expect(restored.state).toBe('half_open');
    succeedCalls(restored, 2);
    expect(restored.state).toBe('closed');
  });

  it('restores forced_open, which rejects and runs no timer', () => {
    const clock = new VirtualClock();
    const original = new CircuitBreaker('api', { scheduler: clock });
    original.forceOpen();
    const { restored, clock: other } = restoreAt(clock, original, {});
    expect(restored.state).toBe('forced_open');
    expect(isCircuitOpenError(restored.acquire())).toBe(true);
    expect(other.pending).toBe(0);
    other.advance(3_600_000);
    expect(restored.state).toBe('forced_open');
  });

  it('restores disabled, which lets every call through', () => {
    const clock = new VirtualClock();
    const original = new CircuitBreaker('api', { failureThreshold: 1, scheduler: clock });
    original.disable();
    const { restored } = restoreAt(clock, original, { failureThreshold: 1 });
    expect(restored.state).toBe('disabled');
    failCalls(restored, 3);
    expect(restored.state).toBe('disabled');
  });

  it('keeps the time of the last state change', () => {
    const clock = new VirtualClock();
    const original = new CircuitBreaker('api', { scheduler: clock });
    clock.advance(250);
    original.forceOpen();
    clock.advance(1_000);
    const { restored } = restoreAt(clock, original, {});
    expect(restored.stats().lastStateChange).toBe(new Date(250).toISOString());
  });
});

describe('CircuitBreaker JSON format', () => {
  it('is what JSON.stringify(breaker) writes, and carries the name and version', () => {
    const breaker = new CircuitBreaker('payments', { scheduler: new VirtualClock() });
    const parsed = JSON.parse(JSON.stringify(breaker)) as CircuitBreakerJSON;
    expect(parsed).toEqual(breaker.toJSON());
    expect(parsed.version).toBe(BREAKER_JSON_VERSION);
    expect(CircuitBreaker.fromJSON(parsed).name).toBe('payments');
  });

  it('rejects an unknown version with an InvalidConfigError naming the version found', () => {
    const json = { ...new CircuitBreaker('api').toJSON(), version: 2 };
    const error = thrown(() => CircuitBreaker.fromJSON(json as never));
    expect(isInvalidConfigError(error)).toBe(true);
    expect(error).toMatchObject({ option: 'json.version', value: 2 });
    expect((error as Error).message).toMatch(/got 2\b/);
  });

  const valid = (): Record<string, unknown> => JSON.parse(JSON.stringify(new CircuitBreaker('api'))) as Record<string, unknown>;
  const cases: [string, (json: Record<string, unknown>) => unknown, string][] = [
    ['not an object', () => 'open', 'json'],
    ['no version', (j) => ({ ...j, version: undefined }), 'json.version'],
    ['an empty name', (j) => ({ ...j, name: '' }), 'json.name'],
    ['an unknown state', (j) => ({ ...j, state: 'ajar' }), 'json.state'],
    ['a string openedAt', (j) => ({ ...j, openedAt: 'yesterday' }), 'json.openedAt'],
    ['a string breakEndsAt', (j) => ({ ...j, breakEndsAt: 'soon' }), 'json.breakEndsAt'],
    ['open without a break end', (j) => ({ ...j, state: 'open', openedAt: 0, breakEndsAt: null }), 'json.breakEndsAt'],
    ['open without a break start', (j) => ({ ...j, state: 'open', openedAt: null, breakEndsAt: 1_000 }), 'json.openedAt'],
    ['a negative recovery attempt', (j) => ({ ...j, recoveryAttempt: -1 }), 'json.recoveryAttempt'],
    ['no lastStateChangeAt', (j) => ({ ...j, lastStateChangeAt: null }), 'json.lastStateChangeAt'],
    ['no counters', (j) => ({ ...j, counters: null }), 'json.counters'],
    ['a fractional counter', (j) => ({ ...j, counters: { ...(j.counters as object), totalCalls: 1.5 } }), 'json.counters.totalCalls'],
    ['a string time in the counters', (j) => ({ ...j, counters: { ...(j.counters as object), lastFailureAt: 'now' } }), 'json.counters.lastFailureAt'],
    ['another strategy’s snapshot', (j) => ({ ...j, strategy: { size: 4, outcomes: [] } }), 'json.strategy'],
  ];

  it('changes nothing when the strategy snapshot does not fit', () => {
    const breaker = new CircuitBreaker('api');
    const json = { ...breaker.toJSON(), state: 'forced_open' as const, strategy: { size: 4 } };
    expect(thrown(() => breaker.restore(json))).toMatchObject({ option: 'json.strategy' });
    expect(breaker.state).toBe('closed');
  });

  it.each(cases)('rejects %s with an InvalidConfigError naming the field', (_, corrupt, option) => {
    const error = thrown(() => CircuitBreaker.fromJSON(corrupt(valid()) as never));
    expect(isInvalidConfigError(error)).toBe(true);
    expect((error as { option: string }).option).toBe(option);
  });
});
