import type { Observable, SchedulerLike } from 'rxjs';
import { BehaviorSubject, distinctUntilChanged, Subject } from 'rxjs';
import type { RedisStoreEvent, RedisStoreStatus } from '../types.js';
import type { RedisStoreLogger } from '../options.js';

/** @internal The three things that must be up for the store to be `connected`. */
export type StoreLink = 'main' | 'channel' | 'guard';

/**
 * @internal The store's status and events: `connected` while the command connection, the
 * announcement subscription and the guard breaker are all up, else `degraded`. Every change
 * is an event (and a logger warning); `onConnected` runs on each return to `connected`.
 */
export class StoreStatus {
  readonly status$: Observable<RedisStoreStatus>;
  readonly events$: Observable<RedisStoreEvent>;
  private readonly status$$ = new BehaviorSubject<RedisStoreStatus>('degraded');
  private readonly events$$ = new Subject<RedisStoreEvent>();
  private readonly up: Record<StoreLink, boolean>;

  constructor(
    private readonly scheduler: SchedulerLike,
    private readonly logger: RedisStoreLogger | null,
    mainUp: boolean,
    private readonly onConnected: () => void,
  ) {
    this.up = { main: mainUp, channel: false, guard: true };
    this.status$ = this.status$$.pipe(distinctUntilChanged());
    this.events$ = this.events$$.asObservable();
  }

  get value(): RedisStoreStatus {
    return this.status$$.value;
  }

  /** One link went up or down (`reason` says why, when down). */
  set(link: StoreLink, up: boolean, reason: string): void {
    if (this.status$$.closed) return;
    this.up[link] = up;
    const next: RedisStoreStatus = this.up.main && this.up.channel && this.up.guard ? 'connected' : 'degraded';
    if (next === this.status$$.value) return;
    this.status$$.next(next);
    const at = this.scheduler.now();
    if (next === 'connected') {
      this.emit({ type: 'connected', at });
      this.onConnected();
    } else {
      this.emit({ type: 'degraded', at, reason });
    }
  }

  emit(event: RedisStoreEvent): void {
    if (this.events$$.closed) return;
    this.events$$.next(event);
    if (this.logger === null) return;
    try {
      this.logger.warn(`rxjs-circuit-breaker/redis: ${describe(event)}`);
    } catch {
      // A throwing logger never breaks the store.
    }
  }

  complete(): void {
    this.status$$.complete();
    this.events$$.complete();
  }
}

function describe(event: RedisStoreEvent): string {
  switch (event.type) {
    case 'connected':
      return 'connected: breakers share their state again';
    case 'degraded':
      return `degraded (${event.reason}): breakers decide locally`;
    case 'dropped':
      return `dropped ${event.outcomes} outcome(s) of ${event.breaker} that never reached Redis`;
    default:
      return `error${event.breaker === null ? '' : ` (${event.breaker})`}: ${String(event.error)}`;
  }
}
