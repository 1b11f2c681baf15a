import type { SchedulerLike, Subscription } from 'rxjs';

/**
 * @internal Schedules `work` after `delayMs` on `scheduler`. On the real async scheduler the
 * Node timer behind the action is unref'd, so a breaker waiting out a break never keeps a
 * process alive on its own; virtual schedulers have no such timer and are left alone.
 */
export function scheduleUnref(scheduler: SchedulerLike, delayMs: number, work: () => void): Subscription {
  const action = scheduler.schedule(work, delayMs);
  const id = (action as { id?: unknown }).id;
  if (typeof id === 'object' && id !== null && typeof (id as { unref?: unknown }).unref === 'function') {
    (id as { unref(): void }).unref();
  }
  return action;
}
