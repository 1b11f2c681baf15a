import { Injectable } from '@nestjs/common';
import type { CircuitStats } from '../../index.js';
import { CircuitBreakerRegistry, CircuitState, InvalidConfigError } from '../../index.js';
import { injectParams } from './decorate.js';
import type { HealthSessions } from './healthSessions.js';
import { HEALTH_SESSIONS } from './tokens.js';

/**
 * What {@link CircuitBreakerHealthIndicator.isHealthy} reports under its key, besides `status`.
 *
 * @example
 * ```ts
 * const result = indicator.isHealthy('payments', ['payments-api', 'payments-db']);
 * // { payments: { status: 'down', open: ['payments-api'], breakers: { 'payments-api': {...}, 'payments-db': {...} } } }
 * ```
 */
export interface CircuitBreakerHealthDetails {
  /** The checked breakers that are open or forced open (the reason for `down`). */
  open: string[];
  /** The stats of each checked breaker. */
  breakers: Record<string, CircuitStats>;
  /** Names asked for that no breaker has yet (no call made): they count as up. */
  notCreated?: string[];
}

/**
 * A terminus health indicator result: `{ [key]: { status, ...details } }`.
 *
 * @example
 * ```ts
 * const result: CircuitBreakerHealthResult<'breakers'> = indicator.isHealthy('breakers');
 * console.log(result.breakers.status, result.breakers.open); // 'up' []
 * ```
 */
export type CircuitBreakerHealthResult<Key extends string> = Record<Key, { status: 'up' | 'down' } & CircuitBreakerHealthDetails>;

/**
 * A health indicator for `@nestjs/terminus` (its `HealthIndicatorService` API): down when a
 * checked breaker is `open` or `forced_open`, up otherwise (`half_open` included: it is
 * recovering and lets trial calls through), with the breakers' stats as details.
 *
 * @example
 * ```ts
 * @Controller('health')
 * export class HealthController {
 *   constructor(
 *     @Inject(HealthCheckService) private readonly health: HealthCheckService,
 *     @Inject(CircuitBreakerHealthIndicator) private readonly breakers: CircuitBreakerHealthIndicator,
 *   ) {}
 *
 *   @Get()
 *   @HealthCheck()
 *   check() {
 *     return this.health.check([() => this.breakers.isHealthy('payments', 'payments-api')]);
 *   }
 * }
 * // 503 { status: 'error', error: { payments: { status: 'down', open: ['payments-api'], breakers: {...} } }, ... }
 * ```
 */
export class CircuitBreakerHealthIndicator {
  constructor(
    private readonly registry: CircuitBreakerRegistry,
    private readonly sessions: HealthSessions,
  ) {}

  /**
   * The health of the breakers `names` (a name or a list), or of every breaker in the
   * registry when left out. Never creates a breaker: a name that has none yet counts as up.
   */
  isHealthy<const Key extends string>(key: Key, names?: string | readonly string[]): CircuitBreakerHealthResult<Key> {
    const wanted = names === undefined ? this.registry.names() : typeof names === 'string' ? [names] : names;
    if (!Array.isArray(wanted) || wanted.some((n) => typeof n !== 'string')) {
      throw new InvalidConfigError('names', names, 'a breaker name or a list of them');
    }
    const breakers: Record<string, CircuitStats> = {};
    const open: string[] = [];
    const notCreated: string[] = [];
    for (const name of wanted as readonly string[]) {
      if (!this.registry.has(name)) {
        notCreated.push(name);
        continue;
      }
      const stats = this.registry.get(name).stats();
      breakers[name] = stats;
      if (stats.state === CircuitState.Open || stats.state === CircuitState.ForcedOpen) open.push(name);
    }
    const details: CircuitBreakerHealthDetails = { open, breakers, ...(notCreated.length > 0 ? { notCreated } : {}) };
    const session = this.sessions.check(key);
    return (open.length > 0 ? session.down(details) : session.up(details)) as CircuitBreakerHealthResult<Key>;
  }
}
Injectable()(CircuitBreakerHealthIndicator);
injectParams(CircuitBreakerHealthIndicator, [CircuitBreakerRegistry, HEALTH_SESSIONS]);
