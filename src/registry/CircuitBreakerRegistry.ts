import type { Subscription, TeardownLogic } from 'rxjs';
import { asyncScheduler, BehaviorSubject, map, Observable, share, Subject, Subscription as RxSubscription } from 'rxjs';
import { CircuitBreaker } from '../breaker/CircuitBreaker.js';
import type { CircuitState } from '../breaker/CircuitState.js';
import type { CircuitBreakerOptions } from '../breaker/options.js';
import { mergeOptions, resolveOptions } from '../breaker/options.js';
import type { CircuitEvent, CircuitStats } from '../breaker/types.js';
import { InvalidConfigError } from '../errors/InvalidConfigError.js';
import type { CircuitBreakerJSON } from '../breaker/persistence.js';
import { BREAKER_JSON_VERSION, checkStrategySnapshot, validateBreakerJSON } from '../breaker/persistence.js';
import { optionsFromEnv } from '../config/optionsFromEnv.js';
import type { BreakerStore } from './BreakerStore.js';
import type { RegistryHealth } from './health.js';
import { healthStatus } from './health.js';
import type { CircuitBreakerLogger } from './transitionLogger.js';
import { transitionLogger } from './transitionLogger.js';

/**
 * Options of a {@link CircuitBreakerRegistry}.
 */
export interface CircuitBreakerRegistryOptions {
  /** Options every breaker of the registry starts from. */
  defaults?: CircuitBreakerOptions;
  /** Options per breaker name, layered over `defaults`. */
  configs?: Record<string, CircuitBreakerOptions>;
  /** Shares breaker state across processes (e.g. `redisBreakerStore`). */
  store?: BreakerStore;
  /**
   * Environment variables (e.g. `process.env`) read with {@link optionsFromEnv} for each
   * breaker it creates, global and per-name; they win over every option given in code.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** Prefix of the `env` variables. Default `'CIRCUIT_BREAKER'`. */
  envPrefix?: string;
  /** Logs every transition (`info`) and rejected calls (`warn`, at most once per breaker per second), e.g. `console`. */
  logger?: CircuitBreakerLogger;
}

interface Entry {
  breaker: CircuitBreaker;
  teardown: Subscription;
}

/**
 * Named breakers, created on first use, and streams over all of them.
 *
 * @example
 * ```ts
 * const registry = new CircuitBreakerRegistry({ defaults: { failureThreshold: 3 }, configs: { payments: { recoveryTimeout: 30_000 } } });
 * registry.states$.subscribe((states) => console.log(states)); // { payments: 'closed' } once created
 * source$.pipe(circuitBreaker('payments', { registry }));
 * ```
 */
export class CircuitBreakerRegistry {
  private readonly entries = new Map<string, Entry>();
  /** Ticks on every state change, creation and removal; the map is built only for listeners. */
  private readonly changed$$ = new Subject<void>();
  private readonly added$$ = new Subject<CircuitBreaker>();
  private readonly removed$$ = new Subject<CircuitBreaker>();
  private readonly defaults: CircuitBreakerOptions | undefined;
  private readonly configs: Record<string, CircuitBreakerOptions>;
  private readonly store: BreakerStore | undefined;
  private readonly envOptions: ((name: string) => CircuitBreakerOptions) | undefined;
  private disposed = false;

  /** `{ [name]: state }` of every breaker, now and on every change. */
  readonly states$: Observable<Readonly<Record<string, CircuitState>>>;
  /** Every event of every breaker of the registry, including breakers created later. */
  readonly events$: Observable<CircuitEvent>;
  /** {@link CircuitBreakerRegistry.health} now and after every state change. */
  readonly health$: Observable<RegistryHealth>;
  /** Each breaker as it is created. */
  readonly added$: Observable<CircuitBreaker>;
  /** Each breaker as it is removed. */
  readonly removed$: Observable<CircuitBreaker>;

