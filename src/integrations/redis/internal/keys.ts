/** @internal The Redis keys of one breaker. All share one hash tag, so Redis Cluster keeps them in one slot. */
export interface BreakerKeys {
  /** Hash: state, generation, break end (Redis clock), attempt, break length, reason, author, trial successes. */
  readonly state: string;
  /** Sorted set of half-open trial leases, scored by their expiry on the Redis clock. */
  readonly leases: string;
  /** Sorted set of instances that tripped (quorum mode), scored by when. */
  readonly trips: string;
  /** Prefix of the time-bucketed outcome counts (`<prefix><bucket>`). */
  readonly countsPrefix: string;
}

/**
 * @internal `{<keyPrefix>:<name>}:state` and friends: the hash tag names the breaker, so
 * every key of a breaker lands in the same Cluster slot and a Lua script may touch them all.
 * Braces in a name would end the tag early, so they are escaped.
 */
export function breakerKeys(keyPrefix: string, name: string): BreakerKeys {
  const tag = `{${keyPrefix}:${name.replace(/[{}%]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}}`;
  return { state: `${tag}:state`, leases: `${tag}:leases`, trips: `${tag}:trips`, countsPrefix: `${tag}:n:` };
}

/** @internal The pub/sub channel that announces every shared transition under `keyPrefix`. */
export function changesChannel(keyPrefix: string): string {
  return `${keyPrefix}:changes`;
}
