import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { CircuitBreakerInterceptor, CircuitBreakerModule } from '../../src/integrations/nestjs/index.js';
import { ADMIN_TOKEN, AdminTokenGuard } from './admin-token.guard.js';
import { HealthController } from './health.controller.js';
import { QuotesClient, UPSTREAM_URL } from './quotes.client.js';
import { QuotesController } from './quotes.controller.js';

/** The application, given where the quotes service lives and the admin token. */
export function appModule(upstreamUrl: string, adminToken: string): DynamicModule {
  const settings = [
    { provide: UPSTREAM_URL, useValue: upstreamUrl },
    { provide: ADMIN_TOKEN, useValue: adminToken },
  ];
  @Module({ providers: settings, exports: settings })
  class SettingsModule {}

  @Module({})
  class AppModule {}

  return {
    module: AppModule,
    imports: [
      SettingsModule,
      TerminusModule,
      CircuitBreakerModule.forRootAsync({
        isGlobal: true,
        // The guard is built with Nest's DI in this context: it injects ADMIN_TOKEN.
        imports: [SettingsModule],
        useFactory: () => ({
          defaults: { callTimeout: 3_000 },
          admin: { enabled: true, guard: AdminTokenGuard, dashboard: { title: 'Quotes API breakers' } },
        }),
      }),
    ],
    controllers: [QuotesController, HealthController],
    providers: [
      QuotesClient,
      // Also answers 503 + Retry-After when a @WithCircuitBreaker provider's circuit is open (GET /quotes/client).
      { provide: APP_INTERCEPTOR, useClass: CircuitBreakerInterceptor },
    ],
  };
}
