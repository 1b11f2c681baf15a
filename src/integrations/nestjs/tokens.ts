/** @internal Injection token of the admin settings (the validated `admin` option, or `null` when the admin API is off). */
export const ADMIN_SETTINGS = Symbol.for('rxjs-circuit-breaker.nestjs.admin');

/** @internal Injection token of the health sessions (terminus's `HealthIndicatorService`, or a stand-in). */
export const HEALTH_SESSIONS = Symbol.for('rxjs-circuit-breaker.nestjs.health');

/** @internal Metadata key of {@link UseCircuitBreaker}. */
export const USE_CIRCUIT_BREAKER = Symbol.for('rxjs-circuit-breaker.nestjs.use');
