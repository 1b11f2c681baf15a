import type { CircuitBreakerOptions } from '../breaker/options.js';
import { InvalidConfigError } from '../errors/InvalidConfigError.js';

/** Options of {@link optionsFromEnv}. */
export interface OptionsFromEnvConfig {
  /** The variables' prefix. Default `'CIRCUIT_BREAKER'`. */
  prefix?: string;
  /** A breaker name: its `<PREFIX>_<NAME>_<OPTION>` variables override the global ones. */
  name?: string;
}

type Parser = (variable: string, raw: string) => unknown;

const seconds: Parser = (variable, raw) => {
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) throw new InvalidConfigError(variable, raw, 'a number of seconds >= 0');
  return value * 1000;
};
const positiveSeconds: Parser = (variable, raw) => {
  const ms = seconds(variable, raw) as number;
  if (ms === 0) throw new InvalidConfigError(variable, raw, 'a number of seconds > 0');
  return ms;
};
const integer: Parser = (variable, raw) => {
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(value) || value < 1) throw new InvalidConfigError(variable, raw, 'a positive integer');
  return value;
};
const boolean: Parser = (variable, raw) => {
  const v = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw new InvalidConfigError(variable, raw, 'true or false (also 1/0, yes/no, on/off)');
};
const successOn: Parser = (variable, raw) => {
  const v = raw.trim();
  if (v !== 'value' && v !== 'complete') throw new InvalidConfigError(variable, raw, "'value' or 'complete'");
  return v;
};

/** Option name, variable suffix, parser. Durations are seconds in the environment. */
const VARIABLES: readonly [keyof CircuitBreakerOptions, string, Parser][] = [
  ['failureThreshold', 'FAILURE_THRESHOLD', integer],
  ['recoveryTimeout', 'RECOVERY_TIMEOUT', seconds],
  ['halfOpenMaxCalls', 'HALF_OPEN_MAX_CALLS', integer],
  ['successThreshold', 'SUCCESS_THRESHOLD', integer],
  ['halfOpenMaxWait', 'HALF_OPEN_MAX_WAIT', positiveSeconds],
  ['callTimeout', 'CALL_TIMEOUT', positiveSeconds],
  ['successOn', 'SUCCESS_ON', successOn],
  ['enabled', 'ENABLED', boolean],
];

/** @internal `payments-api` → `PAYMENTS_API`. */
export function envName(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '').toUpperCase();
}

/**
 * Breaker options from environment variables (seed 003): `CIRCUIT_BREAKER_FAILURE_THRESHOLD`,
 * `CIRCUIT_BREAKER_RECOVERY_TIMEOUT` (seconds), `CIRCUIT_BREAKER_HALF_OPEN_MAX_CALLS`,
 * `CIRCUIT_BREAKER_SUCCESS_THRESHOLD`, `CIRCUIT_BREAKER_HALF_OPEN_MAX_WAIT` (seconds),
 * `CIRCUIT_BREAKER_CALL_TIMEOUT` (seconds), `CIRCUIT_BREAKER_SUCCESS_ON` and
 * `CIRCUIT_BREAKER_ENABLED` (`false` starts breakers `disabled`). With `name`, the
 * per-breaker variables (`CIRCUIT_BREAKER_PAYMENTS_FAILURE_THRESHOLD`) win. Unset or empty
 * variables are left out; a bad value throws `InvalidConfigError` naming the variable.
 *
 * @example
 * ```ts
 * // CIRCUIT_BREAKER_FAILURE_THRESHOLD=3 CIRCUIT_BREAKER_PAYMENTS_RECOVERY_TIMEOUT=120
 * optionsFromEnv(process.env, { name: 'payments' }); // { failureThreshold: 3, recoveryTimeout: 120000 }
 * const registry = new CircuitBreakerRegistry({ env: process.env }); // the same, per breaker
 * ```
 */
export function optionsFromEnv(
  env: Readonly<Record<string, string | undefined>> = defaultEnv(),
  config: OptionsFromEnvConfig = {},
): CircuitBreakerOptions {
  if (typeof env !== 'object' || env === null) throw new InvalidConfigError('env', env, 'an object of environment variables');
  const { prefix = 'CIRCUIT_BREAKER', name } = config;
  if (typeof prefix !== 'string' || prefix === '') throw new InvalidConfigError('prefix', prefix, 'a non-empty string');
  if (name !== undefined && (typeof name !== 'string' || envName(name) === '')) {
    throw new InvalidConfigError('name', name, 'a breaker name with at least one letter or digit');
  }
  const scopes = name === undefined ? [prefix] : [prefix, `${prefix}_${envName(name)}`];
  const options: Record<string, unknown> = {};
  for (const scope of scopes) {
    for (const [option, suffix, parse] of VARIABLES) {
      const variable = `${scope}_${suffix}`;
      const raw = env[variable];
      if (raw !== undefined && raw.trim() !== '') options[option] = parse(variable, raw);
    }
  }
  return options as CircuitBreakerOptions;
}

function defaultEnv(): Record<string, string | undefined> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}
