import type { CanActivate, ExecutionContext, OnModuleInit, Type } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Observable } from 'rxjs';
import type { AdminSettings } from '../CircuitBreakerModuleOptions.js';
import { injectParams } from '../decorate.js';
import { ADMIN_SETTINGS } from '../tokens.js';

/**
 * @internal Holds the application's admin guard. A guard class is taken from the container
 * when it is a provider there, else instantiated with Nest's DI in the module's context, once,
 * at start-up (so a guard that cannot be built stops the application from starting).
 */
export class AdminGuardHost implements OnModuleInit {
  private guard: CanActivate | undefined;

  constructor(
    private readonly settings: AdminSettings | null,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onModuleInit(): Promise<void> {
    const configured = this.settings?.guard;
    if (configured === undefined) return;
    if (typeof configured !== 'function') {
      this.guard = configured;
      return;
    }
    this.guard = this.registered(configured) ?? (await this.moduleRef.create(configured));
  }

  private registered(type: Type<CanActivate>): CanActivate | undefined {
    try {
      return this.moduleRef.get(type, { strict: false });
    } catch {
      return undefined;
    }
  }

  /** The guard's answer; without a guard (the admin API is off, or start-up did not finish) every request is refused. */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> | Observable<boolean> {
    return this.guard?.canActivate(context) ?? false;
  }
}
Injectable()(AdminGuardHost);
injectParams(AdminGuardHost, [ADMIN_SETTINGS, ModuleRef]);

/** @internal The guard of every admin route: asks the application's guard. */
export class AdminAccessGuard implements CanActivate {
  constructor(private readonly host: AdminGuardHost) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> | Observable<boolean> {
    return this.host.canActivate(context);
  }
}
Injectable()(AdminAccessGuard);
injectParams(AdminAccessGuard, [AdminGuardHost]);
