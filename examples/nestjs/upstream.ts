import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A flaky quotes service on 127.0.0.1: it answers in 20-80 ms, and has an outage of
 * `outageMs` every `periodMs` (it answers 500 then). `POST /outage` starts one right away.
 */
export async function startFlakyUpstream({ periodMs = 20_000, outageMs = 8_000 } = {}): Promise<{ url: string; close(): void }> {
  const quotes = ['Fail fast.', 'Retry with jitter.', 'Shed load early.', 'Timeouts are features.'];
  let outageUntil = 0;
  const started = Date.now();
  const down = () => Date.now() < outageUntil || (Date.now() - started) % periodMs > periodMs - outageMs;
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/outage') {
      outageUntil = Date.now() + outageMs;
      res.writeHead(204).end();
      return;
    }
    setTimeout(() => {
      if (down()) {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"quotes service is down"}');
        return;
      }
      const text = quotes[Math.floor(Math.random() * quotes.length)];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text, at: new Date().toISOString() }));
    }, 20 + Math.random() * 60);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}
