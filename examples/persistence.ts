/**
 * Saving breakers across a restart: `toJSON()` to a file, `CircuitBreaker.fromJSON()` (or
 * `registry.restore()`) back. An open breaker keeps its original break end.
 * Run: npx tsx examples/persistence.ts
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CircuitBreaker, CircuitBreakerRegistry } from '../index.js';

const options = { failureThreshold: 2, recoveryTimeout: 30_000 };
const at = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().slice(11, 23));

// "Before the restart": the payments breaker opens after two failures.
const before = new CircuitBreakerRegistry({ defaults: options });
const payments = before.get('payments');
for (let i = 0; i < 2; i++) await payments.execute(() => Promise.reject(new Error('503'))).catch(() => {});
before.get('search');
const dir = await mkdtemp(join(tmpdir(), 'rxcb-'));
const file = join(dir, 'breakers.json');
await writeFile(file, JSON.stringify(before, null, 2));
const saved = payments.toJSON();
console.log(`saved ${file}: payments ${saved.state}, break ${at(saved.openedAt)} → ${at(saved.breakEndsAt)}, ${payments.stats().retryAfterMs} ms left`);

await sleep(300); // the process restarts

// "After the restart": a new registry takes the saved state.
const after = new CircuitBreakerRegistry({ defaults: options });
const restoredNames = after.restore(JSON.parse(await readFile(file, 'utf8')));
const restored = after.get('payments').toJSON();
console.log(`restored ${restoredNames.join(', ')}: payments ${restored.state}, break ${at(restored.openedAt)} → ${at(restored.breakEndsAt)}, ${after.get('payments').stats().retryAfterMs} ms left`);
console.log('same break end:', restored.breakEndsAt === saved.breakEndsAt, '| counters kept:', after.get('payments').stats().failedCalls, 'failures');

// One breaker alone, with its own options; a version this package does not know is refused.
const single = CircuitBreaker.fromJSON(saved, options);
console.log('fromJSON:', single.name, single.state);
try {
  CircuitBreaker.fromJSON({ ...saved, version: 2 as 1 });
} catch (error) {
  console.log('version 2:', (error as Error).message);
}
await rm(dir, { recursive: true });
