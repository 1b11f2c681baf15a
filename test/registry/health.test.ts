import { describe, expect, it } from 'vitest';
import type { CircuitState } from '../../src/breaker/CircuitState.js';
import { healthStatus } from '../../src/registry/health.js';

describe('healthStatus', () => {
  it.each<[CircuitState[], string, number]>([
    [[], 'healthy', 0],
    [['closed', 'closed'], 'healthy', 2],
    [['closed', 'open'], 'degraded', 1],
    [['closed', 'half_open', 'disabled'], 'degraded', 1],
    [['open', 'open'], 'unhealthy', 0],
    [['half_open', 'forced_open', 'disabled'], 'unhealthy', 0],
  ])('rates %j as %s with %i healthy', (states, status, healthy) => {
    expect(healthStatus(states)).toEqual({ status, healthy });
  });
});
