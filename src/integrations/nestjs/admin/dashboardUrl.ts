import type { IncomingMessage } from 'node:http';

/**
 * @internal Points `req.url` at the dashboard's own path (what `app.use(mount, handler)` would
 * do), keeping the full URL in `originalUrl`, which the dashboard reads for its redirect to
 * the trailing slash. The mount path may sit behind a global prefix.
 */
export function dashboardUrl(req: IncomingMessage & { originalUrl?: string }, mount: string): void {
  const original = req.originalUrl ?? req.url ?? '/';
  req.originalUrl = original;
  const end = original.search(/[?#]/);
  const path = end === -1 ? original : original.slice(0, end);
  let at = path.indexOf(mount);
  while (at !== -1 && path.length > at + mount.length && path[at + mount.length] !== '/') at = path.indexOf(mount, at + 1);
  const rest = at === -1 ? '/' : path.slice(at + mount.length) || '/';
  req.url = rest + (end === -1 ? '' : original.slice(end));
}
