import { VirtualTimeScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { expect } from 'vitest';
import type { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import type { CircuitEvent } from '../../src/breaker/types.js';
import { CircuitOpenError } from '../../src/errors/CircuitOpenError.js';

/** A TestScheduler that compares frames with vitest's deep equality. */
export function testScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/**
 * A virtual clock for tests that step time by hand: `advance(ms)` runs every action due by
 * then, in order, and leaves the clock exactly `ms` later; `pending` counts what is scheduled.
 */
export class VirtualClock extends VirtualTimeScheduler {
  advance(ms: number): void {
    const target = this.frame + ms;
    this.maxFrames = target;
    this.flush();
    this.frame = target;
  }

  get pending(): number {
    return this.actions.length;
  }
}

/** The error `fn` throws (fails the test when it throws nothing). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** Records `n` failed calls through `breaker.acquire()`. */
export function failCalls(breaker: CircuitBreaker, n = 1, error: unknown = new Error('boom')): void {
  for (let i = 0; i < n; i++) {
    const permit = breaker.acquire();
    if (permit instanceof CircuitOpenError) throw new Error(`call ${i} was rejected`);
    permit.failure(error);
  }
}

/** Records `n` successful calls through `breaker.acquire()`. */
export function succeedCalls(breaker: CircuitBreaker, n = 1): void {
  for (let i = 0; i < n; i++) {
    const permit = breaker.acquire();
    if (permit instanceof CircuitOpenError) throw new Error(`call ${i} was rejected`);
    permit.success();
  }
}

/** Collects every event of `breaker` until the test ends. */
export function collectEvents(breaker: CircuitBreaker): CircuitEvent[] {
  const events: CircuitEvent[] = [];
  breaker.events$.subscribe((event) => events.push(event));
  return events;
}

/** `state_change` events of `events` as `from>to:reason`. */
export function transitions(events: readonly CircuitEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'state_change' ? [`${e.from}>${e.to}:${e.reason}`] : []));
}

/** An error class for `ignoreErrors`. */
export class IgnoredError extends Error {
  override readonly name = 'IgnoredError';
}
