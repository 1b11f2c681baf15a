import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';

/** How the fake dependency answers. `hang` holds requests until `release()`. */
export type DependencyMode = 'ok' | 'fail' | 'hang';

/** One request that reached the dependency. */
export interface Arrival {
  at: number;
  from: string;
  /** The state the caller's breaker was in when it admitted the call (`half_open`: a trial). */
  admittedIn: string;
}

/**
 * A tiny HTTP dependency in the test process that counts every request reaching it (and
 * from which worker, `?from=`), so tests assert what got through the breakers.
 */
export class Dependency {
  mode: DependencyMode = 'ok';
  delayMs = 0;
  readonly arrivals: Arrival[] = [];
  private held: ServerResponse[] = [];

  private constructor(private readonly server: Server) {}

  static start(): Promise<Dependency> {
    return new Promise((resolve) => {
      let dep: Dependency;
      const server = createServer((req, res) => dep.handle(req, res));
      dep = new Dependency(server);
      server.listen(0, '127.0.0.1', () => resolve(dep));
    });
  }

  url(from: string): string {
    const address = this.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    return `http://127.0.0.1:${port}/?from=${encodeURIComponent(from)}`;
  }

  /** Answers every held request with `status`. */
  release(status = 200): void {
    for (const res of this.held.splice(0)) res.writeHead(status).end();
  }

  close(): Promise<void> {
    this.release(503);
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    this.arrivals.push({ at: Date.now(), from: query.get('from') ?? '?', admittedIn: query.get('admittedIn') ?? '?' });
    if (this.mode === 'hang') {
      this.held.push(res);
      return;
    }
    const status = this.mode === 'ok' ? 200 : 500;
    if (this.delayMs > 0) setTimeout(() => res.writeHead(status).end(), this.delayMs);
    else res.writeHead(status).end();
  }
}
