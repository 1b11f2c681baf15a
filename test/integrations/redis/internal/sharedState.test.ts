import { describe, expect, it } from 'vitest';
import { parseAnnouncement, parseSnapshot, transitionReason } from '../../../../src/integrations/redis/internal/sharedState.js';

describe('parseSnapshot', () => {
  it('reads a script reply', () => {
    expect(parseSnapshot([1, 'open', 1_700_000_000_001, 4_000, 2, 5_000, 'failure_threshold', 'A', 0])).toEqual({
      code: 1,
      state: 'open',
      gen: 1_700_000_000_001,
      remainingMs: 4_000,
      attempt: 2,
      breakMs: 5_000,
      reason: 'failure_threshold',
      by: 'A',
      successes: 0,
    });
  });

  it('reads integers that arrive as strings the same way', () => {
    expect(parseSnapshot(['0', 'closed', '7', '0', '0', '0', 'manual', 'B', '0'])).toEqual(
      parseSnapshot([0, 'closed', 7, 0, 0, 0, 'manual', 'B', 0]),
    );
  });

  it('reads a breaker without shared state', () => {
    expect(parseSnapshot([0, 'none', 0, 0, 0, 0, '', '', 0]).state).toBe('none');
  });

  it('refuses a reply no script of ours makes', () => {
    expect(() => parseSnapshot('OK')).toThrow(TypeError);
    expect(() => parseSnapshot([1, 'sideways', 1, 0, 0, 0, '', '', 0])).toThrow(/sideways/);
  });
});

describe('parseAnnouncement', () => {
  it('reads the name and shared state of an announcement', () => {
    const message = JSON.stringify(['db', 'half_open', '1700000000002', 0, 1, 5000, 'recovery_timeout', 'A', 0]);
    expect(parseAnnouncement(message)).toMatchObject({ name: 'db', snapshot: { state: 'half_open', gen: 1_700_000_000_002, code: 1 } });
  });

  it('ignores messages that are not announcements', () => {
    expect(parseAnnouncement('hello')).toBeNull();
    expect(parseAnnouncement('{"a":1}')).toBeNull();
    expect(parseAnnouncement(JSON.stringify(['db', 'sideways', '1', 0, 0, 0, '', '', 0]))).toBeNull();
  });
});

describe('transitionReason', () => {
  it('keeps a transition reason', () => {
    expect(transitionReason('trial_failed')).toBe('trial_failed');
  });

  it('reports anything else as restored', () => {
    expect(transitionReason('cosmic_rays')).toBe('restored');
  });
});
