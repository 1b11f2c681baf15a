// rxjs-circuit-breaker/nestjs: the Nest module, the route decorator and its interceptor, the
// terminus health indicator and the admin API. Peers: @nestjs/common, @nestjs/core,
// reflect-metadata, and @nestjs/terminus for the health indicator (loaded only if installed).
export { CircuitBreakerModule } from './CircuitBreakerModule.js';
export type { CircuitBreakerModuleAsyncOptions, CircuitBreakerModuleFactoryOptions } from './CircuitBreakerModule.js';
export type { AdminDashboardOptions, CircuitBreakerAdminOptions, CircuitBreakerModuleOptions } from './CircuitBreakerModuleOptions.js';
export { UseCircuitBreaker } from './UseCircuitBreaker.js';
export type { UseCircuitBreakerOptions } from './UseCircuitBreaker.js';
export { CircuitBreakerInterceptor } from './CircuitBreakerInterceptor.js';
export type { OpenCircuitBody } from './openCircuitException.js';
export { CircuitBreakerHealthIndicator } from './CircuitBreakerHealthIndicator.js';
export type { CircuitBreakerHealthDetails, CircuitBreakerHealthResult } from './CircuitBreakerHealthIndicator.js';
export type { CircuitBreakerAdminSummary } from './admin/adminSummary.js';
export type { AdminStateChange } from './admin/adminStream.js';
