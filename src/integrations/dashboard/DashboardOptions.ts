import type { IncomingMessage } from 'node:http';
import type { SchedulerLike } from 'rxjs';
import { asyncScheduler } from 'rxjs';
import { InvalidConfigError } from '../../index.js';

/**
 * Options of {@link circuitBreakerDashboard}. Every duration is in milliseconds of the
 * `scheduler`.
 */
export interface DashboardOptions {
  /**
   * Decides whether a request may use the controls (reset, force open, force close). Without
   * it the dashboard is read-only and shows no buttons. Called on the server for every
   * control request and for `GET <path>/api/config`; a throw or rejection counts as `false`.
   */
  authorize?: (req: IncomingMessage) => boolean | Promise<boolean>;
  /**
   * The path the handler answers under when it sees full URLs (plain `node:http`), e.g.
   * `'/circuit-breakers'`. Leave it out under Express or NestJS `app.use(path, handler)`,
   * which strip the mount path from `req.url`. Default: `''` (the root).
   */
  basePath?: string;
  /** The page's heading and `<title>`. Default: `'Circuit breakers'`. */
  title?: string;
  /** Shortest time between two stats updates of one breaker on the stream. Default: 250. */
  throttleMs?: number;
  /** How often the stream sends calls per second and the time left of each break. Default: 1000. */
  sampleIntervalMs?: number;
  /** How often the stream sends a comment line, so proxies keep an idle stream open. Default: 15_000. */
  heartbeatIntervalMs?: number;
  /** How long the page's sparklines reach back. Default: 180_000 (three minutes). */
  historyMs?: number;
  /** The clock and timers of the stream. Default: `asyncScheduler`. */
  scheduler?: SchedulerLike;
}

/** @internal {@link DashboardOptions} with defaults applied, validated. */
export interface ResolvedDashboardOptions {
  authorize: DashboardOptions['authorize'] | undefined;
  basePath: string;
  title: string;
  throttleMs: number;
  sampleIntervalMs: number;
  heartbeatIntervalMs: number;
  historyMs: number;
  scheduler: SchedulerLike;
}

/** @internal Applies the defaults and throws `InvalidConfigError` for the first bad option. */
export function resolveDashboardOptions(options: DashboardOptions = {}): ResolvedDashboardOptions {
  if (typeof options !== 'object' || options === null) throw new InvalidConfigError('options', options, 'an object');
  const {
    authorize,
    basePath = '',
    title = 'Circuit breakers',
    throttleMs = 250,
    sampleIntervalMs = 1000,
    heartbeatIntervalMs = 15_000,
    historyMs = 180_000,
    scheduler = asyncScheduler,
  } = options;
  if (authorize !== undefined && typeof authorize !== 'function') {
    throw new InvalidConfigError('authorize', authorize, 'a function (req) => boolean | Promise<boolean>');
  }
  if (typeof basePath !== 'string' || (basePath !== '' && !/^\/[^?#]*[^/?#]$/.test(basePath))) {
    throw new InvalidConfigError('basePath', basePath, "'' or a path that starts with '/' and does not end with '/'");
  }
  if (typeof title !== 'string' || title.trim() === '') throw new InvalidConfigError('title', title, 'a non-empty string');
  requirePositive('throttleMs', throttleMs);
  requirePositive('sampleIntervalMs', sampleIntervalMs);
  requirePositive('heartbeatIntervalMs', heartbeatIntervalMs);
  requirePositive('historyMs', historyMs);
  if (historyMs < sampleIntervalMs) throw new InvalidConfigError('historyMs', historyMs, `at least sampleIntervalMs (${sampleIntervalMs})`);
  if (typeof scheduler?.now !== 'function' || typeof scheduler.schedule !== 'function') {
    throw new InvalidConfigError('scheduler', scheduler, 'an RxJS SchedulerLike');
  }
  return { authorize, basePath, title, throttleMs, sampleIntervalMs, heartbeatIntervalMs, historyMs, scheduler };
}

function requirePositive(option: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidConfigError(option, value, 'a finite number > 0');
  }
}
