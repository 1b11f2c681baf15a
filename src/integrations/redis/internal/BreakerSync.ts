import type { Subscription } from 'rxjs';
import type { CircuitBreaker, CircuitState, TransitionReason } from '../../../index.js';
import { followShared } from './followShared.js';
import type { BreakerKeys } from './keys.js';
import { breakerKeys } from './keys.js';
import { OutcomeBuckets } from './OutcomeBuckets.js';
import type { Proposal, ProposalTarget } from './proposals.js';
import { proposalArgs, proposalKind } from './proposals.js';
import type { ResolvedStoreOptions } from './resolveOptions.js';
import type { Script } from './Script.js';
import { scripts } from './scripts.js';
import type { SharedSnapshot } from './sharedState.js';
import { parseSnapshot, transitionReason } from './sharedState.js';
import { TrialLeases } from './TrialLeases.js';

/** The hooks a breaker calls (its `setSharedLink` parameter), typed from the public class. */
type SharedLink = NonNullable<Parameters<CircuitBreaker['setSharedLink']>[0]>;

/** @internal What a {@link BreakerSync} needs from its store. */
export interface SyncContext {
  readonly options: ResolvedStoreOptions;
  readonly channel: string;
  /** True while the store is `connected`: shared decisions apply; otherwise the breaker is on its own. */
  readonly connected: boolean;
  run(script: Script, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
  /** The store scheduler's time. */
  now(): number;
  /** Something failed that is not Redis being away (a bug, or a reply no script of ours makes). */
  fail(error: unknown, breaker: string): void;
}

/**
 * @internal Shares one breaker's state: it is the breaker's {@link SharedLink}. Local
 * transitions become proposals to Redis (never awaited by a call); shared states from
 * replies, announcements and re-reads are followed through `breaker.applyShared()`; in a
 * fleet half-open round, trials are admitted only on leases held here ({@link TrialLeases}).
 *
 * Ordering rules: a snapshot older than the newest generation seen is ignored; while a
 * proposal of ours is unanswered or undelivered, nothing is applied (its reply, or its
 * delivery when Redis is back, brings the state to follow), so an answer to an older
 * question never undoes a newer local transition.
 */
export class BreakerSync implements SharedLink {
  readonly keys: BreakerKeys;
  readonly counts: OutcomeBuckets | null;
  private readonly target: ProposalTarget;
  private readonly leases: TrialLeases;
  private knownGen = 0;
  private known: SharedSnapshot | null = null;
  /** Quorum mode: this instance tripped on its own and the fleet has not (yet). */
  private localOnly = false;
  /** The breaker changed state since it was attached (a config-given state is never pushed to the fleet). */
  private moved = false;
  private seq = 0;
  private inFlight = 0;
  private pending: Proposal | null = null;
  private reading = false;
  /** The generation of the fleet half-open round the local breaker is in, once known. */
  private round: number | null = null;
  private countsSubscription: Subscription | null = null;
  private detached = false;

  constructor(
    readonly breaker: CircuitBreaker,
    private readonly ctx: SyncContext,
  ) {
    this.keys = breakerKeys(ctx.options.keyPrefix, breaker.name);
    this.target = { name: breaker.name, channel: ctx.channel, successThreshold: breaker.resolved.successThreshold, options: ctx.options };
    this.leases = new TrialLeases(breaker, ctx, this.keys, {
      receive: (reply) => this.receive(reply),
      seq: () => this.seq,
      wants: (gen, seq) => seq === this.seq && !this.detached && breaker.state === 'half_open' && this.round === gen,
    });
    const counts = ctx.options.counts;
    this.counts = counts === null ? null : new OutcomeBuckets(counts.bucketMs, counts.buckets);
    const buckets = this.counts;
    if (buckets !== null) {
      this.countsSubscription = breaker.events$.subscribe((e) => {
        if (e.type === 'success') buckets.record(true, ctx.now());
        else if (e.type === 'failure' || e.type === 'timeout') buckets.record(false, ctx.now());
      });
    }
  }

  // --- The breaker's hooks: synchronous, cheap, never throwing. ---

  transitioned(to: CircuitState, reason: TransitionReason, breakMs: number, attempt: number): void {
    this.seq++;
    this.moved = true;
    this.round = null;
    this.leases.drop();
    if (reason === 'manual' || to === 'closed') this.localOnly = false;
    if (to === 'open') this.leases.breakStarted();
    const kind = proposalKind(to, reason);
    if (kind !== null) {
      if ((kind === 'trip' || kind === 'reopen') && this.ctx.options.quorum > 0) this.localOnly = true;
      this.send({ kind, to, breakMs, attempt, reason, baseGen: this.knownGen, at: this.ctx.now(), seq: this.seq });
    } else if (to === 'half_open') {
      this.leases.roundStarted();
    }
  }

  tryAcquireTrial(): boolean {
    return !this.fleetRound() || this.leases.take();
  }

