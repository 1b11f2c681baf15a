// The per-breaker sync against a scripted fake Redis, in virtual time: which proposals it
// makes, which shared states it follows, and when it admits a fleet trial.
import { describe, expect, it } from 'vitest';
import type { CircuitBreakerOptions } from '../../../../src/index.js';
import { CircuitBreaker, isCircuitOpenError } from '../../../../src/index.js';
import type { SyncContext } from '../../../../src/integrations/redis/internal/BreakerSync.js';
import { BreakerSync } from '../../../../src/integrations/redis/internal/BreakerSync.js';
import type { ResolvedStoreOptions } from '../../../../src/integrations/redis/internal/resolveOptions.js';
import type { Script } from '../../../../src/integrations/redis/internal/Script.js';
import { scripts } from '../../../../src/integrations/redis/internal/scripts.js';
import { parseSnapshot } from '../../../../src/integrations/redis/internal/sharedState.js';
import { settle, VirtualClock } from './virtualClock.js';

interface Sent {
  script: Script;
  args: readonly (string | number)[];
  reply(value: unknown): Promise<void>;
  fail(): Promise<void>;
}

/** A shared-state reply: `{ code, state, gen, remainingMs, attempt, breakMs, reason, by, successes }`. */
const reply = (code: number, state: string, gen: number, remainingMs = 0, reason = 'failure_threshold', by = 'B') => [
  code, state, gen, remainingMs, 1, remainingMs, reason, by, 0,
];

function setup(breakerOptions: CircuitBreakerOptions = {}, storeOptions: Partial<ResolvedStoreOptions> = {}) {
  const clock = new VirtualClock();
  const sent: Sent[] = [];
  const failures: unknown[] = [];
  const ctx: SyncContext & { connected: boolean } = {
    options: {
      keyPrefix: 'rxcb', quorum: 0, quorumWindowMs: 60_000, leaseMs: 10_000, syncIntervalMs: 5_000, commandTimeoutMs: 500,
      keyTtlMs: 60_000, instanceId: 'A', counts: null, scheduler: clock, logger: null, ...storeOptions,
    },
    channel: 'rxcb:changes',
    connected: true,
    run: (script, _keys, args) =>
      new Promise((resolve, reject) => {
        sent.push({
          script,
          args,
          reply: async (value) => (resolve(value), settle()),
          fail: async () => (reject(new Error('lost')), settle()),
        });
      }),
    now: () => clock.now(),
    fail: (error) => void failures.push(error),
  };
  const breaker = new CircuitBreaker('api', { failureThreshold: 1, recoveryTimeout: 1_000, halfOpenMaxCalls: 1, scheduler: clock, ...breakerOptions });
  const sync = new BreakerSync(breaker, ctx);
  breaker.setSharedLink(sync);
  const proposals = () => sent.filter((s) => s.script === scripts.propose);
  const leases = () => sent.filter((s) => s.script === scripts.lease);
  return { clock, sent, ctx, breaker, sync, proposals, leases, failures };
}

function trip(breaker: CircuitBreaker): void {
  const permit = breaker.acquire();
  if (!isCircuitOpenError(permit)) permit.failure(new Error('boom'));
}

