import type { IncomingMessage } from 'node:http';

/**
 * @internal True when a browser says the request comes from a page of the host it is sent to:
 * `Sec-Fetch-Site`, when present, must be `same-origin`, and `Origin`, when present, must name
 * the `Host` the request was sent to. A request with neither header is refused, so a
 * cross-site form or script can never drive the controls, whatever cookies it carries.
 */
export function isSameOrigin(req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (host === undefined || host === '') return false;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return site === 'same-origin';
  try {
    const from = new URL(origin);
    // Parse Host with the origin's scheme, so default ports compare equal (`:443` = none).
    return (from.protocol === 'http:' || from.protocol === 'https:') && from.host === new URL(`${from.protocol}//${host}`).host;
  } catch {
    return false; // `null`, or not a URL
  }
}
