import type { Observable, SchedulerLike } from 'rxjs';
import { defer, endWith, filter, from, ignoreElements, interval, map, merge, mergeMap, takeUntil, throttleTime } from 'rxjs';
import type { CircuitBreakerRegistry, CircuitState, CircuitStats, TransitionReason } from '../../index.js';
import type { DashboardOptions } from './DashboardOptions.js';
import { resolveDashboardOptions } from './DashboardOptions.js';

/** A transition as the dashboard shows it (a `state_change` event without its error fields). */
export interface DashboardTransition {
  breaker: string;
  from: CircuitState;
  to: CircuitState;
  reason: TransitionReason;
  /** What decided it, e.g. `5 consecutive failures`. */
  detail: string | null;
  /** Scheduler time, in milliseconds. */
  at: number;
}

/** One breaker's traffic over the last sample interval. */
export interface BreakerSample {
  state: CircuitState;
  callsPerSecond: number;
  failuresPerSecond: number;
  rejectionsPerSecond: number;
  /** Time left of the break while `open`, else null. */
  retryAfterMs: number | null;
  halfOpenTrials: number;
}

/** Every breaker's traffic, once per `sampleIntervalMs`. */
export interface DashboardSample {
  /** Scheduler time, in milliseconds. */
  at: number;
  breakers: Record<string, BreakerSample>;
}

/** What the dashboard's stream sends; `type` is the Server-Sent Events `event:` name. */
export type DashboardMessage =
  | { type: 'stats'; data: CircuitStats }
  | { type: 'transition'; data: DashboardTransition }
  | { type: 'reset'; data: { breaker: string; at: number } }
  | { type: 'removed'; data: { breaker: string } }
  | { type: 'sample'; data: DashboardSample }
  | { type: 'heartbeat' };

/** The options of {@link dashboardStream} (a subset of the dashboard's). */
export type DashboardStreamOptions = Pick<DashboardOptions, 'throttleMs' | 'sampleIntervalMs' | 'heartbeatIntervalMs' | 'scheduler'>;

/**
 * The dashboard's live feed as an Observable, independent of HTTP: each breaker's stats
 * (current value first, then at most one update per `throttleMs`, the latest always
 * delivered), every transition and reset, removals, a traffic sample per
 * `sampleIntervalMs`, and heartbeats. Breakers created later join it. It completes when the
 * registry is disposed; unsubscribing releases every subscription and timer it holds.
 *
 * @example
 * ```ts
 * import { CircuitBreakerRegistry } from 'rxjs-circuit-breaker';
 * import { dashboardStream } from 'rxjs-circuit-breaker/dashboard';
 *
 * const registry = new CircuitBreakerRegistry();
 * registry.get('payments');
 * const sub = dashboardStream(registry).subscribe((m) => console.log(m.type));
 * // stats (payments' current stats), then sample every second, heartbeat every 15 s
 * sub.unsubscribe();
 * ```
 */
export function dashboardStream(registry: CircuitBreakerRegistry, options: DashboardStreamOptions = {}): Observable<DashboardMessage> {
  const { throttleMs, sampleIntervalMs, heartbeatIntervalMs, scheduler } = resolveDashboardOptions(options);
  return defer(() => {
    const stats$ = merge(from(registry.breakers()), registry.added$).pipe(
      mergeMap((breaker) =>
        breaker.stats$.pipe(
          // Leading shows a change at once, trailing guarantees the latest snapshot arrives.
          throttleTime(throttleMs, scheduler, { leading: true, trailing: true }),
          takeUntil(registry.removed$.pipe(filter((removed) => removed === breaker))),
          map((data): DashboardMessage => ({ type: 'stats', data })),
        ),
      ),
    );
    const transitions$ = registry.events$.pipe(
      mergeMap((e): DashboardMessage[] =>
        e.type === 'state_change'
          ? [{ type: 'transition', data: { breaker: e.breaker, from: e.from, to: e.to, reason: e.reason, detail: e.detail, at: e.at } }]
          : e.type === 'reset'
            ? [{ type: 'reset', data: { breaker: e.breaker, at: e.at } }]
            : [],
      ),
    );
    const removed$ = registry.removed$.pipe(map((b): DashboardMessage => ({ type: 'removed', data: { breaker: b.name } })));
    const samples$ = sampler(registry, sampleIntervalMs, scheduler);
    const heartbeats$ = interval(heartbeatIntervalMs, scheduler).pipe(map((): DashboardMessage => ({ type: 'heartbeat' })));
    // added$ completes when the registry is disposed: nothing more will ever happen.
    const disposed$ = registry.added$.pipe(ignoreElements(), endWith(true));
    return merge(stats$, transitions$, removed$, samples$, heartbeats$).pipe(takeUntil(disposed$));
  });
}

/** Calls, failures and rejections per second from the growth of each breaker's totals. */
function sampler(registry: CircuitBreakerRegistry, intervalMs: number, scheduler: SchedulerLike): Observable<DashboardMessage> {
  return defer(() => {
    let last = totals(registry.stats());
    let lastAt = scheduler.now();
    return interval(intervalMs, scheduler).pipe(
      map((): DashboardMessage => {
        const at = scheduler.now();
        const stats = registry.stats();
        const now = totals(stats);
        const seconds = Math.max(at - lastAt, 1) / 1000;
        const breakers: Record<string, BreakerSample> = {};
        for (const [name, s] of Object.entries(stats)) {
          const before = last.get(name);
          const cur = now.get(name) as Totals;
          breakers[name] = {
            state: s.state,
            callsPerSecond: perSecond(cur.calls, before?.calls, seconds),
            failuresPerSecond: perSecond(cur.failures, before?.failures, seconds),
            rejectionsPerSecond: perSecond(cur.rejections, before?.rejections, seconds),
            retryAfterMs: s.retryAfterMs,
            halfOpenTrials: s.halfOpenTrials,
          };
        }
        last = now;
        lastAt = at;
        return { type: 'sample', data: { at, breakers } };
      }),
    );
  });
}

interface Totals {
  calls: number;
  failures: number;
  rejections: number;
}

function totals(stats: Record<string, CircuitStats>): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const [name, s] of Object.entries(stats)) out.set(name, { calls: s.totalCalls, failures: s.failedCalls, rejections: s.rejectedCalls });
  return out;
}

function perSecond(now: number, before: number | undefined, seconds: number): number {
  // A breaker new since the last sample started from 0; a total that shrank was reset().
  const delta = before === undefined || now < before ? now : now - before;
  return Math.round((delta / seconds) * 100) / 100;
}
