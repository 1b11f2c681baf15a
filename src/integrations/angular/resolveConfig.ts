import type { HttpRequest } from '@angular/common/http';
import type { RetryBackoffConfig } from '../../../operators/index.js';
import { retryBackoff } from '../../../operators/index.js';
import type { CircuitBreakerOptions, CircuitBreakerRegistry } from '../../index.js';
import { CircuitBreakerRegistry as Registry, httpErrors, InvalidConfigError, isHttpRetryable } from '../../index.js';
import type { CircuitBreakerProviderConfig } from './config.js';
import { layerOptions } from './layerOptions.js';

/** @internal The provider's configuration, validated, with defaults applied. */
export interface ResolvedConfig {
  readonly registry: CircuitBreakerRegistry | undefined;
  /** `httpErrors` under the user's defaults. */
  readonly defaults: CircuitBreakerOptions;
  /** The retry config with HTTP defaults, or null when the provider does not retry. */
  readonly retry: RetryBackoffConfig | null;
  readonly retryMethods: ReadonlySet<string>;
  readonly breakerFor: ((request: HttpRequest<unknown>) => string | null) | undefined;
}

/** @internal What the interceptor's retries start from. */
export const HTTP_RETRY_DEFAULTS: RetryBackoffConfig = Object.freeze({
  initialInterval: 1_000,
  maxRetries: 3,
  maxInterval: 10_000,
  shouldRetry: isHttpRetryable,
});

const IDEMPOTENT = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];
const KNOWN = new Set(['registry', 'defaults', 'retry', 'breakerFor']);

/** @internal Validates a provider config; throws `InvalidConfigError` naming the option. */
export function resolveConfig(config: CircuitBreakerProviderConfig = {}): ResolvedConfig {
  if (typeof config !== 'object' || config === null) throw new InvalidConfigError('provideCircuitBreaker', config, 'an object');
  for (const key of Object.keys(config)) {
    if (!KNOWN.has(key)) throw new InvalidConfigError(key, (config as Record<string, unknown>)[key], 'a known option (no such option)');
  }
  const { registry, breakerFor } = config;
  if (registry !== undefined && typeof (registry as { get?: unknown } | null)?.get !== 'function') {
    throw new InvalidConfigError('registry', registry, 'a CircuitBreakerRegistry');
  }
  if (breakerFor !== undefined && typeof breakerFor !== 'function') {
    throw new InvalidConfigError('breakerFor', breakerFor, 'a function of the request returning a name or null');
  }
  const defaults = layerOptions(httpErrors, config.defaults);
  // A throwaway registry validates the defaults the way every breaker will see them, naming `defaults.<option>`.
  new Registry({ defaults }).dispose();
  const { methods, ...retry } = config.retry ?? {};
  if (config.retry !== undefined) {
    if (typeof config.retry !== 'object' || config.retry === null) throw new InvalidConfigError('retry', config.retry, 'a retry config object');
    retryBackoff(retryConfig(retry));
  }
  return {
    registry,
    defaults,
    retry: config.retry === undefined ? null : retry,
    retryMethods: new Set(requireMethods(methods ?? IDEMPOTENT)),
    breakerFor,
  };
}

/** @internal The HTTP defaults under the given layers. */
export function retryConfig(...layers: RetryBackoffConfig[]): RetryBackoffConfig {
  const merged: Record<string, unknown> = { ...HTTP_RETRY_DEFAULTS };
  for (const layer of layers) for (const [key, value] of Object.entries(layer)) if (value !== undefined) merged[key] = value;
  return merged as RetryBackoffConfig;
}

function requireMethods(methods: unknown): string[] {
  if (!Array.isArray(methods) || methods.some((m) => typeof m !== 'string' || m.length === 0)) {
    throw new InvalidConfigError('retry.methods', methods, 'an array of HTTP method names');
  }
  return methods.map((m: string) => m.toUpperCase());
}
