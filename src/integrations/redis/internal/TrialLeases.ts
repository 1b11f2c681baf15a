import type { CircuitBreaker } from '../../../index.js';
import type { SyncContext } from './BreakerSync.js';
import { RedisGuardOpenError } from './GuardedRedis.js';
import type { BreakerKeys } from './keys.js';
import { LeasePool } from './LeasePool.js';
import { CLOCK_SLACK_MS, scripts } from './scripts.js';

const MAX_ORPHANS = 64;

/** @internal What {@link TrialLeases} asks of the breaker's sync. */
export interface LeaseOwner {
  /** Follows the shared state a script replied. */
  receive(reply: unknown): void;
  /** Number of the latest local transition. */
  seq(): number;
  /** True when a lease granted for round `gen` on a request made at transition `seq` is still of use. */
  wants(gen: number, seq: number): boolean;
}

/**
 * @internal One breaker's share of the fleet's half-open budget: leases asked for in the
 * background (one request at a time, retried soon when the budget is in use), held in a
 * {@link LeasePool}, given back when unused at the end of a round. A lease whose request
 * got no reply may still have been granted: it is an orphan, given back on the next resync.
 */
export class TrialLeases {
  private readonly pool = new LeasePool();
  private requested = false;
  private retryAt = 0;
  private nextId = 0;
  private orphans: string[] = [];
  /** `rejectedCalls` when the current break began. */
  private rejectedAtBreak = 0;

  constructor(
    private readonly breaker: CircuitBreaker,
    private readonly ctx: SyncContext,
    private readonly keys: BreakerKeys,
    private readonly owner: LeaseOwner,
  ) {}

  /** Admits a trial on an unused lease (asking for the next one in the background); false when none is held. */
  take(): boolean {
    const now = this.ctx.now();
    const taken = this.pool.take(now);
    if (!taken || this.pool.available(now) === 0) this.request();
    return taken;
  }

  /** A trial gave its slot back (ignored or cancelled): its lease is unused again. */
  giveBack(): void {
    this.pool.giveBack(this.ctx.now());
  }

  /** A break began: remembers how many calls had been rejected so far. */
  breakStarted(): void {
    this.rejectedAtBreak = this.breaker.stats().rejectedCalls;
  }

  /**
   * A half-open round began. Only an instance that had calls rejected during the break asks
   * for a lease at once (so its next call does not wait for one); an idle one asks when a
   * call comes, instead of sitting on a slot another instance could use.
   */
  roundStarted(): void {
    if (this.breaker.stats().rejectedCalls > this.rejectedAtBreak) this.request();
  }

  /** The round ended: unused leases go back to the fleet. */
  drop(): void {
    const unused = this.pool.clear();
    if (unused.length > 0) this.release(unused);
  }

  /** Gives back leases that may have been granted without our hearing of it. */
  releaseOrphans(): void {
    if (this.orphans.length > 0) this.release(this.orphans.splice(0));
  }

  /** Asks Redis for one lease, unless a request is out, the budget was just found in use, or we hold enough. */
  request(): void {
    const now = this.ctx.now();
    const o = this.ctx.options;
    const max = this.breaker.resolved.halfOpenMaxCalls;
    if (this.requested || now < this.retryAt || this.pool.held(now) >= max) return;
    this.requested = true;
    const member = `${o.instanceId}:${++this.nextId}`;
    const seq = this.owner.seq();
    const retryDelay = Math.min(250, Math.max(20, o.leaseMs / 10));
    const args = [member, max, o.leaseMs, CLOCK_SLACK_MS, this.ctx.channel, this.breaker.name, o.keyTtlMs, o.instanceId];
    this.ctx.run(scripts.lease, [this.keys.state, this.keys.leases], args).then(
      (reply) => {
        this.requested = false;
        this.owner.receive(reply);
        const granted = Array.isArray(reply) && Number(reply[0]) === 1;
        // Not granted: the fleet's budget is in use; ask again soon (a crashed holder's lease expires).
        if (!granted) this.retryAt = this.ctx.now() + retryDelay;
        else if (this.owner.wants(Number(reply[2]), seq)) this.pool.add(member, now + o.leaseMs);
        else this.release([member]);
      },
      (error: unknown) => {
        this.requested = false;
        this.orphan([member], error);
        this.retryAt = this.ctx.now() + retryDelay;
      },
    );
  }

  private release(members: string[]): void {
    this.ctx.run(scripts.release, [this.keys.leases], members).catch((error: unknown) => this.orphan(members, error));
  }

  private orphan(members: string[], error: unknown): void {
    // A command the guard refused never reached Redis; the cap bounds memory through a long outage.
    if (error instanceof RedisGuardOpenError || this.orphans.length >= MAX_ORPHANS) return;
    this.orphans.push(...members);
  }
}
