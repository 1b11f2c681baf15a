import { describe, expect, it } from 'vitest';
import { GuardedRedis, RedisCommandTimeoutError, RedisGuardOpenError, isErrorReply } from '../../../../src/integrations/redis/internal/GuardedRedis.js';
import type { RedisConnection } from '../../../../src/integrations/redis/internal/RedisConnection.js';
import { Script } from '../../../../src/integrations/redis/internal/Script.js';
import { settle, VirtualClock } from './virtualClock.js';

class ReplyError extends Error {}

/** A connection whose replies the test decides: `next` answers every command sent from now on. */
function fakeConnection() {
  const sent: string[][] = [];
  let next: (args: readonly string[]) => Promise<unknown> = () => Promise.resolve('OK');
  const connection: RedisConnection = {
    kind: 'fake',
    send: (args) => {
      sent.push([...args]);
      return next(args);
    },
    isReady: () => true,
    watch: () => () => undefined,
  };
  return { connection, sent, answer: (fn: typeof next) => (next = fn) };
}

const script = new Script('return 1');
const never = () => new Promise<never>(() => undefined);

function setup() {
  const clock = new VirtualClock();
  const fake = fakeConnection();
  const redis = new GuardedRedis(fake.connection, 500, clock);
  return { clock, redis, ...fake };
}

async function loseReplies(redis: GuardedRedis, clock: VirtualClock, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const p = redis.run(script, [], []).catch(() => undefined);
    clock.advance(500);
    await p;
  }
}

describe('GuardedRedis', () => {
  it('runs a script by its SHA1', async () => {
    const { redis, sent, answer } = setup();
    answer(() => Promise.resolve([1]));
    await expect(redis.run(script, ['k'], ['a', 2])).resolves.toEqual([1]);
    expect(sent).toEqual([['EVALSHA', script.sha, '1', 'k', 'a', '2']]);
  });

  it('sends the script itself when Redis does not have it cached', async () => {
    const { redis, sent, answer } = setup();
    answer((args) => (args[0] === 'EVALSHA' ? Promise.reject(new ReplyError('NOSCRIPT No matching script')) : Promise.resolve(1)));
    await expect(redis.run(script, [], [])).resolves.toBe(1);
    expect(sent.map((c) => c[0])).toEqual(['EVALSHA', 'EVAL']);
  });

  it('fails a command without a reply after the command timeout', async () => {
    const { redis, clock, answer } = setup();
    answer(never);
    const reply = redis.run(script, [], []);
    clock.advance(499);
    await settle();
    let done = false;
    void reply.catch(() => (done = true));
    await settle();
    expect(done).toBe(false);
    clock.advance(1);
    await expect(reply).rejects.toBeInstanceOf(RedisCommandTimeoutError);
  });

  it('refuses commands without sending them after three lost replies', async () => {
    const { redis, clock, sent, answer } = setup();
    answer(never);
    await loseReplies(redis, clock, 3);
    expect(redis.healthy).toBe(false);
    await expect(redis.run(script, [], [])).rejects.toBeInstanceOf(RedisGuardOpenError);
    expect(sent).toHaveLength(3);
  });

  it('counts an error reply as an answer', async () => {
    const { redis, answer } = setup();
    answer(() => Promise.reject(new ReplyError('ERR wrong number of arguments')));
    for (let i = 0; i < 5; i++) await redis.run(script, [], []).catch(() => undefined);
    expect(redis.healthy).toBe(true);
  });

  it('closes again after a probe succeeds once the guard half-opens', async () => {
    const { redis, clock, answer } = setup();
    answer(never);
    await loseReplies(redis, clock, 3);
    clock.advance(1_000);
    answer(() => Promise.resolve('PONG'));
    await redis.ping();
    expect(redis.healthy).toBe(true);
  });
});

describe('isErrorReply', () => {
  it('recognises server error replies of either client by class name', () => {
    class ErrorReply extends Error {}
    class SimpleError extends ErrorReply {}
    expect(isErrorReply(new ReplyError('x'))).toBe(true);
    expect(isErrorReply(new SimpleError('x'))).toBe(true);
  });

  it('treats lost connections and timeouts as Redis not answering', () => {
    expect(isErrorReply(new Error('Connection is closed.'))).toBe(false);
    expect(isErrorReply(new RedisCommandTimeoutError(500))).toBe(false);
    expect(isErrorReply('boom')).toBe(false);
  });
});
