/** @internal Hears a connection going up (ready for commands) and down. */
export interface ConnectionListener {
  up(): void;
  down(reason: string): void;
}

/**
 * @internal The little the store needs from a Redis client, whatever the library: one raw
 * command at a time (scripts do the rest, see `scripts.ts`), and whether the link is up.
 */
export interface RedisConnection {
  /** `'ioredis'` or `'node-redis'`. */
  readonly kind: string;
  /** Sends one command and resolves with its reply: strings, integers, arrays of them, or null. */
  send(args: readonly string[]): Promise<unknown>;
  /** True while commands can go out right now. */
  isReady(): boolean;
  /** Reports the link going up and down until the returned function is called. */
  watch(listener: ConnectionListener): () => void;
}

/** @internal A subscriber-mode connection that delivers one channel's messages. */
export interface RedisChannel {
  /** True while subscribed and connected. */
  isReady(): boolean;
  /** Reports the link going up (subscribed again after a reconnect) and down. */
  watch(listener: ConnectionListener): () => void;
  /** Subscribes to `channel`; resolves once subscribed. May be called again after it failed. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<void>;
  /** Unsubscribes, and closes the connection when the store opened it (never the application's). */
  close(): Promise<void>;
}
