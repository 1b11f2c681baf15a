import { catchError, EMPTY, map, mergeMap } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { circuitBreaker } from '../../operators/circuitBreaker.js';
import type { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import type { CircuitEvent } from '../../src/breaker/types.js';
import { InvalidConfigError } from '../../src/errors/InvalidConfigError.js';
import type { BreakerStore } from '../../src/registry/BreakerStore.js';
import { CircuitBreakerRegistry } from '../../src/registry/CircuitBreakerRegistry.js';
import { consecutiveFailures } from '../../src/strategies/consecutiveFailures.js';
import { failCalls, succeedCalls, testScheduler, thrown, VirtualClock } from '../breaker/helpers.js';

const iso = (ms: number) => new Date(ms).toISOString();

function configError(fn: () => unknown): InvalidConfigError {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(InvalidConfigError);
  return error as InvalidConfigError;
}

describe('CircuitBreakerRegistry', () => {
  let registry: CircuitBreakerRegistry | undefined;
  let clock: VirtualClock;

  /** A registry on a virtual clock; breakers open on the first failure for 100 ms. */
  function create(options: ConstructorParameters<typeof CircuitBreakerRegistry>[0] = {}): CircuitBreakerRegistry {
    clock = new VirtualClock();
    registry = new CircuitBreakerRegistry({
      ...options,
      defaults: { failureThreshold: 1, recoveryTimeout: 100, scheduler: clock, ...options.defaults },
    });
    return registry;
  }

  afterEach(() => {
    registry?.dispose();
    registry = undefined;
  });

  describe('get', () => {
    it('creates a breaker on first use and returns the same one afterwards', () => {
      const r = create();
      const first = r.get('api');
      expect(r.get('api')).toBe(first);
      expect(first.name).toBe('api');
    });

    it('uses the options only when it creates the breaker', () => {
      const r = create();
      const first = r.get('api', { failureThreshold: 3 });
      r.get('api', { failureThreshold: 7 });
      expect(first.options.failureThreshold).toBe(3);
    });

    it('layers defaults, the per-name config and the call-site options, later winning', () => {
      const r = create({
        defaults: { callTimeout: 10, halfOpenMaxCalls: 2 },
        configs: { api: { callTimeout: 20, successThreshold: 1 } },
      });
      expect(r.get('api', { halfOpenMaxCalls: 1 }).options).toEqual({
        failureThreshold: 1,
        recoveryTimeout: 100,
        scheduler: clock,
        callTimeout: 20,
        halfOpenMaxCalls: 1,
        successThreshold: 1,
      });
      expect(r.get('other').options).toMatchObject({ callTimeout: 10, halfOpenMaxCalls: 2 });
    });

    it('lets a trip in a later layer replace the failureThreshold of an earlier one', () => {
      const r = create({ defaults: { failureThreshold: 5 }, configs: { api: { trip: consecutiveFailures(2) } } });
      const breaker = r.get('api');
      expect(breaker.options.failureThreshold).toBeUndefined();
      failCalls(breaker, 2);
      expect(breaker.state).toBe('open');
    });

    it('lets a failureThreshold at the call site replace a trip of the config', () => {
      const r = create({ configs: { api: { trip: consecutiveFailures(5) } } });
      const breaker = r.get('api', { failureThreshold: 1 });
      failCalls(breaker);
      expect(breaker.state).toBe('open');
    });

    it('refuses to create a breaker once disposed', () => {
      const r = create();
      r.dispose();
      const error = configError(() => r.get('api'));
      expect(error).toMatchObject({ option: 'registry', value: 'api' });
    });
  });

  describe('validation', () => {
    it('names a bad default by its path', () => {
      const error = configError(() => new CircuitBreakerRegistry({ defaults: { failureThreshold: 0 } }));
      expect(error).toMatchObject({ option: 'defaults.failureThreshold', value: 0 });
      expect(error.message).toBe('defaults.failureThreshold must be a positive integer, got 0');
    });

    it('names a bad per-name config by its path', () => {
      const error = configError(() => new CircuitBreakerRegistry({ configs: { payments: { callTimeout: -1 } } }));
      expect(error).toMatchObject({ option: 'configs.payments.callTimeout', value: -1 });
    });

    it('checks a config layered over the defaults', () => {
      const error = configError(
        () => new CircuitBreakerRegistry({ defaults: { halfOpenMaxCalls: 1 }, configs: { api: { successThreshold: 2 } } }),
      );
      expect(error).toMatchObject({ option: 'configs.api.successThreshold', value: 2 });
    });

    it.each([null, 3])('rejects options that are not an object (%s)', (options) => {
      expect(configError(() => new CircuitBreakerRegistry(options as never)).option).toBe('registry options');
    });
  });

  describe('has, remove, names, breakers', () => {
    it('lists the breakers in creation order', () => {
      const r = create();
      const b = r.get('b');
      const a = r.get('a');
      expect(r.names()).toEqual(['b', 'a']);
      expect(r.breakers()).toEqual([b, a]);
      expect([r.has('a'), r.has('c')]).toEqual([true, false]);
    });

    it('removes and disposes a breaker, and says whether there was one', () => {
      const r = create();
      const a = r.get('a');
      expect(r.remove('a')).toBe(true);
      expect(r.remove('a')).toBe(false);
      expect(a.isDisposed).toBe(true);
      expect(r.names()).toEqual([]);
    });

    it('creates a fresh breaker for a name that was removed', () => {
      const r = create();
      const a = r.get('a');
      failCalls(a);
      r.remove('a');
      expect(r.get('a')).not.toBe(a);
      expect(r.get('a').state).toBe('closed');
    });

    it('cancels the timer of a removed open breaker', () => {
      const r = create();
      failCalls(r.get('a'));
      expect(clock.pending).toBe(1);
      r.remove('a');
      expect(clock.pending).toBe(0);
    });
  });

  describe('states$', () => {
    it('gives the current states first, then every change, creation and removal', () => {
      testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const r = new CircuitBreakerRegistry({ defaults: { failureThreshold: 1, recoveryTimeout: 5 } });
        const failing = cold('#');
        hot('--a').subscribe(() => r.get('a'));
        hot('----b').subscribe(() => r.get('b'));
        hot('------x')
          .pipe(mergeMap(() => failing.pipe(circuitBreaker('a', { registry: r }), catchError(() => EMPTY))))
          .subscribe();
        hot('15ms r').subscribe(() => r.remove('b'));
        expectObservable(r.states$, '^ 20ms !').toBe('e-a-b-o 4ms h 3ms r', {
          e: {},
          a: { a: 'closed' },
          b: { a: 'closed', b: 'closed' },
          o: { a: 'open', b: 'closed' },
          h: { a: 'half_open', b: 'closed' },
          r: { a: 'half_open' },
        });
        expectSubscriptions(failing.subscriptions).toBe('6ms (^!)');
      });
    });

    it('completes when the registry is disposed', () => {
      const r = create();
      r.get('a');
      let completed = false;
      r.states$.subscribe({ complete: () => (completed = true) });
      r.dispose();
      expect(completed).toBe(true);
    });
  });

  describe('events$', () => {
    it('carries the events of every breaker, including those created later', () => {
      const r = create();
      const a = r.get('a');
      const events: CircuitEvent[] = [];
      r.events$.subscribe((e) => events.push(e));
      succeedCalls(a);
      succeedCalls(r.get('b'));
      expect(events.map((e) => `${e.breaker}:${e.type}`)).toEqual(['a:success', 'b:success']);
    });

    it('carries nothing from a breaker after its removal', () => {
      const r = create();
      const a = r.get('a');
      failCalls(a);
      const events: CircuitEvent[] = [];
      r.events$.subscribe((e) => events.push(e));
      r.remove('a');
      a.acquire();
      clock.advance(1_000);
      expect(events).toEqual([]);
    });

    it('shares one subscription per breaker between its subscribers', () => {
      const r = create();
      const seen: string[] = [];
      r.events$.subscribe((e) => seen.push(`1:${e.type}`));
      r.events$.subscribe((e) => seen.push(`2:${e.type}`));
      succeedCalls(r.get('a'));
      expect(seen).toEqual(['1:success', '2:success']);
    });

    it('completes when the registry is disposed', () => {
      const r = create();
      r.get('a');
      let completed = false;
      r.events$.subscribe({ complete: () => (completed = true) });
      r.dispose();
      expect(completed).toBe(true);
    });

    it('completes at once for a subscriber that comes after dispose', () => {
      const r = create();
      r.dispose();
      let completed = false;
      r.events$.subscribe({ complete: () => (completed = true) });
      expect(completed).toBe(true);
    });
  });

  describe('added$ and removed$', () => {
    it('report each breaker as it is created and removed', () => {
      const r = create();
      const seen: string[] = [];
      r.added$.subscribe((b: CircuitBreaker) => seen.push(`+${b.name}`));
      r.removed$.subscribe((b: CircuitBreaker) => seen.push(`-${b.name}`));
      r.get('a');
      r.get('a');
      r.remove('a');
      expect(seen).toEqual(['+a', '-a']);
    });
  });

  describe('health', () => {
    it('is healthy with no circuits', () => {
      const r = create();
      clock.advance(1_000);
      expect(r.health()).toEqual({ status: 'healthy', healthyCircuits: 0, totalCircuits: 0, circuits: {}, timestamp: iso(1_000) });
    });

    it('is degraded when some circuits are open', () => {
      const r = create();
      r.get('a');
      failCalls(r.get('b'));
      const health = r.health();
      expect(health).toMatchObject({ status: 'degraded', healthyCircuits: 1, totalCircuits: 2 });
      expect(health.circuits).toEqual({ a: r.get('a').stats(), b: r.get('b').stats() });
    });

    it('is unhealthy when every circuit is open', () => {
      const r = create();
      failCalls(r.get('a'));
      failCalls(r.get('b'));
      expect(r.health()).toMatchObject({ status: 'unhealthy', healthyCircuits: 0, totalCircuits: 2 });
    });

    it('counts only closed circuits as healthy', () => {
      const r = create();
      r.get('a');
      r.get('b').disable();
      failCalls(r.get('c'));
      clock.advance(100);
      r.get('d').forceOpen();
      expect(r.health()).toMatchObject({ status: 'degraded', healthyCircuits: 1, totalCircuits: 4 });
    });

    it('is given by health$ now and after every change', () => {
      const seen: string[] = [];
      const r = create();
      r.health$.pipe(map((h) => `${h.status}:${h.healthyCircuits}/${h.totalCircuits}`)).subscribe((s) => seen.push(s));
      const a = r.get('a');
      const b = r.get('b');
      failCalls(a);
      failCalls(b);
      r.remove('a');
      clock.advance(100);
      expect(seen).toEqual(['healthy:0/0', 'healthy:1/1', 'healthy:2/2', 'degraded:1/2', 'unhealthy:0/2', 'unhealthy:0/1', 'unhealthy:0/1']);
    });
  });

  describe('stats and resetAll', () => {
    it('gives the stats of every breaker by name', () => {
      const r = create();
      succeedCalls(r.get('a'));
      r.get('b');
      expect(r.stats()).toEqual({ a: r.get('a').stats(), b: r.get('b').stats() });
      expect(r.stats()['a']?.successfulCalls).toBe(1);
    });

    it('resets every breaker', () => {
      const r = create();
      failCalls(r.get('a'));
      succeedCalls(r.get('b'));
      r.resetAll();
      expect(r.breakers().map((b) => [b.state, b.stats().totalCalls])).toEqual([
        ['closed', 0],
        ['closed', 0],
      ]);
      expect(clock.pending).toBe(0);
    });
  });

  describe('dispose', () => {
    it('disposes every breaker and leaves no timer behind', () => {
      const r = create({ defaults: { halfOpenMaxWait: 50 } });
      failCalls(r.get('a'));
      failCalls(r.get('b'));
      clock.advance(100);
      r.get('b').acquire();
      failCalls(r.get('c'));
      const breakers = r.breakers();
      r.dispose();
      expect(breakers.every((b) => b.isDisposed)).toBe(true);
      expect(clock.pending).toBe(0);
      expect(r.names()).toEqual([]);
      expect(r.isDisposed).toBe(true);
    });

    it('tears down what the store attached, and disposes the store', () => {
      const log: string[] = [];
      const store: BreakerStore = {
        attach: (breaker) => {
          log.push(`attach ${breaker.name}`);
          return () => log.push(`detach ${breaker.name}`);
        },
        dispose: () => {
          log.push('dispose');
        },
      };
      const r = create({ store });
      r.get('a');
      r.get('b');
      r.dispose();
      expect(log).toEqual(['attach a', 'attach b', 'detach a', 'detach b', 'dispose']);
    });

    it('detaches a removed breaker from the store', () => {
      const log: string[] = [];
      const r = create({ store: { attach: (b) => () => log.push(`detach ${b.name}`) } });
      r.get('a');
      r.remove('a');
      expect(log).toEqual(['detach a']);
    });

    it('completes health$, added$ and removed$, and can be called twice', () => {
      const r = create();
      const completed: string[] = [];
      r.health$.subscribe({ complete: () => completed.push('health$') });
      r.added$.subscribe({ complete: () => completed.push('added$') });
      r.removed$.subscribe({ complete: () => completed.push('removed$') });
      r.dispose();
      r.dispose();
      expect(completed).toEqual(['health$', 'added$', 'removed$']);
    });
  });
});
