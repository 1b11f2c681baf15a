import { defer, tap, throwError, VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { CircuitOpenError } from '../../src/errors/CircuitOpenError.js';
import { retryBackoff, type RetryInfo } from '../../src/retry/retryBackoff.js';
import { seededRandom } from '../backoff/seededRandom.js';
import { frames, scripted, testScheduler } from './scripted.js';

const exhausted = (cause: unknown, attempts: number) => expect.objectContaining({ name: 'RetriesExhaustedError', cause, attempts });

describe('retryBackoff', () => {
  describe('delays', () => {
    it('resubscribes after 1, 2 and 4 ms with initialInterval 1, then rethrows', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('--1-2-3-#');
        const subs = [
          '                 ^-------!',
          '                 ---------^-------!',
          '                 -------------------^-------!',
          '                 -------------------------------^-------!',
        ];
        const expected = '--1-2-3----1-2-3-----1-2-3-------1-2-3-#';
        expectObservable(source.pipe(retryBackoff({ initialInterval: 1, maxRetries: 3 }))).toBe(expected);
        expectSubscriptions(source.subscriptions).toBe(subs);
      });
    });

    it('retries 3 times after 1 s, 2 s and 4 s when called without a config', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#');
        expectObservable(source.pipe(retryBackoff())).toBe('7004ms #');
        expectSubscriptions(source.subscriptions).toBe(['^!', '1001ms ^!', '3002ms ^!', '7003ms ^!']);
      });
    });

    it('caps every delay at maxInterval', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#');
        const subs = ['^!', '--^!', '-----^!', '---------^!', '-------------^!'];
        expectObservable(source.pipe(retryBackoff({ initialInterval: 1, maxInterval: 3, maxRetries: 4 }))).toBe('--------------#');
        expectSubscriptions(source.subscriptions).toBe(subs);
      });
    });

    it('waits the delays of a Backoff, whose attempts are 1-based', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#');
        const result = source.pipe(retryBackoff({ backoff: (attempt) => attempt * 3, maxRetries: 2 }));
        expectObservable(result).toBe('------------#');
        expectSubscriptions(source.subscriptions).toBe(['^!', '----^!', '-----------^!']);
      });
    });

    it('passes the error to a Backoff', () => {
      const errors: unknown[] = [];
      testScheduler().run(({ cold, expectObservable }) => {
        const source = cold('-#', undefined, 'boom');
        expectObservable(source.pipe(retryBackoff({ backoff: (_, error) => (errors.push(error), 1), maxRetries: 1 }))).toBe('---#', undefined, 'boom');
      });
      expect(errors).toEqual(['boom']);
    });

    it('calls backoffDelay with a 0-based iteration and the initialInterval', () => {
      const calls: number[][] = [];
      testScheduler().run(({ cold, expectObservable }) => {
        const result = cold('-#').pipe(retryBackoff({ initialInterval: 4, maxRetries: 2, backoffDelay: (i, initial) => (calls.push([i, initial]), 1) }));
        expectObservable(result).toBe('-----#');
      });
      expect(calls).toEqual([
        [0, 4],
        [1, 4],
      ]);
    });

    it('retries at once when backoffDelay returns a negative number or NaN', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#');
        expectObservable(source.pipe(retryBackoff({ maxRetries: 2, backoffDelay: (i) => (i === 0 ? -5 : Number.NaN) }))).toBe('---#');
        expectSubscriptions(source.subscriptions).toBe(['^!', '-^!', '--^!']);
      });
    });

    it('waits no longer than the longest timer delay, 2147483647 ms', () => {
      const delays: number[] = [];
      testScheduler().run(({ cold, expectObservable }) => {
        const result = cold('-#').pipe(retryBackoff({ maxRetries: 1, backoffDelay: () => 1e12, onRetry: ({ delayMs }) => delays.push(delayMs) }));
        expectObservable(result).toBe('2147483649ms #');
      });
      expect(delays).toEqual([2_147_483_647]);
    });

    it('applies the jitter after capping at maxInterval', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#');
        const result = source.pipe(retryBackoff({ initialInterval: 4, maxInterval: 6, maxRetries: 3, jitter: 'full', random: () => 0.5 }));
        expectObservable(result).toBe('------------#');
        expectSubscriptions(source.subscriptions).toBe(['^!', '---^!', '-------^!', '-----------^!']);
      });
    });

    it("retries on Polly's decorrelated schedule from initialInterval", () => {
      const curve = (t: number) => 2 ** t * Math.tanh(Math.sqrt(4 * t));
      const delays: number[] = [];
      const scheduler = testScheduler();
      scheduler.run(({ cold }) => {
        const result = cold('-#').pipe(
          retryBackoff({ initialInterval: 100, maxRetries: 2, jitter: 'decorrelated', random: () => 0.5, onRetry: ({ delayMs }) => delays.push(delayMs) }),
        );
        scheduler.schedule(() => result.subscribe({ error: () => undefined }));
      });
      expect(delays[0]).toBeCloseTo((curve(0.5) / 1.4) * 100, 9);
      expect(delays[1]).toBeCloseTo(((curve(1.5) - curve(0.5)) / 1.4) * 100, 9);
    });

    it('keeps decorrelated delays within maxInterval', () => {
      const delays: number[] = [];
      const scheduler = testScheduler();
      scheduler.run(({ cold }) => {
        const result = cold('#').pipe(
          retryBackoff({ initialInterval: 100, maxInterval: 500, maxRetries: 40, jitter: 'decorrelated', random: seededRandom(4), onRetry: ({ delayMs }) => delays.push(delayMs) }),
        );
        scheduler.schedule(() => result.subscribe({ error: () => undefined }));
      });
      expect(delays).toHaveLength(40);
      expect(Math.max(...delays)).toBe(500);
    });

    it('starts a fresh decorrelated schedule for each subscription', () => {
      const curve = (t: number) => 2 ** t * Math.tanh(Math.sqrt(4 * t));
      const draws = [0.1, 0.9, 0.5, 0.5];
      const delays: number[] = [];
      const scheduler = testScheduler();
      scheduler.run(({ cold }) => {
        const result = cold('-#').pipe(
          retryBackoff({ initialInterval: 100, maxRetries: 2, jitter: 'decorrelated', random: () => draws.shift() ?? 0.5, onRetry: ({ delayMs }) => delays.push(delayMs) }),
        );
        scheduler.schedule(() => result.subscribe({ error: () => undefined }), 0);
        scheduler.schedule(() => result.subscribe({ error: () => undefined }), 1);
      });
      // Retries in time order: A1 (draw 0.1), B1 (0.9), A2 (0.5, linked to A1's 0.1), B2 (0.5, linked to 0.9).
      expect(delays[2]).toBeCloseTo(((curve(1.5) - curve(0.1)) / 1.4) * 100, 9);
      expect(delays[3]).toBeCloseTo(((curve(1.5) - curve(0.9)) / 1.4) * 100, 9);
    });

    it('runs its delays on the given scheduler', () => {
      const scheduler = new VirtualTimeScheduler();
      const subscribedAt: number[] = [];
      const source = defer(() => (subscribedAt.push(scheduler.now()), throwError(() => 'e')));
      source.pipe(retryBackoff({ initialInterval: 10, maxRetries: 2, scheduler })).subscribe({ error: () => undefined });
      scheduler.flush();
      expect(subscribedAt).toEqual([0, 10, 30]);
    });
  });

  describe('retry count', () => {
    it('rethrows the last error unchanged when retries run out', () => {
      const error = { code: 'E_FAIL' };
      testScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold('-#', undefined, error).pipe(retryBackoff({ initialInterval: 1, maxRetries: 1 }))).toBe('---#', undefined, error);
      });
    });

    it('never retries with maxRetries 0', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#');
        expectObservable(source.pipe(retryBackoff({ initialInterval: 1, maxRetries: 0 }))).toBe('-#');
        expectSubscriptions(source.subscriptions).toBe('^!');
      });
    });

    it('completes when a retry succeeds', () => {
      testScheduler().run(({ cold, expectObservable, flush }) => {
        const script = scripted(cold, ['-#', '-a|']);
        expectObservable(script.source.pipe(retryBackoff({ initialInterval: 2, maxRetries: 3 }))).toBe('----a|');
        flush();
        expect(script.subscriptions()).toEqual(frames('^!', '---^-!'));
      });
    });

    it('restarts the count and the delays after a value with resetOnSuccess', () => {
      testScheduler().run(({ cold, expectObservable, flush }) => {
        const script = scripted(cold, ['-#', '-#', '-a#', '-#', '-#']);
        expectObservable(script.source.pipe(retryBackoff({ initialInterval: 1, maxRetries: 2, resetOnSuccess: true }))).toBe('------a-----#');
        flush();
        expect(script.subscriptions()).toEqual(frames('^!', '--^!', '-----^-!', '--------^!', '-----------^!'));
      });
    });

    it('keeps counting across values without resetOnSuccess', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const script = scripted(cold, ['-#', '-#', '-a#', '-#', '-#']);
        expectObservable(script.source.pipe(retryBackoff({ initialInterval: 1, maxRetries: 2 }))).toBe('------a#');
      });
    });

    it('keeps a separate retry count for each subscriber', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#');
        const result = source.pipe(retryBackoff({ initialInterval: 2, maxRetries: 1 }));
        expectObservable(result, '^').toBe('----#');
        expectObservable(result, '--^').toBe('------#');
        expectSubscriptions(source.subscriptions).toBe(['^!', '--^!', '---^!', '-----^!']);
      });
    });
  });

  describe('shouldRetry', () => {
    it('lets an error it refuses through at once', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const script = scripted(cold, [['-#', 'transient'], ['-#', 'fatal'], '-a|']);
        const result = script.source.pipe(retryBackoff({ initialInterval: 1, maxRetries: 5, shouldRetry: (error) => error !== 'fatal' }));
        expectObservable(result).toBe('---#', undefined, 'fatal');
      });
    });

    it('is given the error and the 1-based attempt', () => {
      const calls: unknown[][] = [];
      testScheduler().run(({ cold, expectObservable }) => {
        const script = scripted(cold, [['-#', 'e1'], ['-#', 'e2'], '-a|']);
        const result = script.source.pipe(retryBackoff({ initialInterval: 1, shouldRetry: (error, attempt) => (calls.push([error, attempt]), true) }));
        expectObservable(result).toBe('------a|');
      });
      expect(calls).toEqual([
        ['e1', 1],
        ['e2', 2],
      ]);
    });
  });

  describe('cancellation', () => {
    it('cancels a pending delay on unsubscribe, so no resubscription follows', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('--#');
        expectObservable(source.pipe(retryBackoff({ initialInterval: 10 })), '^-----!').toBe('-------');
        expectSubscriptions(source.subscriptions).toBe('^-!');
      });
    });

    it('unsubscribes from the source when unsubscribed during an attempt', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-----#');
        expectObservable(source.pipe(retryBackoff({ initialInterval: 1 })), '^--!').toBe('-a--');
        expectSubscriptions(source.subscriptions).toBe('^--!');
      });
    });
  });

  describe('wrapExhausted', () => {
    it('errors with RetriesExhaustedError carrying the last error and every attempt', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const result = cold('-#', undefined, 'boom').pipe(retryBackoff({ initialInterval: 1, maxRetries: 2, wrapExhausted: true }));
        expectObservable(result).toBe('------#', undefined, exhausted('boom', 3));
      });
    });

    it('lets an error that shouldRetry refuses through unwrapped, even when retries have run out', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const script = scripted(cold, [['-#', 'transient'], ['-#', 'fatal']]);
        const config = { initialInterval: 1, maxRetries: 1, wrapExhausted: true, shouldRetry: (error: unknown) => error !== 'fatal' };
        expectObservable(script.source.pipe(retryBackoff(config))).toBe('---#', undefined, 'fatal');
      });
    });

    it('counts every subscription in attempts when resetOnSuccess restarts the count', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const script = scripted(cold, [['-#', 'e'], ['-a#', 'e'], ['-#', 'e']]);
        const result = script.source.pipe(retryBackoff({ initialInterval: 1, maxRetries: 1, resetOnSuccess: true, wrapExhausted: true }));
        expectObservable(result).toBe('---a--#', undefined, exhausted('e', 3));
      });
    });
  });

  describe('onRetry', () => {
    it("reports each retry's error, 1-based attempt and delay when the retry is scheduled", () => {
      const calls: Array<RetryInfo & { at: number }> = [];
      const scheduler = testScheduler();
      scheduler.run(({ cold, expectObservable }) => {
        const script = scripted(cold, [['-#', 'e1'], ['-#', 'e2'], '-a|']);
        const result = script.source.pipe(retryBackoff({ initialInterval: 5, onRetry: (info) => calls.push({ ...info, at: scheduler.now() }) }));
        expectObservable(result).toBe('------------------a|');
      });
      expect(calls).toEqual([
        { error: 'e1', attempt: 1, delayMs: 5, at: 1 },
        { error: 'e2', attempt: 2, delayMs: 10, at: 7 },
      ]);
    });
    it('ends the retries with the error onRetry throws', () => {
      const broken = new Error('logger down');
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#');
        const result = source.pipe(retryBackoff({ initialInterval: 1, onRetry: () => { throw broken; } }));
        expectObservable(result).toBe('-#', undefined, broken);
        expectSubscriptions(source.subscriptions).toBe('^!');
      });
    });
  });

  describe('hints', () => {
    it("waits at least a CircuitOpenError's retryAfterMs", () => {
      const open = new CircuitOpenError('api', 'open', 20);
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#', undefined, open);
        expectObservable(source.pipe(retryBackoff({ initialInterval: 1, maxRetries: 1 }))).toBe('22ms #', undefined, open);
        expectSubscriptions(source.subscriptions).toBe(['^!', '21ms ^!']);
      });
    });

    it('keeps the backoff delay when it is longer than the hint', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#', undefined, { retryAfterMs: 2 });
        expectObservable(source.pipe(retryBackoff({ initialInterval: 10, maxRetries: 1 }))).toBe('12ms #', undefined, { retryAfterMs: 2 });
        expectSubscriptions(source.subscriptions).toBe(['^!', '11ms ^!']);
      });
    });

    it('honours Retry-After in seconds', () => {
      const error = { status: 503, headers: { 'retry-after': '3' } };
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#', undefined, error);
        expectObservable(source.pipe(retryBackoff({ initialInterval: 1, maxRetries: 1 }))).toBe('3002ms #', undefined, error);
        expectSubscriptions(source.subscriptions).toBe(['^!', '3001ms ^!']);
      });
    });

    it("honours Retry-After as an HTTP date, counted from the scheduler's now", () => {
      // Virtual time starts at 0, the epoch: this date is 5 000 ms into the run.
      const error = { status: 429, headers: new Headers({ 'Retry-After': new Date(5_000).toUTCString() }) };
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#', undefined, error);
        expectObservable(source.pipe(retryBackoff({ initialInterval: 1, maxRetries: 1 }))).toBe('5001ms #', undefined, error);
        expectSubscriptions(source.subscriptions).toBe(['^!', '5000ms ^!']);
      });
    });

    it('ends the retries at once with the error when a hint exceeds maxInterval', () => {
      const open = new CircuitOpenError('api', 'open', 60_000);
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#', undefined, open);
        expectObservable(source.pipe(retryBackoff({ initialInterval: 1, maxRetries: 5, maxInterval: 30_000 }))).toBe('-#', undefined, open);
        expectSubscriptions(source.subscriptions).toBe('^!');
      });
    });

    it('waits no longer than 2147483647 ms for a longer hint when maxInterval allows it', () => {
      const delays: number[] = [];
      testScheduler().run(({ cold, expectObservable }) => {
        const source = cold('-#', undefined, { retryAfterMs: 3e9 });
        const result = source.pipe(retryBackoff({ initialInterval: 1, maxRetries: 1, onRetry: ({ delayMs }) => delays.push(delayMs) }));
        expectObservable(result).toBe('2147483649ms #', undefined, { retryAfterMs: 3e9 });
      });
      expect(delays).toEqual([2_147_483_647]);
    });

    it('wraps the error when a hint exceeds maxInterval with wrapExhausted', () => {
      const open = new CircuitOpenError('api', 'open', 60_000);
      testScheduler().run(({ cold, expectObservable }) => {
        const result = cold('-#', undefined, open).pipe(retryBackoff({ initialInterval: 1, maxRetries: 5, maxInterval: 30_000, wrapExhausted: true }));
        expectObservable(result).toBe('-#', undefined, exhausted(open, 1));
      });
    });

    it('retrying into an open breaker waits retryAfterMs, then succeeds through a half-open trial', () => {
      // A stand-in for a breaker that opens for 100 ms on its first failure, then admits a trial.
      const scheduler = testScheduler();
      const attempts: number[] = [];
      scheduler.run(({ cold, expectObservable }) => {
        let openUntil: number | null = null;
        const guarded = defer(() => {
          const now = scheduler.now();
          attempts.push(now);
          if (openUntil === null) return cold('-#', undefined, new Error('503')).pipe(tap({ error: () => (openUntil = scheduler.now() + 100) }));
          if (now < openUntil) return throwError(() => new CircuitOpenError('api', 'open', (openUntil as number) - now));
          return cold('-a|');
        });
        expectObservable(guarded.pipe(retryBackoff({ initialInterval: 10, maxRetries: 5 }))).toBe('102ms a|');
      });
      expect(attempts).toEqual([0, 11, 101]);
    });
  });

  describe('configuration', () => {
    it.each<[string, unknown, string]>([
      ['a negative number', -1, 'retryBackoff.initialInterval must be a finite number >= 0, got -1'],
      ['a NaN initialInterval', { initialInterval: Number.NaN }, 'retryBackoff.initialInterval must be a finite number >= 0, got NaN'],
      ['an infinite initialInterval', { initialInterval: Number.POSITIVE_INFINITY }, 'retryBackoff.initialInterval must be a finite number >= 0, got Infinity'],
      ['a null initialInterval', { initialInterval: null }, 'retryBackoff.initialInterval must be a finite number >= 0, got null'],
      ['a negative maxRetries', { maxRetries: -1 }, 'retryBackoff.maxRetries must be an integer >= 0 or Infinity, got -1'],
      ['a fractional maxRetries', { maxRetries: 1.5 }, 'retryBackoff.maxRetries must be an integer >= 0 or Infinity, got 1.5'],
      ['a NaN maxRetries', { maxRetries: Number.NaN }, 'retryBackoff.maxRetries must be an integer >= 0 or Infinity, got NaN'],
      ['a NaN maxInterval', { maxInterval: Number.NaN }, 'retryBackoff.maxInterval must be a number >= 0 (Infinity for no cap), got NaN'],
      ['a negative maxInterval', { maxInterval: -1 }, 'retryBackoff.maxInterval must be a number >= 0 (Infinity for no cap), got -1'],
      ['a string maxInterval', { maxInterval: '5' }, 'retryBackoff.maxInterval must be a number >= 0 (Infinity for no cap), got "5"'],
      ['a shouldRetry that is not a function', { shouldRetry: true }, 'retryBackoff.shouldRetry must be a function, got true'],
      ['a backoffDelay that is not a function', { backoffDelay: 5 }, 'retryBackoff.backoffDelay must be a function, got 5'],
      ['a backoff that is not a function', { backoff: 'x' }, 'retryBackoff.backoff must be a function, got "x"'],
      ['an onRetry that is not a function', { onRetry: {} }, 'retryBackoff.onRetry must be a function, got an object'],
      ['a random that is not a function', { random: 0.3 }, 'retryBackoff.random must be a function, got 0.3'],
      ['a resetOnSuccess that is not a boolean', { resetOnSuccess: 'yes' }, 'retryBackoff.resetOnSuccess must be a boolean, got "yes"'],
      ['a wrapExhausted that is not a boolean', { wrapExhausted: 1 }, 'retryBackoff.wrapExhausted must be a boolean, got 1'],
      ['an unknown jitter', { jitter: 'random' }, "retryBackoff.jitter must be one of 'none', 'full', 'equal', 'decorrelated' or a fraction in (0, 1], got \"random\""],
      ['a jitter fraction of 0', { jitter: 0 }, "retryBackoff.jitter must be one of 'none', 'full', 'equal', 'decorrelated' or a fraction in (0, 1], got 0"],
      ['a scheduler without schedule()', { scheduler: { now: () => 0 } }, 'retryBackoff.scheduler must be an RxJS SchedulerLike (with now() and schedule()), got an object'],
      ['a string config', 'fast', 'retryBackoff must be a number (the initial interval in ms) or a RetryBackoffConfig object, got "fast"'],
      ['a null config', null, 'retryBackoff must be a number (the initial interval in ms) or a RetryBackoffConfig object, got null'],
      ['both backoff and backoffDelay', { backoff: () => 1, backoffDelay: () => 1 }, 'retryBackoff.backoff must be left out when backoffDelay is given (they are two forms of one schedule), got a function'],
      ['decorrelated jitter with backoffDelay', { jitter: 'decorrelated', backoffDelay: () => 1 }, "retryBackoff.jitter must be 'none', 'full', 'equal' or a fraction when backoff or backoffDelay is given ('decorrelated' is a schedule of its own), got \"decorrelated\""],
      ['decorrelated jitter with backoff', { jitter: 'decorrelated', backoff: () => 1 }, "retryBackoff.jitter must be 'none', 'full', 'equal' or a fraction when backoff or backoffDelay is given ('decorrelated' is a schedule of its own), got \"decorrelated\""],
    ])('throws InvalidConfigError at creation for %s', (_case, config, message) => {
      expect(() => retryBackoff(config as never)).toThrow(expect.objectContaining({ name: 'InvalidConfigError', message }));
    });

    it('accepts Infinity for maxRetries and maxInterval', () => {
      expect(() => retryBackoff({ maxRetries: Number.POSITIVE_INFINITY, maxInterval: Number.POSITIVE_INFINITY })).not.toThrow();
    });

    it('retries without limit when a config object leaves maxRetries out, as backoff-rxjs does', () => {
      testScheduler().run(({ cold, expectObservable, flush }) => {
        const script = scripted(cold, ['#', '#', '#', '#', '#', '#', '#', '#', '#', '#', '#', '(a|)']);
        expectObservable(script.source.pipe(retryBackoff({ initialInterval: 0 }))).toBe('(a|)');
        flush();
        expect(script.subscriptions()).toHaveLength(12);
      });
    });
  });
});
