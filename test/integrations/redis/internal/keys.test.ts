import { describe, expect, it } from 'vitest';
import { breakerKeys, changesChannel } from '../../../../src/integrations/redis/internal/keys.js';

describe('breakerKeys', () => {
  it('puts every key of a breaker under one hash tag naming it', () => {
    expect(breakerKeys('rxcb', 'payments')).toEqual({
      state: '{rxcb:payments}:state',
      leases: '{rxcb:payments}:leases',
      trips: '{rxcb:payments}:trips',
      countsPrefix: '{rxcb:payments}:n:',
    });
  });

  it('carries the key prefix inside the hash tag', () => {
    expect(breakerKeys('shop', 'db').state).toBe('{shop:db}:state');
  });

  it('escapes braces that would end the hash tag early', () => {
    expect(breakerKeys('rxcb', 'a}b{c').state).toBe('{rxcb:a%7db%7bc}:state');
  });

  it('keeps escaped names apart from names that look escaped', () => {
    expect(breakerKeys('rxcb', 'a%7db').state).not.toBe(breakerKeys('rxcb', 'a}b').state);
  });
});

describe('changesChannel', () => {
  it('names the announcement channel after the key prefix', () => {
    expect(changesChannel('rxcb')).toBe('rxcb:changes');
  });
});
