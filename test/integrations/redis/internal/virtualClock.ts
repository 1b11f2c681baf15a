import { VirtualTimeScheduler } from 'rxjs';

/** A virtual clock: `advance(ms)` runs what is due and leaves the clock exactly `ms` later. */
export class VirtualClock extends VirtualTimeScheduler {
  advance(ms: number): void {
    const target = this.frame + ms;
    this.maxFrames = target;
    this.flush();
    this.frame = target;
  }
}

/** Lets resolved promises run their callbacks. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
