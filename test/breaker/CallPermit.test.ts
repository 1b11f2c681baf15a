import { describe, expect, it } from 'vitest';
import { CallPermit } from '../../src/breaker/CallPermit.js';
import { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import { slowCallRate } from '../../src/strategies/slowCallRate.js';
import { IgnoredError, VirtualClock } from './helpers.js';

function permitOf(breaker: CircuitBreaker): CallPermit {
  const permit = breaker.acquire();
  if (!(permit instanceof CallPermit)) throw permit;
  return permit;
}

describe('CallPermit', () => {
  it('records only its first outcome', () => {
    const breaker = new CircuitBreaker('api', { failureThreshold: 1 });
    const permit = permitOf(breaker);
    permit.success();
    permit.failure(new Error('late'));
    permit.timeout(new Error('later'));
    permit.cancel();
    permit.error(new Error('latest'));
    expect(breaker.stats()).toMatchObject({ totalCalls: 1, successfulCalls: 1, failedCalls: 0, state: 'closed' });
  });

  it('is done once an outcome was recorded', () => {
    const permit = permitOf(new CircuitBreaker('api'));
    expect(permit.done).toBe(false);
    permit.cancel();
    expect(permit.done).toBe(true);
  });

  it('knows when its call started, in scheduler time, when the duration is used', () => {
    const clock = new VirtualClock();
    clock.advance(42);
    const breaker = new CircuitBreaker('api', { scheduler: clock, trip: slowCallRate({ slowerThan: 100 }) });
    expect(permitOf(breaker).startedAt).toBe(42);
  });

  it('knows when its call started while events$ is watched', () => {
    const clock = new VirtualClock();
    clock.advance(7);
    const breaker = new CircuitBreaker('api', { scheduler: clock });
    breaker.events$.subscribe();
    expect(permitOf(breaker).startedAt).toBe(7);
  });

  it('skips the clock when nothing uses the duration', () => {
    expect(permitOf(new CircuitBreaker('api', { scheduler: new VirtualClock() })).startedAt).toBeNaN();
  });

  it('classifies an error and says how it was counted', () => {
    const breaker = new CircuitBreaker('api', { ignoreErrors: IgnoredError, recordErrors: RangeError });
    expect(permitOf(breaker).error(new IgnoredError())).toBe('ignored');
    expect(permitOf(breaker).error(new RangeError())).toBe('failure');
    expect(permitOf(breaker).error(new TypeError())).toBe('success');
    expect(breaker.stats()).toMatchObject({ ignoredCalls: 1, failedCalls: 1, successfulCalls: 1 });
  });

  it('counts failure() whatever the filters say', () => {
    const breaker = new CircuitBreaker('api', { ignoreErrors: IgnoredError });
    permitOf(breaker).failure(new IgnoredError());
    expect(breaker.stats()).toMatchObject({ failedCalls: 1, ignoredCalls: 0 });
  });
});
