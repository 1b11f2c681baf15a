import type { ConnectionListener, RedisChannel, RedisConnection } from './RedisConnection.js';

/** @internal The part of a node-redis v5 client the store uses. */
export interface NodeRedisLike {
  readonly isReady: boolean;
  readonly isOpen: boolean;
  sendCommand(args: readonly string[]): Promise<unknown>;
  duplicate(): NodeRedisLike;
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<void>;
  unsubscribe(channel: string, listener: (message: string, channel: string) => void): Promise<void>;
  destroy(): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** @internal True for a node-redis (v4/v5) client. */
export function isNodeRedis(client: unknown): client is NodeRedisLike {
  const c = client as Partial<NodeRedisLike> | null;
  return typeof c === 'object' && c !== null && typeof c.sendCommand === 'function' && typeof c.duplicate === 'function' && 'isReady' in c;
}

/** @internal Commands over a node-redis client the application owns (and connects). */
export function nodeRedisConnection(client: NodeRedisLike): RedisConnection {
  return {
    kind: 'node-redis',
    send: (args) => client.sendCommand(args),
    isReady: () => client.isReady,
    watch: (listener) => watchNodeRedis(client, listener),
  };
}

/** @internal Announcements over `subscriber`, or over a duplicate of `client` that the store opens and owns. */
export function nodeRedisChannel(client: NodeRedisLike, subscriber: NodeRedisLike | undefined): RedisChannel {
  const owned = subscriber === undefined;
  const sub = subscriber ?? client.duplicate();
  // node-redis throws an 'error' event nobody listens to; on our own connection, status$ reports it instead.
  const onError = () => undefined;
  let subscribed = false;
  let channelName = '';
  let listener: ((message: string, channel: string) => void) | null = null;
  if (owned) sub.on('error', onError);
  return {
    isReady: () => subscribed && sub.isReady,
    watch: (l) => watchNodeRedis(sub, l),
    async subscribe(channel, onMessage) {
      // Callable again after a failed attempt: one listener, one connect.
      channelName = channel;
      listener ??= (message) => onMessage(String(message));
      if (owned && !sub.isOpen) await sub.connect();
      await sub.subscribe(channel, listener);
      subscribed = true;
    },
    async close() {
      if (owned) {
        if (sub.isOpen) sub.destroy();
        sub.off('error', onError);
      } else if (subscribed && listener !== null) {
        await sub.unsubscribe(channelName, listener);
      }
      subscribed = false;
    },
  };
}

function watchNodeRedis(client: NodeRedisLike, listener: ConnectionListener): () => void {
  const up = () => listener.up();
  const ended = () => listener.down('connection closed');
  const reconnecting = () => listener.down('reconnecting');
  client.on('ready', up);
  client.on('end', ended);
  client.on('reconnecting', reconnecting);
  return () => {
    client.off('ready', up);
    client.off('end', ended);
    client.off('reconnecting', reconnecting);
  };
}
