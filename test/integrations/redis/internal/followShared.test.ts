import { describe, expect, it } from 'vitest';
import { followShared } from '../../../../src/integrations/redis/internal/followShared.js';
import { parseSnapshot } from '../../../../src/integrations/redis/internal/sharedState.js';

const shared = (state: string, gen = 10, remainingMs = 0) => parseSnapshot([1, state, gen, remainingMs, 1, remainingMs, 'failure_threshold', 'B', 0]);

describe('followShared', () => {
  it('follows a different shared state', () => {
    expect(followShared('closed', null, null, shared('open', 10, 5_000))).toBe('apply');
  });

  it('keeps an open breaker whose break ends about when the shared one does', () => {
    expect(followShared('open', 4_950, null, shared('open', 10, 5_000))).toBe('keep');
  });

  it('moves an open breaker to a shared break end far from its own', () => {
    expect(followShared('open', 2_000, null, shared('open', 10, 5_000))).toBe('apply');
  });

  it('adopts the shared round when its own timer half-opened it', () => {
    expect(followShared('half_open', null, null, shared('half_open', 11))).toBe('adopt');
  });

  it('starts the new round when the fleet is in a later one', () => {
    expect(followShared('half_open', null, 11, shared('half_open', 13))).toBe('apply');
  });

  it('keeps the round it is in', () => {
    expect(followShared('half_open', null, 11, shared('half_open', 11))).toBe('keep');
  });

  it('stays half-open when the shared break is about to end', () => {
    expect(followShared('half_open', null, null, shared('open', 10, 50))).toBe('keep');
  });

  it('goes back to open when the shared break has a while to run', () => {
    expect(followShared('half_open', null, null, shared('open', 10, 3_000))).toBe('apply');
  });

  it('keeps a manual state the fleet shares', () => {
    expect(followShared('forced_open', null, null, shared('forced_open'))).toBe('keep');
  });
});
