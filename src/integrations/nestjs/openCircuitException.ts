import type { ExecutionContext } from '@nestjs/common';
import { HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import type { CircuitOpenError } from '../../index.js';
import { isCircuitOpenError } from '../../index.js';

/**
 * The JSON body of the 503 a request rejected by an open circuit gets.
 *
 * @example
 * ```ts
 * const res = await fetch('http://localhost:3000/quotes/42');
 * if (res.status === 503) console.log((await res.json()) as OpenCircuitBody, res.headers.get('retry-after'));
 * // { statusCode: 503, error: 'Service Unavailable', message: "Circuit breaker 'quotes-api' is open", breaker: 'quotes-api', state: 'open', retryAfterMs: 8400 } '9'
 * ```
 */
export interface OpenCircuitBody {
  statusCode: 503;
  error: 'Service Unavailable';
  message: string;
  /** The breaker that rejected the request. */
  breaker: string;
  /** Its state: `open`, `half_open` (every trial taken) or `forced_open`. */
  state: string;
  /** Milliseconds until the break ends, `null` when unknown (`forced_open`). */
  retryAfterMs: number | null;
}

/**
 * @internal The 503 for a call an open circuit rejected. `Retry-After` goes on the response
 * now, so that Nest's exception filters (the default one or the application's) send it along.
 */
export function openCircuitException(error: CircuitOpenError, context: ExecutionContext): ServiceUnavailableException {
  if (error.retryAfterMs !== null) {
    setHeader(context.switchToHttp().getResponse(), 'Retry-After', String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))));
  }
  const body: OpenCircuitBody = {
    statusCode: HttpStatus.SERVICE_UNAVAILABLE,
    error: 'Service Unavailable',
    message: `Circuit breaker '${error.breakerName}' is ${error.state}`,
    breaker: error.breakerName,
    state: error.state,
    retryAfterMs: error.retryAfterMs,
  };
  return new ServiceUnavailableException(body, { cause: error });
}

/** @internal The 503 for an open circuit's rejection in an HTTP request; any other error, unchanged. */
export function httpError(error: unknown, context: ExecutionContext): unknown {
  return isCircuitOpenError(error) && context.getType() === 'http' ? openCircuitException(error, context) : error;
}

interface HeaderTarget {
  headersSent?: boolean;
  raw?: { headersSent?: boolean };
  header?: (name: string, value: string) => unknown;
  setHeader?: (name: string, value: string) => unknown;
}

// Express has setHeader (and header), Fastify's reply has header; once a stream has sent its
// headers, only an error event can follow.
function setHeader(response: HeaderTarget, name: string, value: string): void {
  if (response.headersSent === true || response.raw?.headersSent === true) return;
  if (typeof response.header === 'function') response.header(name, value);
  else response.setHeader?.(name, value);
}
