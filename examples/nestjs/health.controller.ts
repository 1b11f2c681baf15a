import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { CircuitBreakerHealthIndicator } from '../../src/integrations/nestjs/index.js';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(CircuitBreakerHealthIndicator) private readonly breakers: CircuitBreakerHealthIndicator,
  ) {}

  /** 200 while no breaker is open, 503 (with every breaker's stats) while one is. */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.breakers.isHealthy('circuit-breakers')]);
  }
}