  trialEnded(succeeded: boolean): void {
    if (!succeeded) {
      this.leases.giveBack();
    } else if (this.fleetRound() && this.known?.state === 'half_open') {
      // One success of the fleet's round; the round closes on the fleet's count, not on ours alone.
      const p: Proposal = { kind: 'success', to: 'half_open', breakMs: 0, attempt: 0, reason: 'trials_succeeded', baseGen: this.knownGen, at: 0, seq: this.seq };
      this.ctx.run(scripts.propose, this.proposeKeys(), proposalArgs(p, 0, this.target)).then((reply) => this.receive(reply), () => undefined);
    }
  }

  // --- Store-facing. ---

  /** Delivers an undelivered proposal, gives back orphaned leases, and re-reads the shared state. */
  resync(): void {
    if (this.detached) return;
    this.leases.releaseOrphans();
    if (this.pending !== null) {
      const pending = this.pending;
      this.pending = null;
      this.send(pending);
      return;
    }
    if (this.reading) return;
    this.reading = true;
    const o = this.ctx.options;
    const done = () => (this.reading = false);
    this.ctx
      .run(scripts.read, [this.keys.state, this.keys.leases], [this.ctx.channel, this.breaker.name, o.keyTtlMs, 0, o.instanceId])
      .then((reply) => (done(), this.receive(reply)), done);
  }

  /** A shared state from an announcement. */
  announced(snapshot: SharedSnapshot): void {
    this.reconcile(snapshot);
  }

  /** Stops following and gives unused leases back. */
  detach(): void {
    this.detached = true;
    this.countsSubscription?.unsubscribe();
    this.leases.drop();
  }

  // --- Proposals and replies. ---

  private send(p: Proposal): void {
    this.inFlight++;
    this.ctx.run(scripts.propose, this.proposeKeys(), proposalArgs(p, this.ctx.now(), this.target)).then(
      (reply) => {
        this.inFlight--;
        this.receive(reply);
      },
      () => {
        this.inFlight--;
        // Only the newest local transition matters: it is delivered when Redis answers again.
        if (p.seq === this.seq && !this.detached) this.pending = p;
      },
    );
  }

  private proposeKeys(): string[] {
    return [this.keys.state, this.keys.leases, this.keys.trips];
  }

  private receive(reply: unknown): void {
    let snapshot: SharedSnapshot;
    try {
      snapshot = parseSnapshot(reply);
    } catch (error) {
      this.ctx.fail(error, this.breaker.name);
      return;
    }
    this.reconcile(snapshot);
  }

  // --- Following the shared state. ---

  private reconcile(s: SharedSnapshot): void {
    if (this.detached || this.breaker.isDisposed) return;
    const settled = this.inFlight === 0 && this.pending === null;
    if (s.state === 'none') {
      this.known = null;
      this.knownGen = 0;
      // Redis lost or expired it while we hold a state the fleet shared: put it back (first writer wins).
      const state = this.breaker.state;
      if (this.moved && state !== 'closed' && !this.localOnly && settled) {
        const left = this.breaker.stats().retryAfterMs ?? 0;
        this.send({ kind: 'restore', to: state, breakMs: left, attempt: 1, reason: 'restored', baseGen: 0, at: this.ctx.now(), seq: this.seq });
      }
      return;
    }
    if (s.gen < this.knownGen) return;
    this.knownGen = s.gen;
    this.known = s;
    if (s.code === 2) this.localOnly = true;
    else if (s.state !== 'closed') this.localOnly = false;
    // Created disabled (`enabled: false`): this instance stays out of the fleet until a manual transition.
    if (this.localOnly || !settled || (!this.moved && this.breaker.state === 'disabled')) return;
    const local = this.breaker.state;
    const decision = followShared(local, local === 'open' ? this.breaker.stats().retryAfterMs : null, this.round, s);
    if (decision === 'adopt') this.round = s.gen;
    else if (decision === 'apply') this.apply(s);
  }

  private apply(s: SharedSnapshot): void {
    this.leases.drop();
    this.breaker.applyShared({
      state: s.state as CircuitState,
      reason: transitionReason(s.reason),
      detail: `shared by ${s.by}`,
      breakEndsAt: this.breaker.scheduler.now() + s.remainingMs,
      breakMs: s.breakMs > 0 ? s.breakMs : s.remainingMs,
      attempt: Math.max(1, s.attempt),
    });
    this.moved = true;
    this.round = s.state === 'half_open' ? s.gen : null;
    if (s.state === 'open') this.leases.breakStarted();
    if (s.state === 'half_open') this.leases.roundStarted();
  }

  /** A fleet round: the local half-open follows a shared break, so trials need a lease. */
  private fleetRound(): boolean {
    const k = this.known;
    return this.ctx.connected && !this.localOnly && k !== null && (k.state === 'open' || k.state === 'half_open');
  }
}
