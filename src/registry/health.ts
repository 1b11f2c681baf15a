import type { CircuitState } from '../breaker/CircuitState.js';
import type { CircuitStats } from '../breaker/types.js';

/** The seeds' health check of a registry. */
export interface RegistryHealth {
  /** `'healthy'` when every circuit is closed (or there are none), `'unhealthy'` when none is, else `'degraded'`. */
  status: 'healthy' | 'degraded' | 'unhealthy';
  /** Circuits that are `closed`. */
  healthyCircuits: number;
  totalCircuits: number;
  circuits: Record<string, CircuitStats>;
  /** ISO time of the check. */
  timestamp: string;
}

/** @internal The seeds' rule: only `closed` counts as healthy. */
export function healthStatus(states: readonly CircuitState[]): { status: RegistryHealth['status']; healthy: number } {
  const healthy = states.filter((s) => s === 'closed').length;
  const status = healthy === states.length ? 'healthy' : healthy === 0 ? 'unhealthy' : 'degraded';
  return { status, healthy };
}
