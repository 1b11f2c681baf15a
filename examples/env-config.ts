/**
 * Breaker options from environment variables (seed 003): `optionsFromEnv()` and a registry
 * that reads them for every breaker it creates.
 * Run: npx tsx examples/env-config.ts
 * (or with your own: CIRCUIT_BREAKER_FAILURE_THRESHOLD=2 npx tsx examples/env-config.ts)
 */
import { CircuitBreakerRegistry, isInvalidConfigError, optionsFromEnv } from '../index.js';

// process.env is the default; a plain object stands in for it here.
const env = {
  ...process.env,
  CIRCUIT_BREAKER_FAILURE_THRESHOLD: process.env.CIRCUIT_BREAKER_FAILURE_THRESHOLD ?? '3',
  CIRCUIT_BREAKER_RECOVERY_TIMEOUT: '30', // seconds
  CIRCUIT_BREAKER_CALL_TIMEOUT: '2.5',
  CIRCUIT_BREAKER_PAYMENTS_API_RECOVERY_TIMEOUT: '120', // only the breaker named payments-api
  CIRCUIT_BREAKER_LEGACY_ENABLED: 'false', // the breaker named legacy starts disabled
};

console.log('global options:        ', optionsFromEnv(env));
console.log('options of payments-api:', optionsFromEnv(env, { name: 'payments-api' }));

// The variables win over the registry's defaults and configs.
const registry = new CircuitBreakerRegistry({ defaults: { failureThreshold: 10 }, env });
for (const name of ['payments-api', 'search', 'legacy']) {
  const breaker = registry.get(name);
  const { failureThreshold, recoveryTimeout, callTimeout } = breaker.options;
  console.log(`${name.padEnd(12)} state ${breaker.state.padEnd(8)}`, { failureThreshold, recoveryTimeout, callTimeout });
}

// A bad value names the variable and the value, when the registry is created.
try {
  new CircuitBreakerRegistry({ env: { CIRCUIT_BREAKER_RECOVERY_TIMEOUT: '30s' } });
} catch (error) {
  if (isInvalidConfigError(error)) console.log(`bad value: ${error.message} (variable ${error.option})`);
}
