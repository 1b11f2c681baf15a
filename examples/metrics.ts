/**
 * Prometheus metrics and transition logs (`npx tsx examples/metrics.ts`).
 *
 * A registry logs to the console and exports to a prom-client registry. One breaker, `ollama`,
 * sees a success, three failures (it opens), two rejected calls, a retry reported by hand, and
 * after its 300 ms break a trial success that closes it. Then the script prints what
 * Prometheus would scrape from `/metrics`.
 */
import { Registry } from 'prom-client';
import { firstValueFrom, map, timer } from 'rxjs';
import { circuitBreaker, CircuitBreakerRegistry } from '../index.js';
import { collectCircuitBreakerMetrics } from '../src/integrations/prometheus/index.js';

const registry = new CircuitBreakerRegistry({ logger: console });
const prometheusRegistry = new Registry();
const metrics = collectCircuitBreakerMetrics({ registry, prometheusRegistry, buckets: [0.01, 0.05, 0.1, 0.5, 1] });

const ollama = registry.get('ollama', { failureThreshold: 3, recoveryTimeout: 300, halfOpenMaxCalls: 1 });

/** One call to the pretend service: it answers after `ms`, or fails after `ms`. */
async function callService(ms: number, fail = false): Promise<string> {
  const answer$ = timer(ms).pipe(
    map(() => {
      if (fail) throw new Error('connection refused');
      return 'generated text';
    }),
    circuitBreaker(ollama),
  );
  try {
    return await firstValueFrom(answer$);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

console.log(await callService(20));
for (let i = 0; i < 3; i++) console.log(await callService(30, true));
console.log(await callService(20)); // rejected: the circuit is open
console.log(await callService(20)); // rejected, and not logged again within the second
ollama.recordRetry(1, 300, new Error('connection refused')); // what retryBackoff reports
await firstValueFrom(timer(350)); // the break ends: half-open
console.log(await callService(40)); // the trial succeeds: closed

console.log('\n--- GET /metrics ---\n');
console.log(await prometheusRegistry.metrics());

metrics.unsubscribe();
registry.dispose();
