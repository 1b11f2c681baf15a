import type { Observable } from 'rxjs';
import { catchError, mergeMap, of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { circuitBreaker } from '../../operators/circuitBreaker.js';
import { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import type { CircuitBreakerOptions } from '../../src/breaker/options.js';
import { isCircuitOpenError } from '../../src/errors/CircuitOpenError.js';
import { collectEvents, IgnoredError, testScheduler, transitions } from './helpers.js';

const STATES = { c: 'closed', o: 'open', h: 'half_open' } as const;

/** Opens on the first failure for 10 ms; two trials per round, both must succeed. */
function breakerWith(options: CircuitBreakerOptions = {}): CircuitBreaker {
  return new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: 10, halfOpenMaxCalls: 2, ...options });
}

/** Outcome letter of a call: `r` rejected, `i` ignored error, `f` other error, else its value. */
function label(error: unknown): string {
  return isCircuitOpenError(error) ? 'r' : error instanceof IgnoredError ? 'i' : 'f';
}

function calls(trigger$: Observable<string>, pick: (key: string) => Observable<string>, breaker: CircuitBreaker) {
  return trigger$.pipe(
    mergeMap((key) => pick(key).pipe(circuitBreaker(breaker), catchError((error: unknown) => of(label(error))))),
  );
}

