import { AsyncPipe } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
// In an application: from 'rxjs-circuit-breaker' and 'rxjs-circuit-breaker/angular'.
import { isCircuitOpenError } from '../../index.js';
import { injectCircuitBreaker } from '../../src/integrations/angular/index.js';

/**
 * A status badge bound to the breaker of this page's host (the interceptor's default name
 * for relative URLs), and a button that calls the flaky endpoint through it.
 */
@Component({
  selector: 'app-root',
  imports: [AsyncPipe],
  template: `
    <h1>rxjs-circuit-breaker · Angular</h1>
    <p>
      Breaker <code>{{ breaker.name }}</code>:
      <span class="badge" [attr.data-state]="breaker.state$ | async">{{ breaker.state$ | async }}</span>
    </p>
    <p class="stats">
      state() signal: <b>{{ state() }}</b> · calls {{ stats()?.totalCalls }} · failed {{ stats()?.failedCalls }}
      · rejected {{ stats()?.rejectedCalls }} · retry after {{ stats()?.retryAfterMs ?? '–' }} ms
    </p>
    <button type="button" (click)="call()">Call /api/flaky</button>
    <ol class="log">
      @for (line of log(); track $index) {
        <li>{{ line }}</li>
      }
    </ol>
  `,
  styles: `
    :host { font: 16px system-ui, sans-serif; display: block; max-width: 40rem; margin: 2rem auto; }
    .badge { padding: 0.2rem 0.7rem; border-radius: 1rem; color: white; background: #2e7d32; font-weight: 600; }
    .badge[data-state='open'], .badge[data-state='forced_open'] { background: #c62828; }
    .badge[data-state='half_open'] { background: #ef6c00; }
    button { font-size: 1rem; padding: 0.5rem 1rem; }
    .log { font-family: ui-monospace, monospace; font-size: 0.85rem; }
  `,
})
export class App {
  private readonly http = inject(HttpClient);
  /** The interceptor names a breaker after the request's host; relative URLs resolve to this page's. */
  readonly breaker = injectCircuitBreaker(location.host);
  readonly state = toSignal(this.breaker.state$, { requireSync: true });
  readonly stats = toSignal(this.breaker.stats$);
  readonly log = signal<string[]>([]);

  call(): void {
    this.http.get<{ message: string }>('/api/flaky').subscribe({
      next: (body) => this.write(`200 ${body.message}`),
      error: (error: unknown) =>
        this.write(
          isCircuitOpenError(error)
            ? `rejected without a request: ${error.message}`
            : `${(error as { status?: number }).status} ${(error as { statusText?: string }).statusText}`,
        ),
    });
  }

  private write(line: string): void {
    this.log.update((lines) => [`${new Date().toLocaleTimeString()} ${line}`, ...lines].slice(0, 12));
  }
}
