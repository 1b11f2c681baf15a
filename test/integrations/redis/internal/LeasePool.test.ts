import { describe, expect, it } from 'vitest';
import { LeasePool } from '../../../../src/integrations/redis/internal/LeasePool.js';

describe('LeasePool', () => {
  it('admits one trial per lease', () => {
    const pool = new LeasePool();
    pool.add('a', 1_000);
    expect(pool.take(0)).toBe(true);
    expect(pool.take(0)).toBe(false);
  });

  it('never uses an expired lease', () => {
    const pool = new LeasePool();
    pool.add('a', 1_000);
    expect(pool.take(1_000)).toBe(false);
  });

  it('takes a lease back from a trial that gave its slot back', () => {
    const pool = new LeasePool();
    pool.add('a', 1_000);
    pool.take(0);
    pool.giveBack(10);
    expect(pool.available(10)).toBe(1);
  });

  it('drops a given-back lease that expired meanwhile', () => {
    const pool = new LeasePool();
    pool.add('a', 1_000);
    pool.take(0);
    pool.giveBack(1_000);
    expect(pool.available(1_000)).toBe(0);
  });

  it('counts used and unused leases as held until they expire', () => {
    const pool = new LeasePool();
    pool.add('a', 1_000);
    pool.add('b', 2_000);
    pool.take(0);
    expect(pool.held(0)).toBe(2);
    expect(pool.held(1_500)).toBe(1);
  });

  it('returns the unused leases when cleared, to give back to the fleet', () => {
    const pool = new LeasePool();
    pool.add('a', 1_000);
    pool.add('b', 1_000);
    pool.take(0);
    expect(pool.clear()).toEqual(['b']);
    expect(pool.held(0)).toBe(0);
  });
});
