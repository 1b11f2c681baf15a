import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CircuitBreaker, CircuitBreakerRegistry } from '../../index.js';
import { sendError, sendJson } from './http.js';
import { isSameOrigin } from './isSameOrigin.js';

/** The state-changing requests, by the last segment of `POST <path>/api/breakers/:name/<action>`. */
export const CONTROL_ACTIONS: Readonly<Record<string, (breaker: CircuitBreaker) => void>> = {
  reset: (b) => b.reset(),
  'force-open': (b) => b.forceOpen(),
  'force-close': (b) => b.forceClose(),
};

/** @internal Runs `authorize`; a missing one, a throw, a rejection or anything but `true` is a no. */
export async function isAuthorized(req: IncomingMessage, authorize: ((req: IncomingMessage) => boolean | Promise<boolean>) | undefined): Promise<boolean> {
  if (authorize === undefined) return false;
  try {
    return (await authorize(req)) === true;
  } catch {
    return false;
  }
}

/**
 * @internal A control request. The checks run from the cheapest to the one that reveals most:
 * controls enabled, same origin, `authorize`, and only then whether the breaker exists, so a
 * caller who may not act learns nothing about the names. A lookup never creates a breaker.
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  registry: CircuitBreakerRegistry,
  authorize: ((req: IncomingMessage) => boolean | Promise<boolean>) | undefined,
  name: string,
  action: string,
): Promise<void> {
  if (authorize === undefined) return sendError(req, res, 403, 'forbidden', 'The dashboard is read-only: it was created without authorize.');
  if (!isSameOrigin(req)) return sendError(req, res, 403, 'forbidden', 'Cross-origin request refused: Origin or Sec-Fetch-Site must match the Host.');
  if (!(await isAuthorized(req, authorize))) return sendError(req, res, 403, 'forbidden', 'Not authorized to control circuit breakers.');
  const breaker = registry.breakers().find((b) => b.name === name);
  if (breaker === undefined) return sendError(req, res, 404, 'not_found', `No circuit breaker named ${JSON.stringify(name)}.`);
  CONTROL_ACTIONS[action]?.(breaker);
  sendJson(req, res, 200, { breaker: name, action, stats: breaker.stats() });
}
