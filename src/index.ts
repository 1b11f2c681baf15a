export { CircuitBreaker } from './breaker/CircuitBreaker.js';
export { CallPermit } from './breaker/CallPermit.js';
export { CircuitState } from './breaker/CircuitState.js';
export type { CircuitBreakerOptions, ErrorKind } from './breaker/options.js';
export type { ErrorFilter, ErrorClass } from './breaker/ErrorFilter.js';
export type { Fallback, FallbackInfo } from './breaker/subscribeGuarded.js';
export type {
  CallErrorEvent,
  CallOutcomeEvent,
  CircuitEvent,
  CircuitEventType,
  CircuitStats,
  RejectedEvent,
  ResetEvent,
  RetryEvent,
  StateChangeEvent,
  TransitionReason,
} from './breaker/types.js';
export * from './errors/index.js';
export { CircuitBreakerRegistry } from './registry/CircuitBreakerRegistry.js';
export type { CircuitBreakerRegistryOptions } from './registry/CircuitBreakerRegistry.js';
export type { BreakerStore } from './registry/BreakerStore.js';
export type { RegistryHealth } from './registry/health.js';
export { defaultRegistry } from './registry/defaultRegistry.js';
export * from './backoff/index.js';
export * from './strategies/index.js';
export * from './windows/index.js';
export { retryAfterMs } from './retry/retryAfter.js';
export * from './http/index.js';
export type { ExecuteOptions, ExecuteResult } from './breaker/execute.js';
export type { WrapOptions, Wrapped } from './breaker/wrap.js';
export { DECORATED_METHOD, DECORATOR_REGISTRY, WithCircuitBreaker } from './decorators/WithCircuitBreaker.js';
export type { CircuitBreakerMethodDecorator, WithCircuitBreakerOptions } from './decorators/WithCircuitBreaker.js';
export type { CircuitBreakerJSON, CountersJSON } from './breaker/persistence.js';
export { BREAKER_JSON_VERSION } from './breaker/persistence.js';
export type { RegistryJSON } from './registry/CircuitBreakerRegistry.js';
export { optionsFromEnv } from './config/optionsFromEnv.js';
export type { OptionsFromEnvConfig } from './config/optionsFromEnv.js';
export { presets } from './presets/presets.js';
export { isConstraintViolation, isTransientDatabaseError } from './presets/databaseErrors.js';
export { transitionLogger } from './registry/transitionLogger.js';
export type { CircuitBreakerLogger } from './registry/transitionLogger.js';
