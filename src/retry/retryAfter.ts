/**
 * How long an error asks its caller to wait before trying again, in milliseconds, or `null`
 * when it does not say. Reads, in this order:
 *
 * 1. a numeric `retryAfterMs` property, as a `CircuitOpenError` carries (`null` there, as on a
 *    `forced_open` rejection, means no hint);
 * 2. an HTTP `Retry-After` header from `error.headers` (Angular's `HttpErrorResponse`, a
 *    fetch `Response`: anything with `.get()`, or a plain object of headers);
 * 3. the same header from `error.response.headers` (axios: a plain object with lowercase
 *    keys or an `AxiosHeaders` with `.get()`; ky and other fetch wrappers: a `Headers`).
 *
 * `Retry-After` is delta-seconds (`120`) or an HTTP date; a date counts from `now`, which
 * should be `scheduler.now()`. A date in the past gives 0. Unreadable values are ignored.
 *
 * @param error - Anything thrown or emitted as an error.
 * @param now - The current time in epoch milliseconds, from the scheduler in use.
 * @returns A finite number of milliseconds >= 0, or `null`.
 *
 * @example
 * ```ts
 * retryAfterMs(new CircuitOpenError('api', 'open', 4_000), scheduler.now());       // 4000
 * retryAfterMs({ headers: new Headers({ 'Retry-After': '120' }) }, 0);             // 120000
 * retryAfterMs({ response: { headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' } } },
 *   Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'));                                   // 60000
 * retryAfterMs(new Error('boom'), 0);                                               // null
 * ```
 */
export function retryAfterMs(error: unknown, now: number): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { retryAfterMs: own, headers, response } = error as {
    retryAfterMs?: unknown;
    headers?: unknown;
    response?: { headers?: unknown } | null;
  };
  if (typeof own === 'number' && Number.isFinite(own)) return own > 0 ? own : 0;
  const value = headerValue(headers) ?? (typeof response === 'object' && response !== null ? headerValue(response.headers) : undefined);
  return value === undefined ? null : parseRetryAfter(value, now);
}

function headerValue(headers: unknown): unknown {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') return (get as (name: string) => unknown).call(headers, 'Retry-After') ?? undefined;
  const record = headers as Record<string, unknown>;
  if (record['retry-after'] !== undefined) return record['retry-after'];
  const key = Object.keys(record).find((name) => name.toLowerCase() === 'retry-after');
  return key === undefined ? undefined : record[key];
}

const DELTA_SECONDS = /^\d+(?:\.\d+)?$/;

function parseRetryAfter(raw: unknown, now: number): number | null {
  const value = Array.isArray(raw) ? (raw[0] as unknown) : raw;
  if (typeof value === 'number') return value >= 0 ? finite(value * 1_000) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (DELTA_SECONDS.test(text)) return finite(Number(text) * 1_000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return at > now ? at - now : 0;
}

function finite(ms: number): number | null {
  return ms < Infinity ? ms : null;
}