describe('BreakerSync', () => {
  it('proposes a local trip with the break left and the generation it follows', () => {
    const { breaker, proposals } = setup();
    trip(breaker);
    expect(proposals()[0]!.args.slice(0, 7)).toEqual(['trip', 0, 'open', 1_000, 1_000, 1, 'failure_threshold']);
  });

  it('follows a newer shared open it hears of, with its reason and author', () => {
    const { breaker, sync } = setup();
    const changes: unknown[] = [];
    breaker.events$.subscribe((e) => e.type === 'state_change' && changes.push(e));
    sync.announced(parseSnapshot(reply(1, 'open', 10, 4_000)));
    expect(breaker.stats()).toMatchObject({ state: 'open', retryAfterMs: 4_000 });
    expect(changes).toMatchObject([{ reason: 'failure_threshold', detail: 'shared by B' }]);
  });

  it('ignores an announcement older than the state it follows', () => {
    const { breaker, sync } = setup();
    sync.announced(parseSnapshot(reply(1, 'open', 10, 4_000)));
    sync.announced(parseSnapshot(reply(1, 'closed', 9)));
    expect(breaker.state).toBe('open');
  });

  it('keeps a local transition whose proposal is unanswered', async () => {
    const { breaker, sync, proposals } = setup();
    trip(breaker);
    sync.announced(parseSnapshot(reply(1, 'closed', 5, 0, 'manual')));
    expect(breaker.state).toBe('open');
    await proposals()[0]!.reply(reply(1, 'open', 6, 1_000, 'failure_threshold', 'A'));
    expect(breaker.state).toBe('open');
  });

  it('follows the shared state when its proposal was stale', async () => {
    const { breaker, proposals } = setup();
    trip(breaker);
    await proposals()[0]!.reply(reply(0, 'closed', 5, 0, 'manual'));
    expect(breaker.state).toBe('closed');
  });

  it('delivers its latest transition when Redis answers again', async () => {
    const { breaker, sync, proposals } = setup();
    trip(breaker);
    await proposals()[0]!.fail();
    sync.resync();
    expect(proposals()).toHaveLength(2);
    expect(proposals()[1]!.args[0]).toBe('trip');
  });

  it('delivers a late transition with the generation it was based on', async () => {
    const { breaker, sync, proposals } = setup();
    sync.announced(parseSnapshot(reply(1, 'closed', 5, 0, 'manual')));
    trip(breaker);
    await proposals()[0]!.fail();
    sync.announced(parseSnapshot(reply(1, 'closed', 6, 0, 'manual')));
    sync.resync();
    expect(proposals()[1]!.args[1]).toBe(5);
  });

  it('shortens a late-delivered break by the time it waited', async () => {
    const { breaker, sync, proposals, clock } = setup();
    trip(breaker);
    await proposals()[0]!.fail();
    clock.advance(300);
    sync.resync();
    expect(proposals()[1]!.args[3]).toBe(700);
  });

  it('keeps its own break when a quorum trip is only reported', async () => {
    const { breaker, sync, proposals } = setup({ recoveryTimeout: 60_000 }, { quorum: 2 });
    trip(breaker);
    await proposals()[0]!.reply(reply(2, 'closed', 5, 0, 'manual'));
    sync.announced(parseSnapshot(reply(1, 'closed', 7, 0, 'manual')));
    expect(breaker.state).toBe('open');
  });

  it('admits a fleet trial only on a lease it holds', async () => {
    const { breaker, sync, leases, clock } = setup();
    sync.announced(parseSnapshot(reply(1, 'open', 10, 100)));
    clock.advance(100);
    expect(breaker.state).toBe('half_open');
    expect(isCircuitOpenError(breaker.acquire())).toBe(true);
    await leases()[0]!.reply(reply(1, 'half_open', 11, 0, 'recovery_timeout'));
    expect(isCircuitOpenError(breaker.acquire())).toBe(false);
  });

  it('counts a successful fleet trial in the shared round', async () => {
    const { breaker, sync, leases, proposals, clock } = setup({ halfOpenMaxCalls: 2 });
    sync.announced(parseSnapshot(reply(1, 'open', 10, 100)));
    clock.advance(100);
    breaker.acquire();
    await leases()[0]!.reply(reply(1, 'half_open', 11, 0, 'recovery_timeout'));
    const permit = breaker.acquire();
    if (isCircuitOpenError(permit)) throw permit;
    permit.success();
    expect(proposals().at(-1)!.args.slice(0, 2)).toEqual(['success', 11]);
  });

  it('decides trials alone while the store is degraded', () => {
    const { breaker, sync, ctx, clock } = setup();
    sync.announced(parseSnapshot(reply(1, 'open', 10, 100)));
    clock.advance(100);
    ctx.connected = false;
    expect(isCircuitOpenError(breaker.acquire())).toBe(false);
  });

  it('gives back a lease granted after its round ended', async () => {
    const { breaker, sync, sent, leases, clock } = setup();
    sync.announced(parseSnapshot(reply(1, 'open', 10, 100)));
    clock.advance(100);
    breaker.acquire();
    sync.announced(parseSnapshot(reply(1, 'open', 12, 5_000, 'trial_failed')));
    await leases()[0]!.reply(reply(1, 'half_open', 11, 0, 'recovery_timeout'));
    expect(sent.at(-1)!.script).toBe(scripts.release);
  });

  it('puts a shared state Redis lost back from its own', async () => {
    const { sync, sent, proposals } = setup();
    sync.announced(parseSnapshot(reply(1, 'forced_open', 10, 0, 'manual')));
    sync.resync();
    await sent.at(-1)!.reply(reply(0, 'none', 0));
    expect(proposals().at(-1)!.args.slice(0, 3)).toEqual(['restore', 0, 'forced_open']);
  });

  it('leaves a missing shared state alone when it never moved', async () => {
    const { sync, sent, proposals } = setup({ enabled: false });
    sync.resync();
    await sent.at(-1)!.reply(reply(0, 'none', 0));
    expect(proposals()).toEqual([]);
  });

  it('stays out of the fleet when created disabled', () => {
    const { breaker, sync } = setup({ enabled: false });
    sync.announced(parseSnapshot(reply(1, 'open', 10, 4_000)));
    expect(breaker.state).toBe('disabled');
  });

  it('shares every manual transition', () => {
    const { breaker, proposals } = setup();
    breaker.forceOpen();
    breaker.disable();
    breaker.reset();
    expect(proposals().map((p) => p.args.slice(0, 3))).toEqual([
      ['manual', 0, 'forced_open'],
      ['manual', 0, 'disabled'],
      ['manual', 0, 'closed'],
    ]);
  });

  it('reports a reply it cannot read instead of throwing', async () => {
    const { breaker, proposals, failures } = setup();
    trip(breaker);
    await proposals()[0]!.reply('OK');
    expect(failures).toHaveLength(1);
  });

  it('stops following once detached', () => {
    const { breaker, sync } = setup();
    sync.detach();
    sync.announced(parseSnapshot(reply(1, 'open', 10, 4_000)));
    expect(breaker.state).toBe('closed');
  });
});
