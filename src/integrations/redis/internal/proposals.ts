import type { CircuitState, TransitionReason } from '../../../index.js';
import type { ResolvedStoreOptions } from './resolveOptions.js';

/** @internal What a proposal asks the propose script to do (see `luaScripts.ts`). */
export type ProposalKind = 'manual' | 'restore' | 'trip' | 'reopen' | 'close' | 'success';

/** @internal A local transition on its way to the fleet. */
export interface Proposal {
  readonly kind: ProposalKind;
  readonly to: CircuitState;
  readonly breakMs: number;
  readonly attempt: number;
  readonly reason: TransitionReason;
  /** The shared generation the transition was based on: a late delivery must not look newer than it is. */
  readonly baseGen: number;
  /** Store time of the local transition, so a late delivery shortens the break by the delay. */
  readonly at: number;
  /** Number of the local transition it carries. */
  readonly seq: number;
}

/** @internal The proposal a local transition makes, or null when it makes none (a half-open timer asks for a lease instead). */
export function proposalKind(to: CircuitState, reason: TransitionReason): ProposalKind | null {
  if (reason === 'manual') return 'manual';
  if (to === 'open') return reason === 'failure_threshold' ? 'trip' : 'reopen';
  if (to === 'closed' && reason === 'trials_succeeded') return 'close';
  return null;
}

/** @internal Where a breaker's proposal goes: its name and the rules it is shared under. */
export interface ProposalTarget {
  readonly name: string;
  readonly channel: string;
  readonly successThreshold: number;
  readonly options: ResolvedStoreOptions;
}

/** @internal The propose script's ARGV for `p`, sent at store time `now` (a delayed open keeps only the break it has left). */
export function proposalArgs(p: Proposal, now: number, target: ProposalTarget): (string | number)[] {
  const o = target.options;
  const remaining = p.to === 'open' ? Math.max(0, Math.round(p.breakMs - (now - p.at))) : 0;
  return [
    p.kind, p.baseGen, p.to, remaining, Math.round(p.breakMs), p.attempt, p.reason, o.instanceId, o.keyTtlMs,
    o.quorum, o.quorumWindowMs, target.successThreshold, target.channel, target.name, 0,
  ];
}