  constructor(options: CircuitBreakerRegistryOptions = {}) {
    if (typeof options !== 'object' || options === null) throw new InvalidConfigError('registry options', options, 'an object');
    const { defaults, configs = {}, store, logger } = options;
    const logEvent = logger === undefined ? undefined : transitionLogger(logger);
    if (defaults !== undefined) resolveOptions(defaults, 'defaults.');
    for (const [name, config] of Object.entries(configs)) resolveOptions(mergeOptions(defaults, config), `configs.${name}.`);
    this.defaults = defaults;
    this.configs = configs;
    this.store = store;
    this.envOptions = envReader(options.env, options.envPrefix);
    // Built per listener on each change: a registry nobody watches pays nothing per change,
    // and creating n breakers is not n copies of a growing map.
    this.states$ = new Observable<Readonly<Record<string, CircuitState>>>((subscriber) => {
      subscriber.next(this.states());
      return this.changed$$.subscribe({ next: () => subscriber.next(this.states()), complete: () => subscriber.complete() });
    });
    this.health$ = this.states$.pipe(map(() => this.health()));
    this.added$ = this.added$$.asObservable();
    this.removed$ = this.removed$$.asObservable();
    this.events$ = registryEvents(this);
    // Ends by itself when dispose() completes the registry's streams.
    if (logEvent !== undefined) this.events$.subscribe(logEvent);
  }

  /** The breaker named `name`, created with `options` (over the registry's defaults and config) if it does not exist yet. */
  get(name: string, options?: CircuitBreakerOptions): CircuitBreaker {
    const entry = this.entries.get(name);
    if (entry !== undefined) return entry.breaker;
    return this.create(name, options);
  }

  private create(name: string, options: CircuitBreakerOptions | undefined): CircuitBreaker {
    if (this.disposed) throw new InvalidConfigError('registry', name, 'a registry that is not disposed');
    const breaker = new CircuitBreaker(name, mergeOptions(this.defaults, this.configs[name], options, this.envOptions?.(name)));
    const teardown = new RxSubscription();
    this.entries.set(name, { breaker, teardown });
    teardown.add(breaker.state$.subscribe(() => this.changed$$.next()));
    if (this.store !== undefined) teardown.add(this.store.attach(breaker) as Exclude<TeardownLogic, void>);
    this.added$$.next(breaker);
    return breaker;
  }

  /**
   * Every breaker's {@link CircuitBreaker.toJSON}, for hydration after a restart.
   *
   * @example
   * ```ts
   * process.on('SIGTERM', () => fs.writeFileSync('breakers.json', JSON.stringify(registry)));
   * registry.restore(JSON.parse(fs.readFileSync('breakers.json', 'utf8')));
   * ```
   */
  toJSON(): RegistryJSON {
    const breakers: Record<string, CircuitBreakerJSON> = {};
    for (const [name, { breaker }] of this.entries) breakers[name] = breaker.toJSON();
    return { version: BREAKER_JSON_VERSION, breakers };
  }

  /**
   * Restores {@link CircuitBreakerRegistry.toJSON} output: each breaker is got (or created
   * with the registry's options) and takes the saved state. Returns the names restored.
   */
  restore(json: RegistryJSON): string[] {
    if (typeof json !== 'object' || json === null) throw new InvalidConfigError('json', json, 'a RegistryJSON object');
    if (json.version !== BREAKER_JSON_VERSION) {
      throw new InvalidConfigError('json.version', json.version, `version ${BREAKER_JSON_VERSION} (this package reads version ${BREAKER_JSON_VERSION} only)`);
    }
    if (typeof json.breakers !== 'object' || json.breakers === null) throw new InvalidConfigError('json.breakers', json.breakers, 'an object');
    const valid = Object.entries(json.breakers).map(([name, entry]) => {
      const breaker = validateBreakerJSON(entry);
      if (breaker.name !== name) throw new InvalidConfigError(`json.breakers.${name}.name`, breaker.name, `'${name}'`);
      return breaker;
    });
    // A snapshot of another kind of trip strategy fails here, before any breaker is touched.
    for (const { name, strategy } of valid) {
      const trip = this.entries.get(name)?.breaker.resolved.trip ?? resolveOptions(mergeOptions(this.defaults, this.configs[name], this.envOptions?.(name))).trip;
      checkStrategySnapshot(trip, strategy, `json.breakers.${name}.strategy`);
    }
    for (const breaker of valid) this.get(breaker.name).restore(breaker);
    return valid.map((b) => b.name);
  }

