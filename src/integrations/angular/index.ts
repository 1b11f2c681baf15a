export { provideCircuitBreaker } from './provideCircuitBreaker.js';
export { circuitBreakerInterceptor } from './circuitBreakerInterceptor.js';
export { injectCircuitBreaker } from './injectCircuitBreaker.js';
export { CIRCUIT_BREAKER_REGISTRY } from './tokens.js';
export { CIRCUIT_BREAKER_NAME, CIRCUIT_BREAKER_OPTIONS, SKIP_CIRCUIT_BREAKER } from './httpContextTokens.js';
export type { CircuitBreakerRequestOptions } from './httpContextTokens.js';
export type { CircuitBreakerProviderConfig, HttpRetryConfig } from './config.js';
