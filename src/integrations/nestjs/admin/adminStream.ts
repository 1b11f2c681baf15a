import type { MessageEvent } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { filter, map, merge } from 'rxjs';
import type { CircuitBreakerRegistry, CircuitEvent, StateChangeEvent } from '../../../index.js';

/**
 * The `data` of a `state_change` event on the admin stream (`GET <admin path>/stream`).
 *
 * @example
 * ```ts
 * // event: state_change
 * // data: {"breaker":"quotes-api","from":"closed","to":"open","reason":"failure_threshold","at":1763812345678}
 * source.addEventListener('state_change', (e) => console.log(JSON.parse(e.data) as AdminStateChange));
 * ```
 */
export interface AdminStateChange {
  breaker: string;
  from: StateChangeEvent['from'];
  to: StateChangeEvent['to'];
  reason: StateChangeEvent['reason'];
  /** Scheduler time of the transition, in milliseconds. */
  at: number;
}

/**
 * @internal `GET <admin path>/stream`: a `stats` event (every breaker's stats) now and whenever
 * a breaker is added, removed or changes state, and a `state_change` event per transition,
 * in the order they happen. It completes when the registry is disposed.
 */
export function adminStream(registry: CircuitBreakerRegistry): Observable<MessageEvent> {
  const stats$ = registry.states$.pipe(map((): MessageEvent => ({ type: 'stats', data: registry.stats() })));
  const changes$ = registry.events$.pipe(
    filter((event: CircuitEvent): event is StateChangeEvent => event.type === 'state_change'),
    map(({ breaker, from, to, reason, at }): MessageEvent => {
      const data: AdminStateChange = { breaker, from, to, reason, at };
      return { type: 'state_change', data };
    }),
  );
  return merge(changes$, stats$);
}
