import type { VirtualClock } from './helpers.js';

/** A Promise with its resolve and reject functions, settled by the test. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending microtask (and Promise chain) run; reads no clock. */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Promise + virtual time: settles pending Promise chains, moves `clock` by `ms`, settles again. */
export async function advance(clock: VirtualClock, ms: number): Promise<void> {
  await flushMicrotasks();
  clock.advance(ms);
  await flushMicrotasks();
}

/** How `promise` settled, without letting a rejection go unhandled: `['resolved', v]`, `['rejected', e]` or `['pending']`. */
export function track<T>(promise: Promise<T>): { readonly result: ['pending'] | ['resolved', T] | ['rejected', unknown] } {
  const state: { result: ['pending'] | ['resolved', T] | ['rejected', unknown] } = { result: ['pending'] };
  promise.then(
    (value) => {
      state.result = ['resolved', value];
    },
    (error: unknown) => {
      state.result = ['rejected', error];
    },
  );
  return state;
}