describe('CircuitBreaker in half_open', () => {
  it('admits exactly halfOpenMaxCalls concurrent trials, rejects the rest at once, and closes after successThreshold successes', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const breaker = breakerWith();
      const trip = cold('   #');
      const slow = cold('   -----a|');
      const trigger = hot(' t 9ms abc');
      const expected = '    f 9ms --r--aa';
      expectObservable(calls(trigger, (k) => (k === 't' ? trip : slow), breaker)).toBe(expected);
      expectObservable(breaker.state$).toBe('(co) 6ms h 5ms c', STATES);
      expectSubscriptions(trip.subscriptions).toBe('(^!)');
      expectSubscriptions(slow.subscriptions).toBe(['10ms ^-----!', '11ms ^-----!']);
    });
  });

  it('rejects the calls beyond its permits with the half_open state and no retry hint', () => {
    const rejected: unknown[] = [];
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const breaker = breakerWith({ halfOpenMaxCalls: 1 });
      const trip = cold('#');
      const hanging = cold('-');
      const call = (k: string) =>
        (k === 't' ? trip : hanging).pipe(
          circuitBreaker(breaker),
          catchError((error: unknown) => {
            if (isCircuitOpenError(error)) rejected.push({ state: error.state, retryAfterMs: error.retryAfterMs });
            return of(label(error));
          }),
        );
      expectObservable(hot('t 9ms ab').pipe(mergeMap(call)), '^ 20ms !').toBe('f 9ms -r');
      expectSubscriptions(trip.subscriptions).toBe('(^!)');
      expectSubscriptions(hanging.subscriptions).toBe('10ms ^ 10ms !');
    });
    expect(rejected).toEqual([{ state: 'half_open', retryAfterMs: null }]);
  });

  it('re-opens on the first failed trial; a second trial failing afterwards changes nothing', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const breaker = breakerWith();
      const events = collectEvents(breaker);
      const trip = cold('   #');
      const failing = cold('----#');
      const trigger = hot(' t 9ms ab');
      const expected = '    f 9ms ----ff';
      expectObservable(calls(trigger, (k) => (k === 't' ? trip : failing), breaker)).toBe(expected);
      expectObservable(breaker.state$, '^ 20ms !').toBe('(co) 6ms h 3ms o', STATES);
      expectSubscriptions(trip.subscriptions).toBe('(^!)');
      expectSubscriptions(failing.subscriptions).toBe(['10ms ^---!', '11ms ^---!']);
      scheduler.flush();
      expect(transitions(events).slice(0, 3)).toEqual([
        'closed>open:failure_threshold',
        'open>half_open:recovery_timeout',
        'half_open>open:trial_failed',
      ]);
    });
  });

  it('refills the trial budget on each new half-open round', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const breaker = breakerWith();
      const trip = cold('   #');
      const failing = cold('----#');
      const trigger = hot(' t 9ms abc 11ms def');
      const expected = '    f 9ms --r-ff 8ms --r-ff';
      expectObservable(calls(trigger, (k) => (k === 't' ? trip : failing), breaker)).toBe(expected);
      expectObservable(breaker.state$, '^ 30ms !').toBe('(co) 6ms h 3ms o 9ms h 3ms o', STATES);
      expectSubscriptions(trip.subscriptions).toBe('(^!)');
      expectSubscriptions(failing.subscriptions).toBe(['10ms ^---!', '11ms ^---!', '24ms ^---!', '25ms ^---!']);
    });
  });

  it('re-opens after halfOpenMaxWait, counted from the first trial, when trials hang', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const breaker = breakerWith({ halfOpenMaxWait: 20 });
      const events = collectEvents(breaker);
      const trip = cold('   #');
      const hanging = cold('-');
      const trigger = hot(' t 11ms a');
      expectObservable(calls(trigger, (k) => (k === 't' ? trip : hanging), breaker), '^ 60ms !').toBe('f');
      expectObservable(breaker.state$, '^ 60ms !').toBe('(co) 6ms h 21ms o 9ms h', STATES);
      expectSubscriptions(trip.subscriptions).toBe('(^!)');
      expectSubscriptions(hanging.subscriptions).toBe('12ms ^ 48ms !');
      scheduler.flush();
      expect(events.find((e) => e.type === 'state_change' && e.reason === 'half_open_timeout')).toEqual({
        type: 'state_change',
        breaker: 'api',
        at: 32,
        from: 'half_open',
        to: 'open',
        reason: 'half_open_timeout',
        detail: 'no decision within 20 ms',
      });
    });
  });

  it('waits as long as the preceding break when halfOpenMaxWait is not given', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const breaker = breakerWith();
      const trip = cold('   #');
      const hanging = cold('-');
      const trigger = hot(' t 11ms a');
      expectObservable(calls(trigger, (k) => (k === 't' ? trip : hanging), breaker), '^ 40ms !').toBe('f');
      expectObservable(breaker.state$, '^ 40ms !').toBe('(co) 6ms h 11ms o 9ms h', STATES);
      expectSubscriptions(trip.subscriptions).toBe('(^!)');
      expectSubscriptions(hanging.subscriptions).toBe('12ms ^ 28ms !');
    });
  });

  it('stays half_open with nothing scheduled while no call arrives', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const breaker = breakerWith({ halfOpenMaxWait: 5 });
      const trip = cold('#');
      const pending: number[] = [];
      expectObservable(calls(hot('t'), () => trip, breaker)).toBe('f');
      hot('500ms x').subscribe(() => pending.push(scheduler.actions.filter((a) => a.delay < 1_001).length));
      expectObservable(breaker.state$, '^ 1000ms !').toBe('(co) 6ms h', STATES);
      expectSubscriptions(trip.subscriptions).toBe('(^!)');
      scheduler.flush();
      expect(pending).toEqual([0]);
    });
  });

  it('gives the permit of a trial ending in an ignored error back to the round', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const breaker = breakerWith({ halfOpenMaxCalls: 1, ignoreErrors: IgnoredError });
      const trip = cold('   #');
      const ignored = cold('-#', undefined, new IgnoredError('busy'));
      const passing = cold('-a|');
      const pick = (k: string) => (k === 't' ? trip : k === 'i' ? ignored : passing);
      expectObservable(calls(hot('t 9ms i-p'), pick, breaker)).toBe('f 9ms -i-a');
      expectObservable(breaker.state$).toBe('(co) 6ms h 2ms c', STATES);
      expectSubscriptions(trip.subscriptions).toBe('(^!)');
      expectSubscriptions(ignored.subscriptions).toBe('10ms ^!');
      expectSubscriptions(passing.subscriptions).toBe('12ms ^-!');
    });
  });

  it('gives the permit of a cancelled trial back to the round', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const breaker = breakerWith({ halfOpenMaxCalls: 1 });
      const trip = cold('   #');
      const hanging = cold('-');
      const passing = cold('-a|');
      expectObservable(trip.pipe(circuitBreaker(breaker))).toBe('#');
      expectObservable(hanging.pipe(circuitBreaker(breaker)), '11ms ^-!').toBe('');
      expectObservable(passing.pipe(circuitBreaker(breaker)), '14ms ^').toBe('14ms -a|');
      expectObservable(breaker.state$).toBe('(co) 6ms h 4ms c', STATES);
      expectSubscriptions(trip.subscriptions).toBe('(^!)');
      expectSubscriptions(hanging.subscriptions).toBe('11ms ^-!');
      expectSubscriptions(passing.subscriptions).toBe('14ms ^-!');
    });
  });

  it('half-opens on a call that arrives when the break is due, before the timer ran', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const breaker = breakerWith({ halfOpenMaxCalls: 1 });
      const trip = cold('   #');
      const passing = cold('-a|');
      expectObservable(trip.pipe(circuitBreaker(breaker))).toBe('#');
      // Subscribed at 10 before the recovery timer of 10 runs: the call itself half-opens the breaker.
      expectObservable(passing.pipe(circuitBreaker(breaker)), '10ms ^').toBe('10ms -a|');
      expectObservable(breaker.state$).toBe('(co) 6ms hc', STATES);
      expectSubscriptions(trip.subscriptions).toBe('(^!)');
      expectSubscriptions(passing.subscriptions).toBe('10ms ^-!');
    });
  });

  it('reports the trials in flight in stats', () => {
    const seen: number[] = [];
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const breaker = breakerWith({ halfOpenMaxCalls: 3 });
      const trip = cold('   #');
      const slow = cold('   ----a|');
      hot('13ms x').subscribe(() => seen.push(breaker.stats().halfOpenTrials));
      expectObservable(calls(hot('t 9ms ab'), (k) => (k === 't' ? trip : slow), breaker)).toBe('f 9ms ----aa');
      expectSubscriptions(trip.subscriptions).toBe('(^!)');
      expectSubscriptions(slow.subscriptions).toBe(['10ms ^----!', '11ms ^----!']);
    });
    expect(seen).toEqual([2]);
  });
});
