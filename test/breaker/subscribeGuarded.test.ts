import { Observable, take } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { circuitBreaker } from '../../operators/circuitBreaker.js';
import { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';

/** Emits 1, 2, 3, ... synchronously while its subscriber is open, up to `limit`. */
function counting(limit: number, emitted: number[]): Observable<number> {
  return new Observable<number>((subscriber) => {
    for (let i = 1; i <= limit && !subscriber.closed; i++) {
      emitted.push(i);
      subscriber.next(i);
    }
    subscriber.complete();
  });
}

describe('a guarded call of a synchronous source', () => {
  it('stops the source as soon as the caller unsubscribes during its first value', () => {
    const breaker = new CircuitBreaker('api');
    const emitted: number[] = [];
    const values: number[] = [];
    counting(1_000, emitted).pipe(circuitBreaker(breaker), take(1)).subscribe((v) => values.push(v));
    expect(values).toEqual([1]);
    expect(emitted).toEqual([1]);
    expect(breaker.stats()).toMatchObject({ successfulCalls: 1, cancelledCalls: 0 });
  });
});