  /** True when a breaker named `name` exists. */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Removes and disposes the breaker named `name`; false when there was none. */
  remove(name: string): boolean {
    const entry = this.entries.get(name);
    if (entry === undefined) return false;
    this.entries.delete(name);
    entry.teardown.unsubscribe();
    entry.breaker.dispose();
    this.changed$$.next();
    this.removed$$.next(entry.breaker);
    return true;
  }

  /** `{ [name]: state }` of every breaker now. */
  states(): Record<string, CircuitState> {
    const out: Record<string, CircuitState> = {};
    for (const [name, { breaker }] of this.entries) out[name] = breaker.state;
    return out;
  }

  /** Names of the breakers, in creation order. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The breakers, in creation order. */
  breakers(): CircuitBreaker[] {
    return [...this.entries.values()].map((e) => e.breaker);
  }

  /** `{ [name]: CircuitStats }`. */
  stats(): Record<string, CircuitStats> {
    const out: Record<string, CircuitStats> = {};
    for (const [name, { breaker }] of this.entries) out[name] = breaker.stats();
    return out;
  }

  /** The seeds' health check: healthy when every circuit is closed, unhealthy when none is, else degraded. */
  health(): RegistryHealth {
    const circuits = this.stats();
    const { status, healthy } = healthStatus(Object.values(circuits).map((s) => s.state));
    const now = (this.defaults?.scheduler ?? asyncScheduler).now();
    return {
      status,
      healthyCircuits: healthy,
      totalCircuits: this.entries.size,
      circuits,
      timestamp: new Date(now).toISOString(),
    };
  }

  /** `reset()` on every breaker. */
  resetAll(): void {
    for (const { breaker } of this.entries.values()) breaker.reset();
  }

  /** Disposes every breaker and the store, and completes the registry's streams. */
  dispose(): void {
    if (this.disposed) return;
    for (const name of this.names()) this.remove(name);
    this.disposed = true;
    void this.store?.dispose?.();
    this.changed$$.complete();
    this.added$$.complete();
    this.removed$$.complete();
  }

  /** True once `dispose()` was called. */
  get isDisposed(): boolean {
    return this.disposed;
  }
}

/** A registry's breakers as JSON. */
export interface RegistryJSON {
  version: typeof BREAKER_JSON_VERSION;
  breakers: Record<string, CircuitBreakerJSON>;
}

function envReader(env: CircuitBreakerRegistryOptions['env'], prefix: string | undefined): ((name: string) => CircuitBreakerOptions) | undefined {
  if (env === undefined) return undefined;
  const config = prefix === undefined ? {} : { prefix };
  optionsFromEnv(env, config); // a bad global variable fails when the registry is made
  return (name) => optionsFromEnv(env, { ...config, name });
}

/**
 * `registry.events$`: subscribes to each breaker's `events$` only while someone listens, so
 * a registry nobody watches adds no cost per call.
 */
function registryEvents(registry: CircuitBreakerRegistry): Observable<CircuitEvent> {
  return new Observable<CircuitEvent>((subscriber) => {
    const perBreaker = new Map<CircuitBreaker, Subscription>();
    const attach = (breaker: CircuitBreaker) => {
      perBreaker.set(breaker, breaker.events$.subscribe((event) => subscriber.next(event)));
    };
    registry.breakers().forEach(attach);
    const added = registry.added$.subscribe({ next: attach, complete: () => subscriber.complete() });
    const removed = registry.removed$.subscribe((breaker) => {
      perBreaker.get(breaker)?.unsubscribe();
      perBreaker.delete(breaker);
    });
    return () => {
      added.unsubscribe();
      removed.unsubscribe();
      perBreaker.forEach((s) => s.unsubscribe());
    };
  }).pipe(share());
}
