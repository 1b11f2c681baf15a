import { createServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { map, Observable } from 'rxjs';
import type { CircuitBreaker, CircuitBreakerRegistry } from '../../../src/index.js';

/** A real node:http server on 127.0.0.1 and a free port. */
export async function startServer(listener: RequestListener): Promise<{ origin: string; server: Server; close(): Promise<void> }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    server,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One Server-Sent Events frame as read off the wire. */
export interface Frame {
  raw: string;
  event?: string;
  data?: string;
  comment?: string;
  retry?: number;
}

function parseFrame(raw: string): Frame {
  const frame: Frame = { raw };
  for (const line of raw.split('\n')) {
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === '') frame.comment = value;
    else if (field === 'event') frame.event = value;
    else if (field === 'data') frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
    else if (field === 'retry') frame.retry = Number(value);
  }
  return frame;
}

/** An open Server-Sent Events connection: every frame so far, waiting for one, and closing. */
export interface SseClient {
  response: Response;
  frames: Frame[];
  /** The first frame (already received or coming) that matches, within `timeoutMs`. */
  next(match: (frame: Frame) => boolean, timeoutMs?: number): Promise<Frame>;
  close(): void;
  /** Resolves when the server ends the response. */
  ended: Promise<void>;
}

export async function openSse(url: string): Promise<SseClient> {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          frames.push(parseFrame(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
          waiters.forEach((w) => w());
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    response,
    frames,
    ended,
    close: () => abort.abort(),
    next: (match, timeoutMs = 3000) =>
      new Promise<Frame>((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < frames.length; seen++) {
            const frame = frames[seen] as Frame;
            if (match(frame)) {
              waiters.delete(check);
              clearTimeout(timer);
              return resolve(frame);
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching frame within ${timeoutMs} ms; got ${frames.map((f) => f.event ?? `:${f.comment}`).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

/** Polls `condition` until it holds, failing after `timeoutMs`. */
export async function eventually(condition: () => boolean, timeoutMs = 2000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The registry seen through a counter of live subscriptions to its streams (`events$`,
 * `states$`, `added$`, `removed$`) and to its breakers' `stats$`: what the dashboard holds.
 */
export function countSubscriptions(registry: CircuitBreakerRegistry): { registry: CircuitBreakerRegistry; active(): number } {
  let active = 0;
  const counted = <T>(source: Observable<T>) =>
    new Observable<T>((subscriber) => {
      active++;
      const subscription = source.subscribe(subscriber);
      return () => {
        active--;
        subscription.unsubscribe();
      };
    });
  const wrappers = new WeakMap<CircuitBreaker, CircuitBreaker>();
  const wrap = (breaker: CircuitBreaker): CircuitBreaker => {
    let proxy = wrappers.get(breaker);
    if (proxy === undefined) {
      proxy = forward(breaker, { stats$: () => counted(breaker.stats$) });
      wrappers.set(breaker, proxy);
    }
    return proxy;
  };
  const proxy = forward(registry, {
    events$: () => counted(registry.events$),
    states$: () => counted(registry.states$),
    added$: () => counted(registry.added$.pipe(map(wrap))),
    removed$: () => counted(registry.removed$.pipe(map(wrap))),
    breakers: () => () => registry.breakers().map(wrap),
  });
  return { registry: proxy, active: () => active };
}

/** A proxy of `target` with some properties replaced; methods stay bound to the target. */
function forward<T extends object>(target: T, replaced: Record<string, () => unknown>): T {
  return new Proxy(target, {
    get(t, property) {
      const replace = typeof property === 'string' ? replaced[property] : undefined;
      if (replace !== undefined) return replace();
      const value: unknown = Reflect.get(t, property, t);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(t) : value;
    },
  });
}
