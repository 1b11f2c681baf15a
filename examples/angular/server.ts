// Builds the Angular example and serves it with a flaky endpoint:
//   npx tsx examples/angular/server.ts        (PORT=4300 to change the port)
// /api/flaky fails in cycles of 12 calls that reach it: 4 times 503, then 8 times 200. With the
// example's breaker (3 failures open it for 5 s, then 1 trial) you see it open, a failed trial
// open it again, and the next trial close it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildExample } from './build.mjs';

const CYCLE = 12;
const FAILING = 4;
const html = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>rxjs-circuit-breaker · Angular</title></head>
  <body><app-root></app-root><script type="module" src="/main.js"></script></body>
</html>`;

const js = await buildExample();
let calls = 0;

const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path === '/api/flaky') {
    const down = calls++ % CYCLE < FAILING;
    response.writeHead(down ? 503 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(down ? { error: 'backend is down' } : { message: `hello (call ${calls})` }));
  } else if (path === '/main.js') {
    response.writeHead(200, { 'content-type': 'text/javascript' });
    response.end(js);
  } else if (path === '/') {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(html);
  } else if (path === '/favicon.ico') {
    response.writeHead(204).end();
  } else {
    response.writeHead(404).end();
  }
});

server.listen(Number(process.env.PORT ?? 4300), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`Angular example on http://127.0.0.1:${port}/ (Ctrl+C to stop)`);
});
process.on('SIGINT', () => server.close(() => process.exit(0)));
