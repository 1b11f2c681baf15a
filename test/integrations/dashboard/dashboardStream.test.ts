import type { Observable, SchedulerAction, SchedulerLike } from 'rxjs';
import { filter, interval, map, of, take, timer } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { circuitBreaker } from '../../../operators/index.js';
import { CircuitBreakerRegistry, isInvalidConfigError } from '../../../src/index.js';
import type { DashboardMessage } from '../../../src/integrations/dashboard/index.js';
import { dashboardStream } from '../../../src/integrations/dashboard/index.js';
import { failCalls, succeedCalls, testScheduler, thrown, VirtualClock } from '../../breaker/helpers.js';
import { countSubscriptions } from './helpers.js';

const statsOf = (name: string) => (source: Observable<DashboardMessage>) =>
  source.pipe(
    filter((m): m is Extract<DashboardMessage, { type: 'stats' }> => m.type === 'stats' && m.data.name === name),
    map((m) => m.data.totalCalls),
  );

const ofType = <T extends DashboardMessage['type']>(type: T) => filter((m: DashboardMessage): m is Extract<DashboardMessage, { type: T }> => m.type === type);

describe('dashboardStream', () => {
  it("sends each breaker's current stats at once", () => {
    testScheduler().run(({ expectObservable }) => {
      const registry = new CircuitBreakerRegistry();
      registry.get('a');
      registry.get('b');
      const names = dashboardStream(registry).pipe(ofType('stats'), map((m) => m.data.name));
      expectObservable(names, '^ 10ms !').toBe('(ab)');
    });
  });

  it('sends at most one stats update per throttleMs per breaker, whatever the call rate, the latest last', () => {
    testScheduler().run(({ expectObservable }) => {
      const registry = new CircuitBreakerRegistry();
      const api = registry.get('api');
      // 100 calls a second for a second (at 5, 15, ... 995 ms): 100 stats snapshots from the breaker.
      timer(5, 10).pipe(take(100)).subscribe(() => of(1).pipe(circuitBreaker(api)).subscribe());
      const totals = dashboardStream(registry, { throttleMs: 250 }).pipe(statsOf('api'));
      expectObservable(totals, '^ 2s !').toBe('a 249ms b 249ms c 249ms d 249ms e', { a: 0, b: 25, c: 50, d: 75, e: 100 });
    });
  });

  it('throttles each breaker on its own', () => {
    testScheduler().run(({ expectObservable }) => {
      const registry = new CircuitBreakerRegistry();
      const a = registry.get('a');
      const b = registry.get('b');
      timer(100).subscribe(() => {
        succeedCalls(a, 50);
        succeedCalls(b, 30);
      });
      const names = dashboardStream(registry, { throttleMs: 250 }).pipe(ofType('stats'), map((m) => `${m.data.name}${m.data.totalCalls}`));
      expectObservable(names, '^ 1s !').toBe('(xy) 246ms (ab)', { x: 'a0', y: 'b0', a: 'a50', b: 'b30' });
    });
  });

  it('includes breakers created after it started', () => {
    testScheduler().run(({ expectObservable }) => {
      const registry = new CircuitBreakerRegistry();
      interval(100).pipe(take(1)).subscribe(() => registry.get('late'));
      expectObservable(dashboardStream(registry).pipe(statsOf('late')), '^ 1s !').toBe('100ms a', { a: 0 });
    });
  });

  it('sends every transition unthrottled, with its reason and detail', () => {
    testScheduler().run(({ expectObservable }) => {
      const registry = new CircuitBreakerRegistry();
      const api = registry.get('api', { failureThreshold: 2, recoveryTimeout: 500 });
      interval(10).pipe(take(1)).subscribe(() => failCalls(api, 2));
      const transitions = dashboardStream(registry, { throttleMs: 1000 }).pipe(ofType('transition'), map((m) => m.data));
      expectObservable(transitions, '^ 1s !').toBe('10ms a 499ms b', {
        a: { breaker: 'api', from: 'closed', to: 'open', reason: 'failure_threshold', detail: '2 consecutive failures', at: 10 },
        b: { breaker: 'api', from: 'open', to: 'half_open', reason: 'recovery_timeout', detail: null, at: 510 },
      });
    });
  });

  it('sends resets', () => {
    testScheduler().run(({ expectObservable }) => {
      const registry = new CircuitBreakerRegistry();
      const api = registry.get('api');
      interval(30).pipe(take(1)).subscribe(() => api.reset());
      expectObservable(dashboardStream(registry).pipe(ofType('reset')), '^ 100ms !').toBe('30ms r', { r: { type: 'reset', data: { breaker: 'api', at: 30 } } });
    });
  });

  it('sends calls, failures and rejections per second every sampleIntervalMs, and the time left of a break', () => {
    testScheduler().run(({ expectObservable }) => {
      const registry = new CircuitBreakerRegistry();
      const api = registry.get('api', { failureThreshold: 3, recoveryTimeout: 5000 });
      interval(100).pipe(take(1)).subscribe(() => {
        succeedCalls(api, 7);
        failCalls(api, 3);
        api.acquire(); // rejected: the breaker is open
      });
      const samples = dashboardStream(registry, { sampleIntervalMs: 500 }).pipe(ofType('sample'), map((m) => m.data));
      expectObservable(samples, '^ 1s !').toBe('500ms a 499ms b', {
        a: { at: 500, breakers: { api: { state: 'open', callsPerSecond: 22, failuresPerSecond: 6, rejectionsPerSecond: 2, retryAfterMs: 4600, halfOpenTrials: 0 } } },
        b: { at: 1000, breakers: { api: { state: 'open', callsPerSecond: 0, failuresPerSecond: 0, rejectionsPerSecond: 0, retryAfterMs: 4100, halfOpenTrials: 0 } } },
      });
    });
  });

  it('counts the calls since a reset when the totals shrink', () => {
    testScheduler().run(({ expectObservable }) => {
      const registry = new CircuitBreakerRegistry();
      const api = registry.get('api');
      interval(100).pipe(take(1)).subscribe(() => succeedCalls(api, 10));
      interval(1100).pipe(take(1)).subscribe(() => {
        api.reset();
        succeedCalls(api, 2);
      });
      const rates = dashboardStream(registry).pipe(ofType('sample'), map((m) => m.data.breakers['api']?.callsPerSecond));
      expectObservable(rates, '^ 2s !').toBe('1s a 999ms b', { a: 10, b: 2 });
    });
  });

  it('sends a heartbeat every heartbeatIntervalMs', () => {
    testScheduler().run(({ expectObservable }) => {
      const registry = new CircuitBreakerRegistry();
      expectObservable(dashboardStream(registry, { heartbeatIntervalMs: 15_000 }).pipe(ofType('heartbeat')), '^ 45s !').toBe('15s h 14999ms h 14999ms h', {
        h: { type: 'heartbeat' },
      });
    });
  });

  it('sends removed and stops the stats of a removed breaker', () => {
    testScheduler().run(({ expectObservable }) => {
      const registry = new CircuitBreakerRegistry();
      const api = registry.get('api');
      interval(100).pipe(take(1)).subscribe(() => succeedCalls(api));
      interval(200).pipe(take(1)).subscribe(() => registry.remove('api'));
      const messages = dashboardStream(registry, { throttleMs: 250 }).pipe(
        filter((m) => m.type === 'stats' || m.type === 'removed'),
        map((m) => m.type),
      );
      expectObservable(messages, '^ 1s !').toBe('s 199ms r', { s: 'stats', r: 'removed' });
    });
  });

  it('completes when the registry is disposed', () => {
    testScheduler().run(({ expectObservable }) => {
      const registry = new CircuitBreakerRegistry();
      registry.get('api');
      interval(300).pipe(take(1)).subscribe(() => registry.dispose());
      const types = dashboardStream(registry).pipe(
        filter((m) => m.type !== 'heartbeat'),
        map((m) => m.type),
      );
      expectObservable(types).toBe('s 299ms (r|)', { s: 'stats', r: 'removed' });
    });
  });

  it('releases every subscription and timer when unsubscribed', () => {
    const clock = new VirtualClock();
    let runs = 0;
    // Counts every run of scheduled work, rescheduled interval ticks included.
    const counting: SchedulerLike = {
      now: () => clock.now(),
      schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay?: number, state?: T) {
        return clock.schedule<T>(function (this: SchedulerAction<T>, s?: T) {
          runs++;
          work.call(this, s);
        }, delay, state);
      },
    };
    const { registry, active } = countSubscriptions(new CircuitBreakerRegistry({ defaults: { scheduler: clock } }));
    const api = registry.get('api', { failureThreshold: 1, recoveryTimeout: 60_000 });
    const subscription = dashboardStream(registry, { scheduler: counting, sampleIntervalMs: 100, heartbeatIntervalMs: 100 }).subscribe();
    succeedCalls(api, 5); // starts a throttle window
    clock.advance(1000);
    expect(active()).toBeGreaterThan(0);
    succeedCalls(api, 5);
    subscription.unsubscribe();
    const before = runs;
    clock.advance(10_000);
    expect(active()).toBe(0);
    expect(runs).toBe(before);
  });

  it('rejects a bad option with InvalidConfigError naming it', () => {
    const error = thrown(() => dashboardStream(new CircuitBreakerRegistry(), { throttleMs: -1 }));
    expect(isInvalidConfigError(error) && error.option).toBe('throttleMs');
  });
});
