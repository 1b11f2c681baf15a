/**
 * Presets with the seeds' numbers: `presets.database` on fake driver errors, and
 * `presets.externalService` against a tiny local HTTP server answering 503, 404 and 429.
 * Run: npx tsx examples/presets.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CircuitBreaker, presets } from '../index.js';

// --- presets.database: constraint errors never trip it; lock errors are retried. ---
// The seeds' retry waits 0.5 s, 1 s, 2 s; shortened here so the example runs quickly.
const db = new CircuitBreaker('db', { ...presets.database, retry: { ...presets.database.retry, initialInterval: 20 } });
const dbError = (code: string, message: string) => Object.assign(new Error(message), { code });
const outcome = (p: Promise<unknown>) => p.then((v) => `ok: ${String(v)}`, (e: unknown) => `error: ${(e as Error).message}`);

const seeds = ({ failureThreshold, successThreshold, recoveryTimeout }: typeof presets.database | typeof presets.externalService) =>
  `${failureThreshold} failures open it, ${successThreshold} successful trials close it, ${recoveryTimeout / 1000} s breaks`;
console.log(`presets.database: ${seeds(presets.database)}`);
for (let i = 0; i < 5; i++) await db.execute(() => Promise.reject(dbError('23505', 'duplicate key value violates unique constraint "users_email_key"'))).catch(() => {});
console.log('  5 × unique violation (23505)   → state', db.state, '| ignored:', db.stats().ignoredCalls);
let attempts = 0;
const locked = await outcome(db.execute(() => (++attempts < 3 ? Promise.reject(dbError('SQLITE_BUSY', 'database is locked')) : Promise.resolve('row 1'))));
console.log(`  SQLITE_BUSY twice, then a row  → ${locked} after ${attempts} attempts`);
let connects = 0;
for (let i = 0; i < 3; i++) await db.execute(() => (connects++, Promise.reject(dbError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')))).catch(() => {});
console.log('  3 × connection refused         → state', db.state, `(not retried: ${connects} attempts)`);

// --- presets.externalService against a local server. ---
const server = createServer((req, res) => {
  const status = Number(req.url?.slice(1));
  if (status === 429 && hits429++ === 0) res.writeHead(429, { 'Retry-After': '1' }).end();
  else if (status === 429) res.writeHead(200).end('"finally"');
  else res.writeHead(status).end(status === 200 ? '"fine"' : '');
});
let hits429 = 0;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** A fetch error that carries the status and headers, as httpErrors and Retry-After expect. */
class HttpError extends Error {
  constructor(readonly status: number, readonly headers: Headers) {
    super(`HTTP ${status}`);
  }
}
async function get(path: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(base + path, { signal });
  if (!response.ok) throw new HttpError(response.status, response.headers);
  return response.json();
}

// The seeds wait 2 s, 4 s, 8 s between retries; 50 ms here. Retry-After is honoured as sent.
const api = new CircuitBreaker('api', { ...presets.externalService, retry: { ...presets.externalService.retry, initialInterval: 50 } });
const requests = { '/503': 0, '/404': 0, '/429': 0 };
const call = (path: keyof typeof requests, options: { retry?: { maxRetries: number } } = {}) => {
  requests[path] = 0;
  return outcome(api.execute((signal) => (requests[path]++, get(path, signal)), options));
};

console.log(`presets.externalService: ${seeds(presets.externalService)}`);
console.log(`  404 → ${await call('/404')} | requests: ${requests['/404']}, circuit ${api.state} (4xx neither trips nor retries)`);
const started = performance.now();
console.log(`  429 → ${await call('/429')} | requests: ${requests['/429']}, waited ${Math.round(performance.now() - started)} ms (Retry-After: 1)`);
console.log(`  503 → ${await call('/503')} | requests: ${requests['/503']}, circuit ${api.state}, failures ${api.stats().failedCalls}`);
// Without retries here: a retry would wait out the 60 s break (CircuitOpenError.retryAfterMs).
console.log(`  503 → ${await call('/503', { retry: { maxRetries: 0 } })} | requests: ${requests['/503']}, circuit ${api.state} (the 5th failure opened it)`);
console.log(`  404 → ${await call('/404', { retry: { maxRetries: 0 } })} | requests: ${requests['/404']} (rejected while open)`);
server.close();
