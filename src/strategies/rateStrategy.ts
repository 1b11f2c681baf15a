import { InvalidConfigError } from '../errors/InvalidConfigError.js';
import { requireInteger, requireRatio } from '../internal/validate.js';
import { countWindow } from '../windows/countWindow.js';
import type { OutcomeWindowFactory, WindowTotals } from '../windows/OutcomeWindow.js';
import type { TripStrategy } from './TripStrategy.js';

/** Options shared by {@link failureRate} and {@link slowCallRate}. */
export interface RateOptions {
  /** The ratio in (0, 1] at or above which the breaker trips: 0.5 means 50%. Default 0.5. */
  threshold?: number;
  /** How many calls the window must hold before the rate counts, a positive integer. Default 10. */
  minimumCalls?: number;
  /** The window the rate is measured over. Default `countWindow(100)`. */
  window?: OutcomeWindowFactory;
}

/** @internal The validated settings of a rate strategy. */
export interface RateSettings {
  threshold: number;
  minimumCalls: number;
  window: OutcomeWindowFactory;
  /** The window's label, for the strategy's own: `countWindow(100)`. */
  windowLabel: string;
}

/** @internal Validates `options` of `name` (e.g. `failureRate`) and applies the defaults. */
export function readRateOptions(name: string, options: unknown): RateSettings {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidConfigError(name, options, 'an options object such as { threshold: 0.5, minimumCalls: 10 }');
  }
  const o = options as Record<string, unknown>;
  // Only a missing option takes its default: null is a mistake worth reporting.
  const threshold = requireRatio(`${name}.threshold`, o.threshold === undefined ? 0.5 : o.threshold);
  const minimumCalls = requireInteger(`${name}.minimumCalls`, o.minimumCalls === undefined ? 10 : o.minimumCalls);
  const window = o.window === undefined ? countWindow(100) : o.window;
  if (typeof window !== 'function') {
    throw new InvalidConfigError(`${name}.window`, window, 'a window factory such as countWindow(100)');
  }
  const label: unknown = (window as { label?: unknown }).label;
  const windowLabel = typeof label === 'string' ? label : 'custom window';
  return { threshold, minimumCalls, window: window as OutcomeWindowFactory, windowLabel };
}

/**
 * @internal A strategy that trips once the window holds `minimumCalls` calls and
 * `totals[counted] / totals.calls >= threshold`, checked on every outcome (a success can
 * trip it too: it adds a call without lowering the count of bad ones).
 */
export function createRateStrategy(
  settings: RateSettings,
  counted: keyof WindowTotals,
  isSlow: (durationMs: number) => boolean,
  /** Names the rate in `describe`: `failure rate`. */
  noun: string,
  /** Follows the call count in `describe`, e.g. ` (slower than 1000ms)`. */
  suffix = '',
): TripStrategy {
  const { threshold, minimumCalls } = settings;
  const window = settings.window();
  const check = (at: number): boolean => {
    const totals = window.totals(at);
    // Divide rather than compare with threshold * calls: 0.28 * 25 is 7.000000000000001.
    return totals.calls >= minimumCalls && totals[counted] / totals.calls >= threshold;
  };
  return {
    usesTime: window.usesTime !== false,
    usesDuration: counted === 'slow',
    onSuccess: (durationMs, at) => {
      window.add(false, isSlow(durationMs), at);
      return check(at);
    },
    onFailure: (durationMs, at) => {
      window.add(true, isSlow(durationMs), at);
      return check(at);
    },
    reset: () => window.reset(),
    describe: (at) => {
      const { calls, [counted]: bad } = window.totals(at);
      const rate = percent(calls === 0 ? 0 : bad / calls);
      return `${noun} ${rate} >= ${percent(threshold)} over ${calls} call${calls === 1 ? '' : 's'}${suffix}`;
    },
    snapshot: () => window.snapshot(),
    restore: (snapshot) => window.restore(snapshot),
  };
}

/** @internal `0.6` → `60%`, `2 / 3` → `66.7%`. */
function percent(ratio: number): string {
  return `${Number((ratio * 100).toFixed(1))}%`;
}
