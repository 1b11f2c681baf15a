interface Lease {
  readonly member: string;
  /** Local time after which the lease may have expired in Redis. */
  readonly expiresAt: number;
}

/**
 * @internal The half-open trial leases this instance holds for the current fleet round.
 * Pure bookkeeping over numbers: a lease is unused until a trial takes it; a trial that gave
 * its slot back (ignored, cancelled) returns it; an expired lease is never used, because
 * Redis may already have handed the slot to another instance.
 */
export class LeasePool {
  private unused: Lease[] = [];
  private used: Lease[] = [];

  /** Adds a lease granted by Redis. */
  add(member: string, expiresAt: number): void {
    this.unused.push({ member, expiresAt });
  }

  /** Takes an unused, unexpired lease for a trial; false when there is none. */
  take(now: number): boolean {
    this.expire(now);
    const lease = this.unused.shift();
    if (lease === undefined) return false;
    this.used.push(lease);
    return true;
  }

  /** A trial gave its slot back: its lease is unused again, unless it expired meanwhile. */
  giveBack(now: number): void {
    const lease = this.used.pop();
    if (lease !== undefined && lease.expiresAt > now) this.unused.unshift(lease);
  }

  /** Unused leases that have not expired. */
  available(now: number): number {
    this.expire(now);
    return this.unused.length;
  }

  /** Leases held (used or not) that have not expired. */
  held(now: number): number {
    this.expire(now);
    return this.unused.length + this.used.length;
  }

  /** Forgets every lease (the round ended); returns the unused ones, to give back to the fleet. */
  clear(): string[] {
    const members = this.unused.map((l) => l.member);
    this.unused = [];
    this.used = [];
    return members;
  }

  private expire(now: number): void {
    if (this.unused.length > 0 && this.unused[0]!.expiresAt <= now) this.unused = this.unused.filter((l) => l.expiresAt > now);
    if (this.used.length > 0 && this.used[0]!.expiresAt <= now) this.used = this.used.filter((l) => l.expiresAt > now);
  }
}
