import { defer, type Observable } from 'rxjs';
import { TestScheduler, type RunHelpers } from 'rxjs/testing';
import { expect } from 'vitest';

/** A TestScheduler that compares frames with vitest's deep equality. */
export function testScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/** One subscription's script: a cold marble, or a marble and the value of its `#`. */
export type Step = string | readonly [marble: string, error: unknown];

export interface Scripted<T> {
  /** Subscription n plays step n (the last step again once they run out). */
  readonly source: Observable<T>;
  /** Every subscription made so far, in order, as TestScheduler logs them. */
  subscriptions(): Array<{ subscribedFrame: number; unsubscribedFrame: number }>;
}

/** A source whose every subscription plays the next cold marble: errors that change, success at last. */
export function scripted<T = string>(cold: RunHelpers['cold'], steps: readonly Step[], values?: Record<string, T>): Scripted<T> {
  const observables = steps.map((step) => (typeof step === 'string' ? cold<T>(step, values) : cold<T>(step[0], values, step[1])));
  let next = 0;
  return {
    source: defer(() => observables[Math.min(next++, observables.length - 1)] as Observable<T>),
    subscriptions: () =>
      observables
        .flatMap((observable) => observable.subscriptions)
        .map(({ subscribedFrame, unsubscribedFrame }) => ({ subscribedFrame, unsubscribedFrame }))
        .sort((a, b) => a.subscribedFrame - b.subscribedFrame),
  };
}

/** Subscription marbles (`'---^--!'`) as the frames `scripted(...).subscriptions()` reports. */
export function frames(...marbles: string[]): Array<{ subscribedFrame: number; unsubscribedFrame: number }> {
  return marbles.map((marble) => {
    const { subscribedFrame, unsubscribedFrame } = TestScheduler.parseMarblesAsSubscriptions(marble, true);
    return { subscribedFrame, unsubscribedFrame };
  });
}
