import type { ServerResponse } from 'node:http';
import { firstValueFrom, fromEvent, race, timer } from 'rxjs';

/** How long shutdown waits for an ended stream to flush, in milliseconds. */
const FLUSH_WAIT_MS = 1000;

/**
 * @internal The streaming responses of the admin API still open. At shutdown Nest closes the
 * HTTP server right after the hooks, and Node then closes only the connections that are idle
 * at that moment: a stream still open (or still flushing its end) would hold `app.close()`
 * until the client leaves or the keep-alive timeout passes.
 */
export class OpenResponses {
  private readonly open = new Map<ServerResponse, boolean>();

  /** Tracks `res`; `end: false` for a response whose writer ends it by itself at shutdown (Nest's SSE). */
  add(res: ServerResponse, end = true): void {
    if (res.writableFinished) return;
    this.open.set(res, end);
    res.once('close', () => this.open.delete(res));
  }

  /** Ends the open responses it should end, and waits (a little, at most) until each has flushed. */
  async endAll(): Promise<void> {
    const pending = [...this.open].filter(([res]) => !res.writableFinished);
    for (const [res, end] of pending) if (end) res.end();
    await Promise.all(
      pending.map(([res]) =>
        res.writableFinished ? undefined : firstValueFrom(race(fromEvent(res, 'finish'), fromEvent(res, 'close'), timer(FLUSH_WAIT_MS))),
      ),
    );
  }
}
