import type { CanActivate, Type } from '@nestjs/common';
import type { CircuitBreakerOptions } from '../../index.js';
import { CircuitBreakerRegistry, InvalidConfigError } from '../../index.js';
import type { DashboardOptions } from '../dashboard/index.js';

/**
 * What `CircuitBreakerModule.forRoot()` takes (and what a `forRootAsync()` factory returns),
 * besides `isGlobal`.
 *
 * @example
 * ```ts
 * CircuitBreakerModule.forRoot({
 *   isGlobal: true,
 *   defaults: { failureThreshold: 5, recoveryTimeout: 30_000 },
 *   configs: { payments: { failureThreshold: 3 } },
 *   admin: { enabled: true, guard: AdminTokenGuard },
 * });
 * ```
 */
export interface CircuitBreakerModuleOptions {
  /**
   * The registry to provide. Default: a new one built from `defaults` and `configs`, which the
   * module disposes when the application closes. A registry passed in stays yours: the module
   * never disposes it.
   */
  registry?: CircuitBreakerRegistry;
  /** Options every breaker of the module's own registry starts from (not with `registry`). */
  defaults?: CircuitBreakerOptions;
  /** Options per breaker name, over `defaults` (not with `registry`). */
  configs?: Record<string, CircuitBreakerOptions>;
  /** The admin API (and the dashboard under it). Off unless `enabled`. */
  admin?: CircuitBreakerAdminOptions;
  /** Registers the module globally, so every module can inject the registry. Default `false`. Given to `forRoot()` or `forRootAsync()` itself, never by a factory. */
  isGlobal?: boolean;
}

/**
 * The admin API: `GET <path>`, `GET <path>/:name`, `POST <path>/:name/reset|force-open|force-close`,
 * `POST <path>/reset-all`, `GET <path>/stream` (Server-Sent Events) and the dashboard at
 * `<path>/dashboard`. Every route is behind `guard`.
 *
 * @example
 * ```ts
 * @Injectable()
 * class AdminTokenGuard implements CanActivate {
 *   constructor(@Inject(ConfigService) private readonly config: ConfigService) {}
 *   canActivate(context: ExecutionContext): boolean {
 *     const given = context.switchToHttp().getRequest().headers.authorization ?? '';
 *     return safeEqual(given, `Bearer ${this.config.getOrThrow('ADMIN_TOKEN')}`);
 *   }
 * }
 * CircuitBreakerModule.forRoot({ admin: { enabled: true, path: '/ops/breakers', guard: AdminTokenGuard } });
 * // GET /ops/breakers -> { summary: { healthyCircuits: 2, degradedCircuits: 0, failedCircuits: 1 }, breakers: {...} }
 * ```
 */
export interface CircuitBreakerAdminOptions {
  /** Serves the admin API. Default `false`. */
  enabled?: boolean;
  /** Where the routes live (after any global prefix). Default `'/circuit-breakers'`. */
  path?: string;
  /**
   * Decides who may use the admin API: a `CanActivate` class (instantiated with Nest's DI in
   * the module's context, or taken from the container when it is a provider) or instance.
   * Required when `enabled`: the admin API can force every circuit open, so the module
   * refuses to start with it unguarded.
   */
  guard?: Type<CanActivate> | CanActivate;
  /** The live dashboard at `<path>/dashboard`: `false` leaves it out. Default `true`. */
  dashboard?: boolean | AdminDashboardOptions;
}

/**
 * Options of the dashboard the admin API mounts (its controls are on: the admin guard already
 * let the request in).
 *
 * @example
 * ```ts
 * CircuitBreakerModule.forRoot({ admin: { enabled: true, guard: AdminTokenGuard, dashboard: { title: 'Payments breakers' } } });
 * ```
 */
export type AdminDashboardOptions = Omit<DashboardOptions, 'authorize' | 'basePath'>;

/** @internal The validated admin options. */
export interface AdminSettings {
  readonly path: string;
  readonly guard: Type<CanActivate> | CanActivate;
  readonly dashboard: AdminDashboardOptions | false;
}

