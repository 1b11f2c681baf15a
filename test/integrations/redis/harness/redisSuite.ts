import { describe, it } from 'vitest';
import { findRedisServer } from './redisServer.js';

/**
 * `describe` for a suite that needs a real redis-server: skipped (and said so) when the
 * binary is missing locally, but a failing test when the `CI` variable is set, so CI can
 * never pass without running it.
 */
export function redisSuite(name: string, body: (bin: string) => void, options: { timeout?: number } = {}): void {
  const bin = findRedisServer();
  if (bin !== null) {
    describe(name, { timeout: options.timeout ?? 20_000 }, () => body(bin));
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it('finds redis-server (CI requires it: apt-get install redis-server)', () => {
        throw new Error('redis-server is not installed, and CI is set');
      });
    });
    return;
  }
  console.warn(`[${name}] redis-server not found (set REDIS_SERVER or install it): skipping the real-Redis tests`);
  describe.skip(name, () => {
    it('needs redis-server', () => undefined);
  });
}
