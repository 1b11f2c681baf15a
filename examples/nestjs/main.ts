/**
 * A Nest application guarded by circuit breakers:
 *
 *   npx tsx --tsconfig examples/nestjs/tsconfig.json examples/nestjs/main.ts
 *
 * (tsx reads one tsconfig, and this one turns on the legacy decorators Nest uses).
 *
 * It starts a flaky quotes service (down 8 s out of every 20 s), the API on port 3000 (or
 * $PORT), and a little traffic against the API so the breakers have something to do; each
 * state change is printed. Try:
 *
 *   curl -i localhost:3000/quotes/random        # 200, 502 while failing, 503 + Retry-After while open
 *   curl localhost:3000/quotes/cached           # the last good quote while the service is down
 *   curl -i localhost:3000/health               # terminus: 503 while a breaker is open
 *   curl -H "Authorization: Bearer $TOKEN" localhost:3000/circuit-breakers
 *   curl -X POST -H "Authorization: Bearer $TOKEN" localhost:3000/circuit-breakers/quotes-service/force-open
 *   open http://localhost:3000/circuit-breakers/dashboard/   (user: anything, password: the token)
 *
 * The token is $ADMIN_TOKEN, or a random one printed at start.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { filter } from 'rxjs';
import { CircuitBreakerRegistry } from '../../index.js';
import { appModule } from './app.module.js';
import { startFlakyUpstream } from './upstream.js';

const port = Number(process.env.PORT ?? 3000);
const token = process.env.ADMIN_TOKEN ?? randomBytes(12).toString('base64url');
const upstream = await startFlakyUpstream();
const app = await NestFactory.create(appModule(upstream.url, token), { logger: ['error', 'warn'] });
await app.listen(port, '127.0.0.1');
const base = `http://localhost:${port}`;

console.log(`Quotes API on ${base} (quotes service ${upstream.url}: down 8 s of every 20 s)`);
console.log(`Admin token: ${token}`);
console.log(`  curl -i ${base}/quotes/random`);
console.log(`  curl -H "Authorization: Bearer ${token}" ${base}/circuit-breakers`);
console.log(`  dashboard: ${base}/circuit-breakers/dashboard/ (any user name, the token as password)`);

app
  .get(CircuitBreakerRegistry)
  .events$.pipe(filter((e) => e.type === 'state_change'))
  .subscribe((e) => console.log(`${new Date().toISOString().slice(11, 23)} ${e.breaker}: ${e.from} -> ${e.to} (${e.reason})`));

// A request to each route every 300 ms, so the breakers see traffic without anyone calling.
const traffic = setInterval(() => {
  for (const path of ['/quotes/random', '/quotes/cached', '/quotes/client']) fetch(`${base}${path}`).catch(() => undefined);
}, 300);

process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
async function shutdown(): Promise<void> {
  clearInterval(traffic);
  await app.close();
  upstream.close();
}
