import type { ConnectionListener, RedisChannel, RedisConnection } from './RedisConnection.js';

/** @internal The part of an ioredis client the store uses. */
export interface IoredisLike {
  status: string;
  call(command: string, ...args: string[]): Promise<unknown>;
  duplicate(): IoredisLike;
  subscribe(channel: string): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  disconnect(): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** @internal True for an ioredis `Redis` instance. */
export function isIoredis(client: unknown): client is IoredisLike {
  const c = client as Partial<IoredisLike> | null;
  return typeof c === 'object' && c !== null && typeof c.call === 'function' && typeof c.duplicate === 'function' && typeof c.status === 'string';
}

/** @internal Commands over an ioredis client the application owns. */
export function ioredisConnection(client: IoredisLike): RedisConnection {
  return {
    kind: 'ioredis',
    send: ([command, ...args]) => client.call(command as string, ...args),
    isReady: () => client.status === 'ready',
    watch: (listener) => watchIoredis(client, listener),
  };
}

/** @internal Announcements over `subscriber`, or over a duplicate of `client` that the store owns. */
export function ioredisChannel(client: IoredisLike, subscriber: IoredisLike | undefined): RedisChannel {
  const owned = subscriber === undefined;
  const sub = subscriber ?? client.duplicate();
  // An ioredis client without an 'error' listener logs every reconnect failure loudly; ours is quiet (status$ tells).
  const onError = () => undefined;
  if (owned) sub.on('error', onError);
  let subscribed = false;
  let channelName = '';
  let handler: ((channel: unknown, message: unknown) => void) | null = null;
  return {
    isReady: () => subscribed && sub.status === 'ready',
    watch: (listener) => watchIoredis(sub, listener),
    async subscribe(channel, onMessage) {
      // Callable again after a failed attempt: the message handler is added once.
      if (handler === null) {
        channelName = channel;
        handler = (ch, message) => {
          if (ch === channel) onMessage(String(message));
        };
        sub.on('message', handler);
      }
      await sub.subscribe(channel);
      subscribed = true;
    },
    async close() {
      if (handler !== null) sub.off('message', handler);
      if (owned) {
        sub.disconnect();
        sub.off('error', onError);
      } else if (subscribed) {
        await sub.unsubscribe(channelName);
      }
      subscribed = false;
    },
  };
}

function watchIoredis(client: IoredisLike, listener: ConnectionListener): () => void {
  const up = () => listener.up();
  const closed = () => listener.down('connection closed');
  const reconnecting = () => listener.down('reconnecting');
  client.on('ready', up);
  client.on('close', closed);
  client.on('reconnecting', reconnecting);
  return () => {
    client.off('ready', up);
    client.off('close', closed);
    client.off('reconnecting', reconnecting);
  };
}
