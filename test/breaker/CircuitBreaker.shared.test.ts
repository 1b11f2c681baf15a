// The two hooks a shared-state store uses (setSharedLink / applyShared), in virtual time.
import { VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import type { SharedLink, SharedTransition } from '../../src/breaker/SharedLink.js';
import type { CircuitEvent } from '../../src/breaker/types.js';
import { isCircuitOpenError } from '../../src/errors/CircuitOpenError.js';

class Clock extends VirtualTimeScheduler {
  advance(ms: number): void {
    const target = this.frame + ms;
    this.maxFrames = target;
    this.flush();
    this.frame = target;
  }
}

function setup(options: ConstructorParameters<typeof CircuitBreaker>[1] = {}) {
  const clock = new Clock();
  const breaker = new CircuitBreaker('api', { failureThreshold: 2, recoveryTimeout: 1_000, halfOpenMaxCalls: 2, scheduler: clock, ...options });
  const calls: unknown[][] = [];
  let admit = true;
  const link: SharedLink = {
    transitioned: (...args) => void calls.push(['transitioned', ...args]),
    tryAcquireTrial: () => (calls.push(['tryAcquireTrial']), admit),
    trialEnded: (succeeded) => void calls.push(['trialEnded', succeeded]),
  };
  breaker.setSharedLink(link);
  const events: CircuitEvent[] = [];
  breaker.events$.subscribe((e) => events.push(e));
  const setAdmit = (value: boolean) => (admit = value);
  return { clock, breaker, calls, events, setAdmit };
}

function fail(breaker: CircuitBreaker, n: number): void {
  for (let i = 0; i < n; i++) {
    const permit = breaker.acquire();
    if (!isCircuitOpenError(permit)) permit.failure(new Error('boom'));
  }
}

const shared = (s: Partial<SharedTransition>): SharedTransition => ({
  state: 'open',
  reason: 'failure_threshold',
  detail: 'shared by B',
  breakEndsAt: 0,
  breakMs: 0,
  attempt: 1,
  ...s,
});

describe('CircuitBreaker shared-state hooks', () => {
  it('tells the link about a local trip with the break length and attempt', () => {
    const { breaker, calls } = setup();
    fail(breaker, 2);
    expect(calls).toEqual([['transitioned', 'open', 'failure_threshold', 1_000, 1]]);
  });

  it('tells the link about a manual transition into the same state', () => {
    const { breaker, calls } = setup();
    breaker.reset();
    expect(calls).toEqual([['transitioned', 'closed', 'manual', 0, 0]]);
  });

  it('tells the link when the recovery timer half-opens the breaker', () => {
    const { breaker, calls, clock } = setup();
    fail(breaker, 2);
    clock.advance(1_000);
    expect(calls.at(-1)).toEqual(['transitioned', 'half_open', 'recovery_timeout', 1_000, 1]);
  });

  it('follows a shared open with its reason and detail, without telling the link', () => {
    const { breaker, calls, events } = setup();
    breaker.applyShared(shared({ breakEndsAt: 5_000, breakMs: 5_000 }));
    expect(breaker.state).toBe('open');
    expect(events.at(-1)).toMatchObject({ type: 'state_change', from: 'closed', to: 'open', reason: 'failure_threshold', detail: 'shared by B' });
    expect(calls).toEqual([]);
  });

  it('half-opens a followed break when the shared break ends', () => {
    const { breaker, clock } = setup();
    breaker.applyShared(shared({ breakEndsAt: 300, breakMs: 5_000 }));
    expect(breaker.stats().retryAfterMs).toBe(300);
    clock.advance(299);
    expect(breaker.state).toBe('open');
    clock.advance(1);
    expect(breaker.state).toBe('half_open');
  });

  it('moves only the break end when already open', () => {
    const { breaker, events, clock } = setup();
    fail(breaker, 2);
    const opened = breaker.stats().openedCount;
    const changes = events.filter((e) => e.type === 'state_change').length;
    breaker.applyShared(shared({ breakEndsAt: 400, breakMs: 1_000 }));
    expect(breaker.stats()).toMatchObject({ openedCount: opened, retryAfterMs: 400 });
    expect(events.filter((e) => e.type === 'state_change')).toHaveLength(changes);
    clock.advance(400);
    expect(breaker.state).toBe('half_open');
  });

  it('continues growing breaks from the shared attempt', () => {
    const { breaker, clock } = setup({ recoveryTimeout: (attempt: number) => attempt * 100 });
    breaker.applyShared(shared({ breakEndsAt: 100, breakMs: 100, attempt: 3 }));
    clock.advance(100);
    fail(breaker, 1);
    expect(breaker.stats().retryAfterMs).toBe(400);
  });

  it('makes calls in flight late outcomes', () => {
    const { breaker, events } = setup();
    const permit = breaker.acquire();
    breaker.applyShared(shared({ state: 'disabled', reason: 'manual' }));
    if (!isCircuitOpenError(permit)) permit.success();
    expect(events.at(-1)).toMatchObject({ type: 'success', late: true });
  });

  it('rejects a half-open trial the link refuses', () => {
    const { breaker, setAdmit, clock } = setup();
    fail(breaker, 2);
    clock.advance(1_000);
    setAdmit(false);
    const refused = breaker.acquire();
    expect(isCircuitOpenError(refused) && refused.state).toBe('half_open');
    setAdmit(true);
    expect(isCircuitOpenError(breaker.acquire())).toBe(false);
  });

  it('never asks the link while closed', () => {
    const { breaker, calls } = setup();
    breaker.acquire();
    expect(calls).toEqual([]);
  });

  it('reports a successful trial and a trial that gave its slot back', () => {
    const { breaker, calls, clock } = setup();
    fail(breaker, 2);
    clock.advance(1_000);
    const first = breaker.acquire();
    const second = breaker.acquire();
    if (isCircuitOpenError(first) || isCircuitOpenError(second)) throw new Error('expected trials');
    calls.length = 0;
    first.success();
    second.cancel();
    expect(calls).toEqual([
      ['trialEnded', true],
      ['trialEnded', false],
    ]);
  });

  it('stops calling an unplugged link', () => {
    const { breaker, calls } = setup();
    breaker.setSharedLink(null);
    fail(breaker, 2);
    expect(calls).toEqual([]);
  });

  it('ignores a shared transition once disposed', () => {
    const { breaker } = setup();
    breaker.dispose();
    breaker.applyShared(shared({ breakEndsAt: 1_000 }));
    expect(breaker.state).toBe('closed');
  });
});
