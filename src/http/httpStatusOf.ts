/**
 * The HTTP status code an error carries, or `null` when it carries none.
 *
 * Reads, in order: the error's own `status` (Angular's `HttpErrorResponse`, where 0 means
 * the request never got an answer; a fetch `Response` thrown as an error; NestJS's
 * `HttpException`), its own `statusCode` (http-errors, Fastify), its `getStatus()` (NestJS),
 * then the same fields on `error.response` (axios, got, ky: a plain response object or a
 * fetch `Response`). Only 0 and integers from 100 to 999 count as statuses, so a process
 * exit code in `status` or a string such as `'error'` is not mistaken for one.
 *
 * Never throws: a getter that throws reads as "no status".
 *
 * @param error - Anything thrown or emitted as an error.
 * @returns The status code, or `null`.
 *
 * @example
 * ```ts
 * import { HttpErrorResponse } from '@angular/common/http';
 * import { httpStatusOf } from 'rxjs-circuit-breaker';
 *
 * httpStatusOf(new HttpErrorResponse({ status: 503 }));            // 503
 * httpStatusOf(new Response(null, { status: 429 }));               // 429
 * httpStatusOf({ message: 'x', response: { status: 502 } });       // 502 (axios)
 * httpStatusOf(Object.assign(new Error('x'), { statusCode: 404 })); // 404
 * httpStatusOf(new Error('boom'));                                  // null
 * ```
 */
export function httpStatusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  try {
    const own = statusOn(error);
    if (own !== null) return own;
    const { getStatus, response } = error as { getStatus?: unknown; response?: unknown };
    if (typeof getStatus === 'function') {
      const status = asStatus(getStatus.call(error));
      if (status !== null) return status;
    }
    return typeof response === 'object' && response !== null ? statusOn(response) : null;
  } catch {
    return null;
  }
}

function statusOn(value: object): number | null {
  const { status, statusCode } = value as { status?: unknown; statusCode?: unknown };
  return asStatus(status) ?? asStatus(statusCode);
}

function asStatus(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && (value === 0 || (value >= 100 && value <= 999)) ? value : null;
}
