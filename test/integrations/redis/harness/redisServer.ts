import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The `redis-server` binary (env `REDIS_SERVER`, else the PATH), or null. When it is
 * missing the real-Redis suites say so and are skipped locally; with `CI` set, a missing
 * server is a failure (see `redisSuite`).
 */
export function findRedisServer(): string | null {
  const fromEnv = process.env.REDIS_SERVER;
  if (fromEnv !== undefined && existsSync(fromEnv)) return fromEnv;
  for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (existsSync(candidate)) return candidate;
  try {
    return execFileSync('which', ['redis-server'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** A free loopback port (released just before use; redis-server binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A throwaway redis-server on a loopback port, in its own temp dir, persisting nothing. */
export class RedisServer {
  private process: ChildProcess | null = null;

  private constructor(
    private readonly bin: string,
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(bin: string): Promise<RedisServer> {
    const server = new RedisServer(bin, await freePort(), mkdtempSync(join(tmpdir(), 'rxcb-redis-')));
    await server.launch();
    return server;
  }

  /** True while the server process runs. */
  get running(): boolean {
    return this.process !== null && this.process.exitCode === null;
  }

  /** Starts the server again if a scenario left it killed. */
  async ensureRunning(): Promise<void> {
    if (!this.running) await this.launch();
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Kills the server at once (SIGKILL), as a crash would; resolves when it is gone. */
  async kill(): Promise<void> {
    const proc = this.process;
    this.process = null;
    if (proc === null || proc.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGKILL');
    await gone;
  }

  /** Starts a fresh, empty server on the same port (as after a crash without persistence). */
  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  /** Kills the server and removes its directory. */
  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private launch(timeoutMs = 5_000): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir];
    const proc = spawn(this.bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = proc;
    return new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => fail(new Error(`redis-server not ready within ${timeoutMs} ms:\n${output}`)), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        proc.kill('SIGKILL');
        reject(error);
      };
      proc.once('exit', (code) => fail(new Error(`redis-server exited with ${code}:\n${output}`)));
      proc.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          proc.removeAllListeners('exit');
          resolve();
        }
      });
    });
  }
}
