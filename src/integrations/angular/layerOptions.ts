import type { CircuitBreakerOptions } from '../../index.js';

/**
 * @internal Layers breaker options, later layers winning. A later `trip` drops an earlier
 * `failureThreshold` and the reverse, so defaults and per-request options never combine
 * into the "both given" error.
 */
export function layerOptions(...layers: (CircuitBreakerOptions | null | undefined)[]): CircuitBreakerOptions {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    if (layer === null || layer === undefined) continue;
    if (layer.trip !== undefined) delete merged.failureThreshold;
    if (layer.failureThreshold !== undefined) delete merged.trip;
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) merged[key] = value;
  }
  return merged as CircuitBreakerOptions;
}
