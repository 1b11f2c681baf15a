import { Redis } from 'ioredis';
import { createClient } from 'redis';
import type { RedisConnection } from '../../../../src/integrations/redis/internal/RedisConnection.js';
import { ioredisConnection } from '../../../../src/integrations/redis/internal/ioredisAdapter.js';
import type { IoredisLike } from '../../../../src/integrations/redis/internal/ioredisAdapter.js';
import { nodeRedisConnection } from '../../../../src/integrations/redis/internal/nodeRedisAdapter.js';
import type { NodeRedisLike } from '../../../../src/integrations/redis/internal/nodeRedisAdapter.js';

/** The three client flavours the store supports, connected to `port`. */
export type Flavour = 'ioredis' | 'node-redis RESP2' | 'node-redis RESP3';
export const FLAVOURS: Flavour[] = ['ioredis', 'node-redis RESP2', 'node-redis RESP3'];

export interface TestClient {
  flavour: Flavour;
  client: Redis | ReturnType<typeof createClient>;
  connection: RedisConnection;
  close(): Promise<void>;
}

export async function connect(flavour: Flavour, port: number): Promise<TestClient> {
  if (flavour === 'ioredis') {
    const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    await new Promise<void>((resolve) => client.once('ready', () => resolve()));
    return { flavour, client, connection: ioredisConnection(client as unknown as IoredisLike), close: async () => client.disconnect() };
  }
  const client = createClient({ url: `redis://127.0.0.1:${port}`, RESP: flavour === 'node-redis RESP3' ? 3 : 2 });
  client.on('error', () => undefined);
  await client.connect();
  return {
    flavour,
    client,
    connection: nodeRedisConnection(client as unknown as NodeRedisLike),
    close: async () => {
      if (client.isOpen) client.destroy();
    },
  };
}
