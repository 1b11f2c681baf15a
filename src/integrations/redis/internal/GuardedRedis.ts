import type { Observable, SchedulerLike } from 'rxjs';
import { CircuitBreaker } from '../../../index.js';
import type { RedisConnection } from './RedisConnection.js';
import type { Script } from './Script.js';
import { isNoScript } from './Script.js';
import { scheduleUnref } from './scheduleUnref.js';

/** @internal A command that got no reply within `commandTimeoutMs`. */
export class RedisCommandTimeoutError extends Error {
  override readonly name = 'RedisCommandTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`Redis did not reply within ${timeoutMs} ms`);
  }
}

/** @internal A command refused without trying, because the guard breaker is open. */
export class RedisGuardOpenError extends Error {
  override readonly name = 'RedisGuardOpenError';
  constructor() {
    super('Redis is considered unavailable (the store guard breaker is open)');
  }
}

/**
 * @internal Runs the store's scripts on one connection, behind a short timeout and a small
 * breaker of our own: when Redis is slow or gone, commands fail fast instead of piling up,
 * and one probe at a time finds out when it is back. Only lost replies count against Redis;
 * an error reply means it answered.
 */
export class GuardedRedis {
  private readonly guard: CircuitBreaker;
  /** `closed` while Redis answers; `open`/`half_open` while it does not. */
  readonly state$: Observable<string>;

  constructor(
    private readonly connection: RedisConnection,
    private readonly timeoutMs: number,
    private readonly scheduler: SchedulerLike,
  ) {
    this.guard = new CircuitBreaker('rxcb:redis', {
      failureThreshold: 3,
      recoveryTimeout: 1_000,
      halfOpenMaxCalls: 1,
      scheduler,
      recordErrors: (error: unknown) => !isErrorReply(error),
    });
    this.state$ = this.guard.state$;
  }

  /** True while commands are let through without restriction. */
  get healthy(): boolean {
    return this.guard.state === 'closed';
  }

  /** Runs `script` (EVALSHA, falling back to EVAL when Redis does not have it cached). */
  async run(script: Script, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    const permit = this.guard.acquire();
    if (permit instanceof Error) throw new RedisGuardOpenError();
    try {
      let reply: unknown;
      try {
        reply = await this.timed(this.connection.send(script.evalsha(keys, args)));
      } catch (error) {
        if (!isNoScript(error)) throw error;
        reply = await this.timed(this.connection.send(script.eval(keys, args)));
      }
      permit.success();
      return reply;
    } catch (error) {
      permit.error(error);
      throw error;
    }
  }

  /** One PING through the guard: the probe that closes it again once Redis is back. */
  async ping(): Promise<void> {
    const permit = this.guard.acquire();
    if (permit instanceof Error) throw new RedisGuardOpenError();
    try {
      await this.timed(this.connection.send(['PING']));
      permit.success();
    } catch (error) {
      permit.error(error);
      throw error;
    }
  }

  /** Stops the guard's timers. */
  dispose(): void {
    this.guard.dispose();
  }

  private timed<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = scheduleUnref(this.scheduler, this.timeoutMs, () => reject(new RedisCommandTimeoutError(this.timeoutMs)));
      promise.then(
        (value) => {
          timer.unsubscribe();
          resolve(value);
        },
        (error: unknown) => {
          timer.unsubscribe();
          reject(error);
        },
      );
    });
  }
}

/** @internal An error reply from the server (ioredis `ReplyError`, node-redis `ErrorReply`): Redis is up. */
export function isErrorReply(error: unknown): boolean {
  for (let proto = error; proto !== null && typeof proto === 'object'; proto = Object.getPrototypeOf(proto)) {
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    if (name === 'ReplyError' || name === 'ErrorReply') return true;
  }
  return false;
}
