import type { SchedulerLike, Subscription } from 'rxjs';

/**
 * @internal Schedules `work` after `delayMs`; on the real async scheduler the Node timer is
 * unref'd, so the store's timers never keep a process alive on their own (the same rule as
 * the core's breaker timers; integrations cannot import the core's internal helper).
 */
export function scheduleUnref(scheduler: SchedulerLike, delayMs: number, work: () => void): Subscription {
  const action = scheduler.schedule(work, delayMs);
  const id = (action as { id?: unknown }).id;
  if (typeof id === 'object' && id !== null && typeof (id as { unref?: unknown }).unref === 'function') {
    (id as { unref(): void }).unref();
  }
  return action;
}
