import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Observable } from 'rxjs';
import { Subscription } from 'rxjs';
import type { DashboardMessage } from './dashboardStream.js';
import { BASE_HEADERS } from './http.js';

/** How long `EventSource` waits before it reconnects, in milliseconds (the `retry:` field). */
const RECONNECT_MS = 1000;
/** A client that lets this much pile up unread is dropped; it reconnects and resyncs. */
const MAX_BUFFERED_BYTES = 1 << 20;

/**
 * @internal One Server-Sent Events frame: `event:` and one `data:` line of JSON (JSON never
 * holds a raw line break), or a comment line for a heartbeat.
 */
export function sseFrame(message: DashboardMessage): string {
  if (message.type === 'heartbeat') return ': heartbeat\n\n';
  return `event: ${message.type}\ndata: ${JSON.stringify(message.data)}\n\n`;
}

/**
 * @internal Streams `messages$` to the client as Server-Sent Events until either side ends:
 * the client going away unsubscribes (releasing every subscription and timer of the stream);
 * the stream completing or failing ends the response.
 */
export function serveStream(req: IncomingMessage, res: ServerResponse, messages$: Observable<DashboardMessage>): void {
  res.writeHead(200, {
    ...BASE_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-store, no-transform',
    // Asks nginx not to buffer the stream.
    'X-Accel-Buffering': 'no',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const subscription = new Subscription();
  res.on('close', () => subscription.unsubscribe());
  const write = (chunk: string) => {
    if (res.destroyed || res.writableEnded) return;
    res.write(chunk);
    // compression() middleware buffers unless told to flush.
    (res as { flush?: () => void }).flush?.();
    if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
  };
  write(`retry: ${RECONNECT_MS}\n: connected\n\n`);
  subscription.add(
    messages$.subscribe({
      next: (message) => write(sseFrame(message)),
      error: () => res.end(),
      complete: () => res.end(),
    }),
  );
}