const KNOWN = new Set(['registry', 'defaults', 'configs', 'admin', 'isGlobal']);
const KNOWN_ADMIN = new Set(['enabled', 'path', 'guard', 'dashboard']);

/** @internal Validates the module options; throws `InvalidConfigError` naming the first bad one. */
export function validateModuleOptions(options: unknown, from: 'forRoot' | 'factory' = 'forRoot'): CircuitBreakerModuleOptions {
  if (typeof options !== 'object' || options === null) throw new InvalidConfigError('options', options, 'an object');
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) throw new InvalidConfigError(key, o[key], 'a known option (no such option)');
  }
  if (o.isGlobal !== undefined) {
    // A factory runs after Nest has placed the module, too late to make it global.
    if (from === 'factory') throw new InvalidConfigError('isGlobal', o.isGlobal, 'given to forRootAsync() itself, not returned by its factory');
    if (typeof o.isGlobal !== 'boolean') throw new InvalidConfigError('isGlobal', o.isGlobal, 'a boolean');
  }
  if (o.registry !== undefined) {
    if (typeof (o.registry as CircuitBreakerRegistry | null)?.get !== 'function') {
      throw new InvalidConfigError('registry', o.registry, 'a CircuitBreakerRegistry');
    }
    for (const key of ['defaults', 'configs'] as const) {
      if (o[key] !== undefined) throw new InvalidConfigError(key, o[key], 'left out when registry is given (configure the registry you pass in)');
    }
  } else {
    // The registry validates defaults and configs, naming the option by its path.
    new CircuitBreakerRegistry({
      ...(o.defaults === undefined ? {} : { defaults: o.defaults as CircuitBreakerOptions }),
      ...(o.configs === undefined ? {} : { configs: o.configs as Record<string, CircuitBreakerOptions> }),
    }).dispose();
  }
  adminSettings(o.admin);
  return o as CircuitBreakerModuleOptions;
}

/** @internal The admin settings, or `null` when the admin API is off. */
export function adminSettings(admin: unknown): AdminSettings | null {
  if (admin === undefined) return null;
  if (typeof admin !== 'object' || admin === null) throw new InvalidConfigError('admin', admin, 'an object');
  const a = admin as Record<string, unknown>;
  for (const key of Object.keys(a)) {
    if (!KNOWN_ADMIN.has(key)) throw new InvalidConfigError(`admin.${key}`, a[key], 'a known option (no such option)');
  }
  const { enabled = false, path = '/circuit-breakers', guard, dashboard = true } = a;
  if (typeof enabled !== 'boolean') throw new InvalidConfigError('admin.enabled', enabled, 'a boolean');
  // Plain segments only: route patterns (':', '*', '{', '(') would change what the routes match.
  if (typeof path !== 'string' || !/^(\/[\w.~-]+)+$|^\/$/.test(path)) {
    throw new InvalidConfigError('admin.path', path, "'/' or '/'-separated segments of letters, digits, '.', '_', '~' and '-' (e.g. '/circuit-breakers')");
  }
  if (dashboard !== true && dashboard !== false && (typeof dashboard !== 'object' || dashboard === null)) {
    throw new InvalidConfigError('admin.dashboard', dashboard, 'a boolean or dashboard options');
  }
  if (!enabled) return null;
  if (!isGuard(guard)) {
    throw new InvalidConfigError(
      'admin.guard',
      guard,
      'a CanActivate guard (a class or an instance) when admin.enabled is true: the admin API resets and forces circuits, so the module refuses to serve it unguarded',
    );
  }
  return { path, guard, dashboard: dashboard === true ? {} : (dashboard as AdminDashboardOptions | false) };
}

function isGuard(value: unknown): value is Type<CanActivate> | CanActivate {
  if (typeof value === 'function') return typeof (value.prototype as Partial<CanActivate> | undefined)?.canActivate === 'function';
  return typeof value === 'object' && value !== null && typeof (value as Partial<CanActivate>).canActivate === 'function';
}
