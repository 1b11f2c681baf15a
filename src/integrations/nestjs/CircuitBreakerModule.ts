import type { BeforeApplicationShutdown, DynamicModule, OnModuleInit, Type } from '@nestjs/common';
import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { ConfigurableModuleAsyncOptions } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { CircuitBreakerRegistry } from '../../index.js';
import { AdminGuardHost } from './admin/AdminAccessGuard.js';
import { createAdminController, defineAdminRoutes } from './admin/createAdminController.js';
import { CircuitBreakerHealthIndicator } from './CircuitBreakerHealthIndicator.js';
import type { CircuitBreakerModuleOptions } from './CircuitBreakerModuleOptions.js';
import { adminSettings, validateModuleOptions } from './CircuitBreakerModuleOptions.js';
import { injectParams } from './decorate.js';
import { loadHealthSessions } from './healthSessions.js';
import { ADMIN_SETTINGS, HEALTH_SESSIONS } from './tokens.js';
import { wireDecoratedProviders } from './wireDecoratedProviders.js';

/**
 * What a `forRootAsync()` factory returns: the options of `forRoot()` but `isGlobal`.
 *
 * @example
 * ```ts
 * const fromConfig = (config: ConfigService): CircuitBreakerModuleFactoryOptions => ({ defaults: { recoveryTimeout: config.get('BREAKER_RECOVERY_MS') } });
 * ```
 */
export type CircuitBreakerModuleFactoryOptions = Omit<CircuitBreakerModuleOptions, 'isGlobal'>;

/**
 * Options of `CircuitBreakerModule.forRootAsync()`: Nest's `imports`, `useFactory`, `inject`
 * (or `useClass`/`useExisting`), and `isGlobal`.
 *
 * @example
 * ```ts
 * CircuitBreakerModule.forRootAsync({
 *   isGlobal: true,
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ admin: { enabled: config.get('BREAKER_ADMIN') === 'on', guard: AdminTokenGuard } }),
 * });
 * ```
 */
export interface CircuitBreakerModuleAsyncOptions extends ConfigurableModuleAsyncOptions<CircuitBreakerModuleFactoryOptions> {
  /** Registers the module globally, so every module can inject the registry. Default `false`. */
  isGlobal?: boolean;
}

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = new ConfigurableModuleBuilder<CircuitBreakerModuleFactoryOptions>({
  moduleName: 'CircuitBreaker',
})
  .setClassMethodName('forRoot')
  .setExtras<{ isGlobal?: boolean }>({ isGlobal: false }, (definition, extras) => ({ ...definition, global: extras.isGlobal === true }))
  .build();

/**
 * Circuit breakers for a Nest application: provides a {@link CircuitBreakerRegistry} (inject
 * it by its class) and {@link CircuitBreakerHealthIndicator}, backs `@UseCircuitBreaker` on
 * controllers and `@WithCircuitBreaker` on providers with that registry, serves the admin API
 * when enabled, and disposes its own registry when the application closes.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [
 *     CircuitBreakerModule.forRoot({ isGlobal: true, defaults: { failureThreshold: 3 } }),
 *     // or, from configuration:
 *     // CircuitBreakerModule.forRootAsync({
 *     //   imports: [ConfigModule],
 *     //   inject: [ConfigService],
 *     //   useFactory: (config: ConfigService) => ({
 *     //     defaults: { recoveryTimeout: config.get('BREAKER_RECOVERY_MS') },
 *     //     admin: { enabled: true, guard: AdminTokenGuard },
 *     //   }),
 *     // }),
 *   ],
 *   controllers: [QuotesController],
 * })
 * export class AppModule {}
 * ```
 */
export class CircuitBreakerModule extends ConfigurableModuleClass implements OnModuleInit, BeforeApplicationShutdown {
  constructor(
    private readonly registry: CircuitBreakerRegistry,
    private readonly options: CircuitBreakerModuleFactoryOptions,
    private readonly discovery: DiscoveryService,
  ) {
    super();
  }

  /**
   * The module with options known now.
   *
   * @throws InvalidConfigError for an unusable option, e.g. the admin API enabled without a guard.
   */
  static override forRoot(options: CircuitBreakerModuleOptions = {}): DynamicModule {
    validateModuleOptions(options);
    const admin = adminSettings(options.admin);
    return withProviders(super.forRoot(options), admin === null ? undefined : createAdminController());
  }

  /**
   * The module with options from a factory (e.g. of `ConfigService`), which returns what
   * `forRoot()` takes but `isGlobal`. Bad options stop the application from starting.
   */
  static override forRootAsync(options: CircuitBreakerModuleAsyncOptions): DynamicModule {
    // The controller is declared now and gets its routes only if the factory enables the admin API.
    return withProviders(super.forRootAsync(options), createAdminController());
  }

  /** @internal */
  onModuleInit(): void {
    wireDecoratedProviders(this.discovery, this.registry);
  }

  /** @internal Disposes the registry the module created (ending its streams before the HTTP server closes). */
  beforeApplicationShutdown(): void {
    if (this.options.registry === undefined) this.registry.dispose();
  }
}
injectParams(CircuitBreakerModule, [CircuitBreakerRegistry, MODULE_OPTIONS_TOKEN, DiscoveryService]);

function withProviders(definition: DynamicModule, adminController: Type<object> | undefined): DynamicModule {
  return {
    ...definition,
    imports: [...(definition.imports ?? []), DiscoveryModule],
    controllers: adminController === undefined ? [] : [adminController],
    providers: [
      ...(definition.providers ?? []),
      {
        provide: CircuitBreakerRegistry,
        inject: [MODULE_OPTIONS_TOKEN],
        useFactory: (options: CircuitBreakerModuleFactoryOptions) => {
          const { registry, defaults, configs } = validateModuleOptions(options, 'factory');
          return registry ?? new CircuitBreakerRegistry({ ...(defaults && { defaults }), ...(configs && { configs }) });
        },
      },
      {
        provide: ADMIN_SETTINGS,
        inject: [MODULE_OPTIONS_TOKEN],
        useFactory: (options: CircuitBreakerModuleFactoryOptions) => {
          const settings = adminSettings(options.admin);
          if (settings !== null && adminController !== undefined) defineAdminRoutes(adminController, settings);
          return settings;
        },
      },
      { provide: HEALTH_SESSIONS, useFactory: loadHealthSessions },
      CircuitBreakerHealthIndicator,
      AdminGuardHost,
    ],
    exports: [...(definition.exports ?? []), CircuitBreakerRegistry, CircuitBreakerHealthIndicator],
  };
}
