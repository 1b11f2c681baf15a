import type { IncomingMessage, ServerResponse } from 'node:http';

/** @internal Headers on every answer: nothing is cached or sniffed. */
export const BASE_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

/** @internal Sends `body` as JSON (no body for HEAD). */
export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(req.method === 'HEAD' ? undefined : text);
}

/** @internal Sends `{ error, message }` with `status`. */
export function sendError(req: IncomingMessage, res: ServerResponse, status: number, error: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(req, res, status, { error, message }, headers);
}

/** @internal The path of a request URL, without its query. */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
