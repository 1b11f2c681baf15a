import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CallSummary, InitRequest } from '../fixtures/worker.js';

const WORKER = fileURLToPath(new URL('../fixtures/worker.ts', import.meta.url));

/** Something a worker pushed: a breaker's state change or its store's status. */
export type WorkerEvent =
  | { event: 'state'; name: string; from: string; to: string; reason: string; detail: string | null; at: number }
  | { event: 'status'; status: 'connected' | 'degraded'; at: number };

/**
 * One service instance in its own Node process (fixtures/worker.ts), driven over IPC. A
 * process serves several scenarios (`init` replaces its client, store and registry), because
 * starting one (tsx, two Redis clients) takes seconds on a busy machine.
 */
export class Worker {
  readonly events: WorkerEvent[] = [];
  readonly exited: Promise<number | null>;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly listeners = new Set<() => void>();
  instanceId = '';

  private constructor(
    readonly label: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.on('message', (msg: { id?: number; result?: unknown; error?: string; event?: string }) => {
      if (msg.id !== undefined) {
        const waiter = this.waiting.get(msg.id);
        this.waiting.delete(msg.id);
        if (msg.error !== undefined) waiter?.reject(new Error(`${label}: ${msg.error}`));
        else waiter?.resolve(msg.result);
      } else if (msg.event === 'state' || msg.event === 'status') {
        this.events.push(msg as WorkerEvent);
        this.listeners.forEach((l) => l());
      }
    });
    void this.exited.then(() => {
      for (const w of this.waiting.values()) w.reject(new Error(`${label} exited`));
      this.waiting.clear();
    });
  }

  /** Starts a worker process; resolves once it listens. */
  static async spawn(label: string, timeoutMs = 60_000): Promise<Worker> {
    const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`${label} exited (${code}) before it was ready`)));
    });
    await withTimeout(ready, timeoutMs, `${label} to start`).catch((error: unknown) => {
      child.kill('SIGKILL');
      throw error;
    });
    return new Worker(label, child);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** (Re)creates the worker's Redis client, store and registry; forgets past events. */
  async init(init: InitRequest): Promise<void> {
    this.events.length = 0;
    this.instanceId = await this.request<string>({ op: 'init', ...init }, 20_000);
  }

  request<T>(message: Record<string, unknown>, timeoutMs = 10_000): Promise<T> {
    const id = this.nextId++;
    const reply = new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    });
    this.child.send({ ...message, id });
    return withTimeout(reply, timeoutMs, `${this.label} to answer ${String(message.op)}`);
  }

  create(names: string[]): Promise<number> {
    return this.request({ op: 'create', names }, 30_000);
  }

  call(name: string, mode: 'ok' | 'fail' | 'http', times: number, url?: string): Promise<CallSummary> {
    return this.request({ op: 'call', name, mode, times, url }, 30_000);
  }

  hammer(name: string, mode: 'ok' | 'fail' | 'http', intervalMs: number, url?: string): Promise<boolean> {
    return this.request({ op: 'hammer', name, mode, intervalMs, url });
  }

  stopHammer(): Promise<CallSummary> {
    return this.request({ op: 'stop' });
  }

  async state(name: string): Promise<string> {
    const states = await this.request<Record<string, string>>({ op: 'states', names: [name] });
    return states[name]!;
  }

  /** The first event (past or future) matching `predicate`, within `timeoutMs`. */
  waitFor(predicate: (e: WorkerEvent) => boolean, timeoutMs: number, what: string): Promise<WorkerEvent> {
    const found = this.events.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    let listener = () => undefined as void;
    return withTimeout(
      new Promise<WorkerEvent>((resolve) => {
        listener = () => {
          const match = this.events.find(predicate);
          if (match !== undefined) resolve(match);
        };
        this.listeners.add(listener);
      }),
      timeoutMs,
      `${this.label}: ${what}`,
    ).finally(() => this.listeners.delete(listener));
  }

  /** Waits for breaker `name` to reach `state` (a state_change event at or after `after`). */
  waitForState(name: string, state: string, timeoutMs: number, after = 0): Promise<WorkerEvent> {
    return this.waitFor((e) => e.event === 'state' && e.name === name && e.to === state && e.at >= after, timeoutMs, `${name} -> ${state}`);
  }

  /** Waits for the store's status to become `status` at or after `after`. */
  waitForStatus(status: 'connected' | 'degraded', timeoutMs: number, after = 0): Promise<WorkerEvent> {
    return this.waitFor((e) => e.event === 'status' && e.status === status && e.at >= after, timeoutMs, `store ${status}`);
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    this.child.kill(signal);
    return this.exited;
  }

  /** Disposes the registry and store, then ends the process. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    await this.request({ op: 'dispose' }).catch(() => undefined);
    this.child.disconnect();
    await withTimeout(this.exited, 5_000, `${this.label} to exit`).catch(() => this.child.kill('SIGKILL'));
  }
}

/** Rejects when `promise` takes longer than `ms`: every wait in these tests is bounded. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Polls `check` until it returns true, within `timeoutMs`. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
