import type { Observable } from 'rxjs';
import { catchError, map, mergeMap, of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { circuitBreaker } from '../../operators/circuitBreaker.js';
import { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import { isCircuitOpenError } from '../../src/errors/CircuitOpenError.js';
import { exponentialBackoff } from '../../src/backoff/exponentialBackoff.js';
import { collectEvents, failCalls, testScheduler, transitions, VirtualClock } from './helpers.js';

const STATES = { c: 'closed', o: 'open', h: 'half_open', f: 'forced_open', d: 'disabled' } as const;

/** One call per trigger value, each through `breaker`; its outcome as a letter: `r` rejected, `f` failed, else the value. */
function calls<T>(trigger$: Observable<string>, pick: (key: string) => Observable<T>, breaker: CircuitBreaker) {
  return trigger$.pipe(
    mergeMap((key) =>
      pick(key).pipe(
        circuitBreaker(breaker),
        catchError((error: unknown) => of(isCircuitOpenError(error) ? 'r' : 'f')),
      ),
    ),
  );
}

describe('CircuitBreaker', () => {
  describe('opening', () => {
    it('opens after the failure threshold and rejects without subscribing upstream', () => {
      testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const breaker = new CircuitBreaker('api', { failureThreshold: 2, recoveryTimeout: 100 });
        const source = cold('  -#');
        const trigger = hot('  a--b--c--d');
        const subs = [' ^!', ' ---^!'];
        const expected = '     -f--f-r--r';
        expectObservable(calls(trigger, () => source, breaker)).toBe(expected);
        expectObservable(breaker.state$, '^ 50ms !').toBe('c---o', STATES);
        expectSubscriptions(source.subscriptions).toBe(subs);
      });
    });

    it('stays closed while failures are not consecutive', () => {
      testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const breaker = new CircuitBreaker('api', { failureThreshold: 2 });
        const failing = cold('-#');
        const passing = cold('-a|');
        const trigger = hot('  f-s-f-s');
        const expected = '     -f-a-f-a';
        expectObservable(calls(trigger, (k) => (k === 'f' ? failing : passing), breaker)).toBe(expected);
        expectObservable(breaker.state$).toBe('c', STATES);
        expectSubscriptions(failing.subscriptions).toBe(['^!', '----^!']);
        expectSubscriptions(passing.subscriptions).toBe(['--^-!', '------^-!']);
      });
    });

    it('rejects with a CircuitOpenError whose retryAfterMs is the rest of the break', () => {
      testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const breaker = new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: 100 });
        const source = cold('  --#');
        const trigger = hot('  a 9ms b 39ms c');
        const expected = '     --f 7ms x 39ms y';
        const rejections = trigger.pipe(
          mergeMap(() =>
            source.pipe(
              circuitBreaker(breaker),
              catchError((error: unknown) => of(isCircuitOpenError(error) ? error : 'f')),
            ),
          ),
          map((outcome) => (typeof outcome === 'string' ? outcome : `${outcome.breakerName}:${outcome.state}:${outcome.retryAfterMs}`)),
        );
        expectObservable(rejections).toBe(expected, { f: 'f', x: 'api:open:92', y: 'api:open:52' });
        expectSubscriptions(source.subscriptions).toBe('^-!');
      });
    });
  });

  describe('recovery timer', () => {
    it('moves to half_open at exactly the recovery time with no call arriving', () => {
      testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const breaker = new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: 100 });
        const source = cold('--#');
        expectObservable(calls(hot('a'), () => source, breaker)).toBe('--f');
        expectObservable(breaker.state$).toBe('c-o 99ms h', STATES);
        expectSubscriptions(source.subscriptions).toBe('^-!');
      });
    });

    it('leaves exactly one action scheduled while open', () => {
      const scheduler = testScheduler();
      scheduler.run(() => {
        const breaker = new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: 100 });
        failCalls(breaker);
        expect(scheduler.actions).toHaveLength(1);
        expect(scheduler.actions[0]?.delay).toBe(100);
      });
    });

    it.each([
      ['forceOpen', 'f'],
      ['forceClose', 'c'],
      ['disable', 'd'],
      ['reset', 'c'],
    ] as const)('%s cancels the pending recovery timer', (method, after) => {
      const scheduler = testScheduler();
      scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const breaker = new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: 100 });
        const source = cold('#');
        const pending: number[] = [];
        expectObservable(calls(hot('a'), () => source, breaker)).toBe('f');
        hot('50ms x').subscribe(() => {
          const timers = () => scheduler.actions.filter((action) => action.delay === 100).length;
          pending.push(timers());
          breaker[method]();
          pending.push(timers());
        });
        // Nothing happens at 100: the recovery timer is gone.
        expectObservable(breaker.state$, '^ 200ms !').toBe(`(co) 46ms ${after}`, STATES);
        expectSubscriptions(source.subscriptions).toBe('(^!)');
        scheduler.flush();
        expect(pending).toEqual([1, 0]);
      });
    });
  });

  describe('late outcomes', () => {
    it('ignores a call admitted while closed that fails after the breaker opened', () => {
      const scheduler = testScheduler();
      scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const breaker = new CircuitBreaker('api', { failureThreshold: 2, recoveryTimeout: 100 });
        const events = collectEvents(breaker);
        const slow = cold('--------#');
        const fast = cold('-#');
        const retryAfter: (number | null)[] = [];
        expectObservable(calls(hot('sff'), (k) => (k === 's' ? slow : fast), breaker)).toBe('--ff----f');
        hot('     9ms x').subscribe(() => retryAfter.push(breaker.stats().retryAfterMs));
        expectObservable(breaker.state$, '^ 50ms !').toBe('c--o', STATES);
        expectSubscriptions(slow.subscriptions).toBe('^-------!');
        expectSubscriptions(fast.subscriptions).toBe(['-^!', '--^!']);
        scheduler.flush();
        // One opening, and the break still ends at 103: the late failure did not extend it.
        expect(transitions(events)).toEqual(['closed>open:failure_threshold', 'open>half_open:recovery_timeout']);
        expect(events.find((e) => e.type === 'state_change' && e.to === 'half_open')?.at).toBe(103);
        expect(retryAfter).toEqual([94]);
        expect(breaker.stats()).toMatchObject({ failedCalls: 3, openedCount: 1 });
      });
    });

    it('ignores a call admitted while closed that fails while half_open', () => {
      const scheduler = testScheduler();
      scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const breaker = new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: 10, halfOpenMaxCalls: 1 });
        const events = collectEvents(breaker);
        const slow = cold('20ms #');
        const fast = cold('-#');
        const passing = cold('-a|');
        const pick = (k: string) => (k === 's' ? slow : k === 'f' ? fast : passing);
        // s: admitted while closed, fails at 20 (half_open since 12); p: the round's only trial, still admitted at 21.
        expectObservable(calls(hot('sf 19ms p'), pick, breaker)).toBe('--f 17ms f-a');
        expectObservable(breaker.state$).toBe('c-o 9ms h 9ms c', STATES);
        expectSubscriptions(slow.subscriptions).toBe('^ 19ms !');
        expectSubscriptions(fast.subscriptions).toBe('-^!');
        expectSubscriptions(passing.subscriptions).toBe('21ms ^-!');
        scheduler.flush();
        expect(transitions(events)).toEqual([
          'closed>open:failure_threshold',
          'open>half_open:recovery_timeout',
          'half_open>closed:trials_succeeded',
        ]);
      });
    });

    it('marks a late outcome as late in its event', () => {
      testScheduler().run(() => {
        const breaker = new CircuitBreaker('api', { failureThreshold: 1 });
        const events = collectEvents(breaker);
        const early = breaker.acquire();
        failCalls(breaker);
        if (isCircuitOpenError(early)) throw early;
        early.success();
        expect(events.filter((e) => e.type === 'success')).toEqual([
          { type: 'success', breaker: 'api', at: 0, durationMs: 0, late: true },
        ]);
      });
    });
  });

  describe('recovery with a Backoff', () => {
    it('grows the break with each re-open and starts over after closing', () => {
      const scheduler = testScheduler();
      scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const attempts: number[] = [];
        const breaker = new CircuitBreaker('api', {
          failureThreshold: 1,
          halfOpenMaxCalls: 1,
          recoveryTimeout: (attempt) => {
            attempts.push(attempt);
            return attempt * 10;
          },
        });
        const failing = cold('#');
        const passing = cold('(a|)');
        // Breaks of 10, 20, 30; a trial at 60 closes; the next trip breaks for 10 again.
        const trigger = hot(' f 9ms f 19ms f 29ms sf');
        const expected = '     f 9ms f 19ms f 29ms af';
        expectObservable(calls(trigger, (k) => (k === 'f' ? failing : passing), breaker)).toBe(expected);
        expectSubscriptions(failing.subscriptions).toBe(['(^!)', '10ms (^!)', '30ms (^!)', '61ms (^!)']);
        expectSubscriptions(passing.subscriptions).toBe('60ms (^!)');
        scheduler.flush();
        expect(attempts).toEqual([1, 2, 3, 1]);
        expect(breaker.state).toBe('half_open');
        expect(scheduler.now()).toBe(71);
      });
    });

    it('takes the library backoffs, e.g. exponentialBackoff', () => {
      const clock = new VirtualClock();
      const breaker = new CircuitBreaker('api', {
        failureThreshold: 1,
        halfOpenMaxCalls: 1,
        recoveryTimeout: exponentialBackoff({ initialDelay: 10, multiplier: 2 }),
        scheduler: clock,
      });
      const breaks: (number | null)[] = [];
      for (let i = 0; i < 3; i++) {
        failCalls(breaker);
        breaks.push(breaker.stats().retryAfterMs);
        clock.advance(breaks[i] ?? 0);
      }
      expect(breaks).toEqual([10, 20, 40]);
    });

    it('starts over after forceClose', () => {
      testScheduler().run(() => {
        const attempts: number[] = [];
        const breaker = new CircuitBreaker('api', {
          failureThreshold: 1,
          recoveryTimeout: (attempt) => {
            attempts.push(attempt);
            return 10;
          },
        });
        failCalls(breaker);
        breaker.forceClose();
        failCalls(breaker);
        expect(attempts).toEqual([1, 1]);
      });
    });

    it('uses 60 s when the Backoff returns an unusable delay', () => {
      testScheduler().run(() => {
        const breaker = new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: () => Number.NaN });
        failCalls(breaker);
        expect(breaker.stats().retryAfterMs).toBe(60_000);
      });
    });
  });
});
