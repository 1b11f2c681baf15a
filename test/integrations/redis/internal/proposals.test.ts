import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../../../src/integrations/redis/internal/proposals.js';
import { proposalArgs, proposalKind } from '../../../../src/integrations/redis/internal/proposals.js';
import { resolveStoreOptions } from '../../../../src/integrations/redis/internal/resolveOptions.js';

describe('proposalKind', () => {
  it.each([
    ['open', 'failure_threshold', 'trip'],
    ['open', 'trial_failed', 'reopen'],
    ['open', 'half_open_timeout', 'reopen'],
    ['closed', 'trials_succeeded', 'close'],
    ['forced_open', 'manual', 'manual'],
    ['closed', 'manual', 'manual'],
    ['half_open', 'recovery_timeout', null],
  ] as const)('maps a local %s (%s) to %s', (to, reason, kind) => {
    expect(proposalKind(to, reason)).toBe(kind);
  });
});

describe('proposalArgs', () => {
  const options = resolveStoreOptions({ client: {}, instanceId: 'A', keyTtlMs: 60_000, tripOn: { quorum: 2, windowMs: 30_000 } });
  const target = { name: 'db', channel: 'rxcb:changes', successThreshold: 3, options };
  const trip: Proposal = { kind: 'trip', to: 'open', breakMs: 5_000, attempt: 1, reason: 'failure_threshold', baseGen: 42, at: 1_000, seq: 1 };

  it('lays out the propose script ARGV', () => {
    expect(proposalArgs(trip, 1_000, target)).toEqual(['trip', 42, 'open', 5_000, 5_000, 1, 'failure_threshold', 'A', 60_000, 2, 30_000, 3, 'rxcb:changes', 'db', 0]);
  });

  it('sends only the break left when delivered late', () => {
    expect(proposalArgs(trip, 3_500, target)[3]).toBe(2_500);
  });

  it('sends no break once it is over', () => {
    expect(proposalArgs(trip, 9_000, target)[3]).toBe(0);
  });

  it('sends no break for a state that has none', () => {
    expect(proposalArgs({ ...trip, kind: 'manual', to: 'forced_open', reason: 'manual' }, 1_000, target)[3]).toBe(0);
  });
});
